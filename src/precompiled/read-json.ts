import { readFileSync } from "node:fs";

const cache = new Map<string, unknown>();

/** A JSON file of the installation (a schema), parsed once per process. */
export function readJson(file: string): unknown {
  let value = cache.get(file);
  if (value === undefined) {
    value = JSON.parse(readFileSync(file, "utf8"));
    cache.set(file, value);
  }
  return value;
}
