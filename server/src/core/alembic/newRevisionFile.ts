import * as path from "node:path";
import { percentFormat } from "../python/percentFormat";

/** Alembic's `_rev_path`: `file_template` (default `%(rev)s_%(slug)s`) filled in, plus `.py`. */
export function newRevisionFileName(options: { id: string; message: string; date: AlembicDate; fileTemplate?: string; truncateSlugLength?: number }): string {
  const limit = options.truncateSlugLength && options.truncateSlugLength > 0 ? options.truncateSlugLength : 40;
  let slug = (options.message.match(/[\p{L}\p{N}_]+/gu) ?? []).join("_").toLowerCase();
  if (slug.length > limit) {
    const cut = slug.slice(0, limit);
    slug = `${cut.lastIndexOf("_") < 0 ? cut : cut.slice(0, cut.lastIndexOf("_"))}_`;
  }
  const d = options.date;
  const name = percentFormat(options.fileTemplate ?? "%(rev)s_%(slug)s", {
    rev: options.id,
    slug,
    epoch: d.epoch,
    year: d.year,
    month: d.month,
    day: d.day,
    hour: d.hour,
    minute: d.minute,
    second: d.second,
  });
  return `${name.split("/").join(path.sep)}.py`;
}

/** A creation date as Python's datetime shows it, in the local zone or the configured `timezone`. */
export interface AlembicDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly epoch: number;
  /** `str(datetime)`: `2024-01-10 09:00:00.123000`, with `+02:00` when a zone is configured. */
  readonly text: string;
}

export function alembicDate(now: Date, timezone?: string): AlembicDate {
  let parts = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate(), hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() };
  let offset = "";
  if (timezone) {
    try {
      const format = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", timeZoneName: "longOffset" });
      const get = (type: string): string => format.formatToParts(now).find((p) => p.type === type)?.value ?? "";
      parts = { year: +get("year"), month: +get("month"), day: +get("day"), hour: +get("hour"), minute: +get("minute"), second: +get("second") };
      offset = get("timeZoneName").replace(/^GMT$/, "GMT+00:00").replace(/^GMT/, "");
    } catch {
      // An unknown zone: Alembic would refuse; local time is the useful answer.
    }
  }
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const micro = now.getMilliseconds() * 1000;
  // Python leaves the fraction out when it is zero.
  const fraction = micro === 0 ? "" : `.${pad(micro, 6)}`;
  const text = `${parts.year}-${pad(parts.month)}-${pad(parts.day)} ${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}${fraction}${offset}`;
  return { ...parts, epoch: Math.floor(now.getTime() / 1000), text };
}
