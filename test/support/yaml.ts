import * as fs from "node:fs";

// js-yaml ships no types; reading a file is all the tests ask of it.
const jsYaml = require("js-yaml") as { load(text: string): unknown };

export function readYaml(file: string): unknown {
  return jsYaml.load(fs.readFileSync(file, "utf8"));
}
