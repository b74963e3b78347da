/**
 * Parsing YAML is the largest part of what deploy repeats on unchanged files (the yaml library
 * runs cold in every process). A document that parsed without a single diagnostic is recorded
 * as its JSON value (source/verdict-cache.ts: per build, per user), and the next process takes
 * the value from the record; positions, needed only to point at a problem a later check finds,
 * are computed by a real parse the first time one is asked for. Values JSON cannot carry
 * exactly (.inf, .nan) are never recorded.
 */
import { parse } from "yaml";
import { type ParsedDocument, parseDocumentText } from "./parse-document.js";
import { rememberedCheck } from "./verdict-cache.js";

/** Where records go and for which build (tests say; the CLI uses the defaults). */
export interface RecordStore {
  dir?: string;
  buildId?: string;
}

/** parseDocumentText, answered from the record when this text parsed cleanly before. */
export async function parseDocumentTextRemembered(
  text: string,
  file: string,
  codePrefix: string,
  store: RecordStore = {},
): Promise<ParsedDocument> {
  let parsed: ParsedDocument | undefined;
  const full = (): ParsedDocument => {
    parsed ??= parseDocumentText(text, file, codePrefix);
    return parsed;
  };
  const value = await rememberedCheck(
    `parsed-document:${codePrefix}`,
    [text],
    () => {
      const doc = full();
      return doc.diagnostics.length === 0 && doc.value !== undefined ? { value: doc.value } : undefined;
    },
    (result) => result !== undefined && jsonExact(result.value),
    store.dir,
    ...(store.buildId !== undefined ? [store.buildId] : []),
  );
  if (!value || parsed) return full();
  return {
    file,
    value: value.value,
    diagnostics: [],
    locate: (path) => full().locate(path),
    locateKey: (path) => full().locateKey(path),
  };
}

/** yaml's plain parse (no positions) of a document known to be valid, remembered the same way. */
export async function parseYamlRemembered(text: string, store: RecordStore = {}): Promise<unknown> {
  const result = await rememberedCheck(
    "parsed-yaml",
    [text],
    () => ({ value: parse(text) as unknown }),
    (r) => jsonExact(r.value),
    store.dir,
    ...(store.buildId !== undefined ? [store.buildId] : []),
  );
  return result.value;
}

/** Whether JSON gives this value back as it is: no non-finite numbers, -0 or non-plain objects. */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonExact);
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as Record<string, unknown>).every(jsonExact);
  }
  return false;
}
