import { fileURLToPath, pathToFileURL } from "node:url";

/** The server works on file paths; the protocol speaks URIs. Only file: URIs map to paths. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
