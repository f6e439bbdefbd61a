/**
 * Single-file migrations that hold both directions, split by a marker comment: goose
 * (`-- +goose Up` / `-- +goose Down`), sql-migrate (`-- +migrate Up` / `Down`) and dbmate
 * (`-- migrate:up` / `-- migrate:down`). Replaying the whole file would undo its own upgrade.
 */
export type SectionFormat = "goose" | "sql-migrate" | "dbmate";

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface MigrationSections {
  /** Marker found, if any; without one the whole text is the upgrade. */
  readonly format?: SectionFormat;
  readonly up: TextSpan;
  readonly down?: TextSpan;
}

const MARKERS: readonly { readonly format: SectionFormat; readonly up: string; readonly down: string }[] = [
  { format: "goose", up: "-- +goose up", down: "-- +goose down" },
  { format: "sql-migrate", up: "-- +migrate up", down: "-- +migrate down" },
  { format: "dbmate", up: "-- migrate:up", down: "-- migrate:down" },
];

export function migrationSections(text: string): MigrationSections {
  let format: SectionFormat | undefined;
  let up: TextSpan | undefined;
  let down: TextSpan | undefined;
  let open: { direction: "up" | "down"; start: number } | undefined;
  const close = (at: number): void => {
    if (open?.direction === "up") up ??= { start: open.start, end: at };
    else if (open) down ??= { start: open.start, end: at };
  };
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).trim().toLowerCase();
    for (const marker of MARKERS) {
      const direction = startsWithWord(line, marker.up) ? "up" : startsWithWord(line, marker.down) ? "down" : undefined;
      if (!direction || (format !== undefined && format !== marker.format)) continue;
      format = marker.format;
      close(lineStart);
      open = { direction, start: newline < 0 ? text.length : newline + 1 };
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  close(text.length);
  if (!format) return { up: { start: 0, end: text.length } };
  return { format, up: up ?? { start: 0, end: 0 }, ...(down ? { down } : {}) };
}

/** `-- +goose Up` but not `-- +goose UpgradeSomething`; options may follow (`-- +goose Down NO TRANSACTION`). */
function startsWithWord(line: string, marker: string): boolean {
  if (!line.startsWith(marker)) return false;
  const next = line[marker.length];
  return next === undefined || next === " " || next === "\t";
}
