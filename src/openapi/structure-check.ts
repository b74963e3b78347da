/**
 * Structural OpenAPI validation as @apidevtools/swagger-parser does it, on a deep copy, with
 * every file read going through the DocumentSet (confined to the schema's directory) and the
 * HTTP resolver switched off, so nothing is fetched. Its errors become diagnostics at the
 * offending node. For OpenAPI 3.0 (what Bedrock accepts) its steps are run here directly —
 * dereference, the 3.0 JSON Schema, the circular-$ref verdict; its spec checks are Swagger 2
 * only — with that schema compiled at build time (src/precompiled/) instead of on every call;
 * anything else goes through swagger-parser itself.
 */
import { createRequire } from "node:module";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic, START } from "../diagnostics.js";
import { validatorsOf } from "../precompiled/load.js";
import { OPENAPI_SET } from "../precompiled/validator-sets.js";
import type { DocumentSet } from "./documents.js";
import { opaqueBedrockError } from "./limits.js";
import { child, deref, isObject, type Located } from "./refs.js";

interface AjvError {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Most structural reports we print for one file; past that the first ones are the ones to fix. */
const MAX_STRUCTURE_DIAGNOSTICS = 20;

/** swagger-parser's `supported30Versions` (lib/index.js): the versions it validates with the 3.0 schema. */
const OPENAPI_30_VERSIONS = ["3.0.0", "3.0.1", "3.0.2", "3.0.3", "3.0.4"];

interface RefParser {
  dereference(path: string, schema: object, options: object): Promise<object>;
  schema: object;
  $refs: { circular: boolean };
}
type RefParserClass = new () => RefParser;
type SwaggerParserClass = new () => {
  validate(path: string, api: object, options: object): Promise<unknown>;
};

const require = createRequire(import.meta.url);
/** Loaded on first use; json-schema-ref-parser is swagger-parser's own, resolved from it. */
const swaggerParser = () => require("@apidevtools/swagger-parser") as SwaggerParserClass;
const refParser = () =>
  (
    createRequire(require.resolve("@apidevtools/swagger-parser"))("@apidevtools/json-schema-ref-parser") as {
      $RefParser: RefParserClass;
    }
  ).$RefParser;

export async function checkStructure(set: DocumentSet, actionGroupName: string): Promise<Diagnostic[]> {
  const root = set.root;
  const copy = structuredClone(root.value) as Record<string, unknown>;
  const options = {
    resolve: {
      external: true,
      http: false,
      file: {
        order: 1,
        // Everything but URLs with a scheme other than file: (which are never fetched).
        canRead: (file: { url: string }) =>
          /^file:/i.test(file.url) || !/^[a-z][a-z0-9+.-]*:/i.test(file.url),
        async read(file: { url: string }) {
          const outcome = await set.load(decodeURI(file.url.replace(/^file:\/\//i, "")));
          if ("error" in outcome) throw new Error(outcome.error);
          return structuredClone(outcome.doc.value);
        },
      },
    },
    // The resolver already hands over parsed values; only the pass-through JSON parser is needed.
    parse: { json: { order: 1, canParse: true }, yaml: false, text: false, binary: false },
    dereference: { circular: false },
  };

  const hint = opaqueBedrockError(actionGroupName);
  try {
    if (isOpenApi30(copy)) {
      // swagger-parser's validate(): dereference leaving circular $refs in place, validate
      // against the schema, then refuse circular $refs.
      // Without a single $ref, dereferencing changes nothing: json-schema-ref-parser (and the
      // YAML parser it loads) is not needed at all.
      let api: unknown = copy;
      let circular = false;
      if (containsRef(copy)) {
        const parser = new (refParser())();
        await parser.dereference(root.file, copy, { ...options, dereference: { circular: "ignore" } });
        api = parser.schema;
        circular = parser.$refs.circular;
      }
      const validate = validatorsOf(OPENAPI_SET).get("v3.0");
      if (validate && !validate(api)) return ajvDiagnostics(set, validate.errors ?? [], hint);
      return circular ? [circularRefs(root.file, hint)] : [];
    }
    await new (swaggerParser())().validate(root.file, copy, options);
    return [];
  } catch (e) {
    const err = e as Error & { details?: AjvError[] };
    if (Array.isArray(err.details)) return ajvDiagnostics(set, err.details, hint);
    const firstLine = (err.message ?? String(e)).split("\n")[0] ?? "";
    if (err instanceof ReferenceError && /circular/i.test(firstLine)) return [circularRefs(root.file, hint)];
    return [diagnostic(root.file, START, "error", "openapi/structure", firstLine, hint)];
  }
}

/** What swagger-parser's parse() accepts as OpenAPI 3.0 before validating it with the 3.0 schema. */
function isOpenApi30(api: Record<string, unknown>): boolean {
  const info = api.info as { version?: unknown } | undefined;
  return (
    !api.swagger &&
    api.paths !== undefined &&
    typeof api.openapi === "string" &&
    OPENAPI_30_VERSIONS.includes(api.openapi) &&
    !(info && typeof info.version === "number")
  );
}

/** Whether any object holds a `$ref` key (what json-schema-ref-parser would look at). */
function containsRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsRef);
  if (!isObject(value)) return false;
  return Object.hasOwn(value, "$ref") || Object.values(value).some(containsRef);
}

function circularRefs(file: string, hint: string): Diagnostic {
  return diagnostic(
    file,
    START,
    "error",
    "openapi/ref-circular",
    "The schema contains circular $refs.",
    hint,
  );
}

function ajvDiagnostics(set: DocumentSet, errors: AjvError[], hint: string): Diagnostic[] {
  const relevant = mostSpecific(errors).filter((e) => !relaxedByBedrock(e));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of relevant) {
    const tokens = pointerTokens(e.instancePath);
    const node = nearestNode(set, tokens);
    const extra = typeof e.params?.additionalProperty === "string" ? e.params.additionalProperty : undefined;
    const at = extra !== undefined ? node.doc.locateKey([...node.path, extra]) : node.doc.locate(node.path);
    const message = `${describePath(tokens)} ${e.message ?? e.keyword}${extra !== undefined ? `: '${extra}'` : ""}${allowedValues(e)}.`;
    if (seen.has(message)) continue;
    seen.add(message);
    out.push(diagnostic(node.doc.file, at, "error", "openapi/structure", message, hint));
    if (out.length >= MAX_STRUCTURE_DIAGNOSTICS) break;
  }
  return out;
}

/**
 * The OpenAPI 3.0 meta-schema wraps most objects in `oneOf: [Reference, X]` and encodes
 * alternatives (schema XOR content, path parameters) as more oneOfs, so one mistake
 * yields a cascade. Keep the errors that name the actual problem: per node, the errors
 * outside any alternative if there are some, else the alternatives merged into one
 * "must have 'a' or 'b'"; then drop nodes that have more specific errors below them.
 */
function mostSpecific(errors: AjvError[]): AjvError[] {
  const concrete = errors.filter(
    (e) =>
      !["oneOf", "anyOf", "not", "if", "then", "else"].includes(e.keyword) &&
      !(e.keyword === "required" && e.params?.missingProperty === "$ref"),
  );
  const byNode = new Map<string, AjvError[]>();
  for (const e of concrete) byNode.set(e.instancePath, [...(byNode.get(e.instancePath) ?? []), e]);
  const kept: AjvError[] = [];
  for (const [instancePath, group] of byNode) {
    const inBranch = (e: AjvError) => /\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath ?? "");
    const plain = group.filter((e) => !inBranch(e));
    if (plain.length > 0) {
      kept.push(...plain);
    } else if (group.every((e) => e.keyword === "required")) {
      const names = [...new Set(group.map((e) => String(e.params?.missingProperty)))];
      kept.push({
        instancePath,
        keyword: "required",
        message: `must have property ${names.map((n) => `'${n}'`).join(" or ")}`,
        params: { missingProperty: names.join("|") },
      });
    } else {
      kept.push(...group);
    }
  }
  const candidates = kept.length > 0 ? kept : errors;
  const paths = candidates.map((e) => e.instancePath);
  return candidates.filter(
    (e) =>
      e.keyword === "required" ||
      e.keyword === "additionalProperties" ||
      !paths.some((p) => p !== e.instancePath && p.startsWith(`${e.instancePath}/`)),
  );
}

