import type { RevisionFile } from "../alembic/revisionFile";
import { LineIndex } from "../text/lineIndex";

/**
 * A parsed migration as the cache keeps it: JSON, with Maps, Sets and undefined spelled so they
 * come back as they were. The text (and its line index, rebuilt from it) is not kept: the caller
 * has it, since it is part of the key.
 */
const MAP = "\u0001map";
const SET = "\u0001set";
const UNDEFINED = "\u0001undefined";
/** Changes whenever what is kept changes shape. */
const FORMAT = 1;

export interface CachedReading {
  readonly file: RevisionFile;
  /** The project's modules the reading followed helpers into, with the text each had. */
  readonly modules?: ReadonlyMap<string, string>;
}

export function encodeReading(reading: CachedReading): string {
  const { text: _text, lines: _lines, ...rest } = reading.file;
  return JSON.stringify({ reading: FORMAT, file: rest, modules: reading.modules ? [...reading.modules] : [] }, (_key, value: unknown) => {
    if (value === undefined) return { [UNDEFINED]: 0 };
    if (value instanceof Map) return { [MAP]: [...value] };
    if (value instanceof Set) return { [SET]: [...value] };
    return value;
  });
}

/** The reading kept for `path` with this `text`; undefined when the value is not one this codec wrote. */
export function decodeReading(value: string, path: string, text: string): CachedReading | undefined {
  try {
    const parsed = revive(JSON.parse(value)) as { reading?: unknown; file?: Record<string, unknown>; modules?: [string, string][] } | undefined;
    if (parsed?.reading !== FORMAT || !parsed.file || parsed.file["path"] !== path || !Array.isArray(parsed.modules)) return undefined;
    const file = { ...parsed.file, text, lines: new LineIndex(text) } as unknown as RevisionFile;
    return { file, ...(parsed.modules.length > 0 ? { modules: new Map(parsed.modules) } : {}) };
  } catch {
    return undefined;
  }
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (UNDEFINED in object) return undefined;
  if (MAP in object) return new Map(revive(object[MAP]) as [unknown, unknown][]);
  if (SET in object) return new Set(revive(object[SET]) as unknown[]);
  for (const key of Object.keys(object)) object[key] = revive(object[key]);
  return object;
}