/**
 * OpenAPI requirements that Bedrock's own documentation relaxes (aws-behaviour.md §4.2:
 * its general format has no `info`; `responses` and a parameter's `schema` are listed as
 * optional, so an empty `responses` is no worse than none). The Bedrock rules report
 * those as warnings instead.
 */
function relaxedByBedrock(e: AjvError): boolean {
  const tokens = pointerTokens(e.instancePath);
  // An empty `responses` says no more than a missing one: openapi/responses-empty warns.
  if (e.keyword === "minProperties") {
    return tokens.length === 4 && tokens[0] === "paths" && tokens[3] === "responses";
  }
  if (e.keyword !== "required") return false;
  const missing = e.params?.missingProperty;
  if (tokens.length === 0) return missing === "info";
  if (tokens.length === 3 && tokens[0] === "paths") return missing === "responses";
  return (
    /\/parameters\/\d+$/.test(e.instancePath) &&
    /^(schema|content)(\|(schema|content))*$/.test(String(missing))
  );
}

function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * swagger-parser validated the dereferenced document, so its paths run through `$ref`s:
 * follow them the same way to report inside the file and component that holds the node.
 */
function nearestNode(set: DocumentSet, tokens: string[]): Located {
  let at: Located = { doc: set.root, path: [], value: set.root.value };
  for (const token of tokens) {
    const current = deref(set, at) ?? at;
    const value = current.value;
    const key = Array.isArray(value) && /^\d+$/.test(token) ? Number(token) : token;
    if (!(Array.isArray(value) || isObject(value)) || !Object.hasOwn(value, key)) return current;
    at = child(current, key);
  }
  return at;
}

function allowedValues(e: AjvError): string {
  const allowed = e.params?.allowedValues;
  return Array.isArray(allowed) ? ` (${allowed.map((v) => JSON.stringify(v)).join(", ")})` : "";
}

function describePath(tokens: readonly string[]): string {
  if (tokens.length === 0) return "The document";
  return tokens.map((k) => (/^\d+$/.test(k) ? `[${k}]` : k)).join(" › ");
}
