/**
 * Checks a scripted-model file (an agent's `local.script:`) against
 * schemas/model-script.schema.json, then what a schema cannot say: every
 * `match` compiles as a JavaScript regular expression, templates only use
 * variables that exist, and calls name the agent's action groups and operations.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic, hasErrors, START, sortDiagnostics } from "../diagnostics.js";
import { schemaErrorsToDiagnostics } from "../manifest/schema-errors.js";
import type { PropertyPath } from "../manifest/types.js";
import { validatorsOf } from "../precompiled/load.js";
import { MODEL_SCRIPT_SET } from "../precompiled/validator-sets.js";
import { didYouMean } from "../source/did-you-mean.js";
import { type ParsedDocument, parseDocumentText } from "../source/parse-document.js";
import { rememberedCheck } from "../source/verdict-cache.js";

export interface ModelScriptContext {
  /** The agent's action groups → their operations (operationIds or function names; undefined: unknown). */
  actionGroups?: Readonly<Record<string, readonly string[] | undefined>>;
}

interface Rule {
  match?: unknown;
  call?: { actionGroup?: unknown; operation?: unknown; parameters?: unknown; body?: unknown; text?: unknown };
  ask?: unknown;
  answers?: unknown;
}

/** Variables every template may use besides the match's named groups. */
const OBSERVATION_VARIABLES = ["status", "body", "input"];

export async function checkModelScript(
  file: string,
  context: ModelScriptContext = {},
): Promise<Diagnostic[]> {
  let text: string;
  try {
    if (!(await stat(file)).isFile()) {
      return [
        diagnostic(
          file,
          START,
          "error",
          "script/not-a-file",
          `The model script ${path.basename(file)} is not a file.`,
        ),
      ];
    }
    text = await readFile(file, "utf8");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    return [
      diagnostic(
        file,
        START,
        "error",
        missing ? "script/not-found" : "script/unreadable",
        missing
          ? `The model script ${path.basename(file)} does not exist.`
          : `Cannot read the model script: ${(e as Error).message}.`,
      ),
    ];
  }
  // An unchanged script that passed against the same operations is not checked again.
  return rememberedCheck(
    "model-script",
    [file, text, contextKey(context)],
    () => checkModelScriptText(text, file, context),
    (diagnostics) => diagnostics.length === 0,
  );
}

/** The context as a key: an operation list, "unknown" (undefined) and no such group all differ. */
function contextKey(context: ModelScriptContext): string {
  const groups = context.actionGroups;
  if (groups === undefined) return "no action groups given";
  return JSON.stringify(
    Object.keys(groups)
      .sort()
      .map((name) => [name, groups[name] ?? "unknown"]),
  );
}

function checkModelScriptText(text: string, file: string, context: ModelScriptContext): Diagnostic[] {
  const doc = parseDocumentText(text, file, "script");
  if (hasErrors(doc.diagnostics)) return doc.diagnostics;
  const diagnostics = [...doc.diagnostics];
  const validate = validatorsOf(MODEL_SCRIPT_SET).get("script");
  if (validate && !validate(doc.value)) {
    for (const d of schemaErrorsToDiagnostics(validate.errors ?? [], doc.value, doc))
      diagnostics.push({ ...d, code: d.code.replace(/^manifest\//, "script/") });
  }
  const rules = (doc.value as { rules?: unknown } | undefined)?.rules;
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      if (typeof rule === "object" && rule !== null)
        checkRule(doc, rule as Rule, ["rules", i], context, diagnostics);
    });
  }
  const fallback = (doc.value as { fallback?: unknown } | undefined)?.fallback;
  checkTemplate(doc, fallback, ["fallback"], [], diagnostics);
  return sortDiagnostics(diagnostics);
}

function checkRule(
  doc: ParsedDocument,
  rule: Rule,
  at: PropertyPath,
  context: ModelScriptContext,
  out: Diagnostic[],
) {
  let groups: string[] | undefined = [];
  if (typeof rule.match === "string") {
    try {
      new RegExp(rule.match);
      groups.push(...namedGroups(rule.match));
    } catch (e) {
      groups = undefined; // unknown: templates are not checked against a pattern that does not compile
      const reason = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
      out.push(
        diagnostic(
          doc.file,
          doc.locate([...at, "match"]),
          "error",
          "script/invalid-regex",
          `${label([...at, "match"])} is not a valid regular expression: ${reason}.`,
          "It is a JavaScript regular expression: escape ( ) [ ] { } . * + ? with a backslash to match them literally.",
        ),
      );
    }
  }
  if (rule.call === undefined && rule.answers === undefined && rule.ask === undefined) {
    out.push(
      diagnostic(
        doc.file,
        doc.locateKey(at),
        "error",
        "script/no-answer",
        `${label(at)} neither calls an action nor answers.`,
        'Add `answers: [{ text: "…" }]`, a `call:` and its answers, or `ask: "…"`.',
      ),
    );
  }
  const call = typeof rule.call === "object" && rule.call !== null ? rule.call : undefined;
  if (call) {
    checkCall(doc, call, [...at, "call"], context, out);
    checkTemplate(doc, call.text, [...at, "call", "text"], groups, out);
    for (const kind of ["parameters", "body"] as const) {
      const values = call[kind];
      if (typeof values !== "object" || values === null) continue;
      for (const [name, value] of Object.entries(values))
        checkTemplate(doc, value, [...at, "call", kind, name], groups, out);
    }
  }
  checkTemplate(doc, rule.ask, [...at, "ask"], groups, out);
  if (Array.isArray(rule.answers)) {
    rule.answers.forEach((answer, i) => {
      const textValue =
        typeof answer === "object" && answer !== null ? (answer as { text?: unknown }).text : undefined;
      checkTemplate(doc, textValue, [...at, "answers", i, "text"], groups, out);
    });
  }
}

function checkCall(
  doc: ParsedDocument,
  call: NonNullable<Rule["call"]>,
  at: PropertyPath,
  context: ModelScriptContext,
  out: Diagnostic[],
) {
  const c = call as Record<string, unknown>;
  const collaborator = c.collaborator !== undefined;
  const action = c.actionGroup !== undefined || c.operation !== undefined;
  // Which form a call takes is checked here, not in the schema: "exactly one of two member sets" reads
  // badly as a JSON Schema error, and ajv's strict mode refuses conditional `required` lists.
  if (collaborator === action || (action && (c.actionGroup === undefined || c.operation === undefined))) {
    out.push(
      diagnostic(
        doc.file,
        doc.locateKey(at),
        "error",
        "script/call-form",
        collaborator
          ? `${label(at)} names a collaborator and an action; a call is one or the other.`
          : `${label(at)} needs both actionGroup and operation (or collaborator, for a supervisor).`,
        "Write `call: { actionGroup: …, operation: … }`, or `call: { collaborator: …, text: … }`.",
      ),
    );
    return;
  }
  const groups = context.actionGroups;
  if (!groups || typeof call.actionGroup !== "string") return;
  const names = Object.keys(groups);
  if (!Object.hasOwn(groups, call.actionGroup)) {
    out.push(
      diagnostic(
        doc.file,
        doc.locate([...at, "actionGroup"]),
        "error",
        "script/unknown-action-group",
        `The agent has no action group "${call.actionGroup}".`,
        didYouMean(call.actionGroup, names) ?? `Action groups: ${names.join(", ") || "(none)"}.`,
      ),
    );
    return;
  }
  const operations = groups[call.actionGroup];
  if (!operations || typeof call.operation !== "string" || operations.includes(call.operation)) return;
  out.push(
    diagnostic(
      doc.file,
      doc.locate([...at, "operation"]),
      "error",
      "script/unknown-operation",
      `Action group "${call.actionGroup}" has no operation "${call.operation}".`,
      didYouMean(call.operation, operations) ?? `Operations: ${operations.join(", ") || "(none)"}.`,
    ),
  );
}

/** `{{name}}` must be a named group of the rule's match or an observation variable. */
function checkTemplate(
  doc: ParsedDocument,
  value: unknown,
  at: PropertyPath,
  groups: readonly string[] | undefined,
  out: Diagnostic[],
) {
  if (typeof value !== "string" || groups === undefined) return;
  const known = [...groups, ...OBSERVATION_VARIABLES];
  for (const m of value.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const name = m[1] ?? "";
    if (known.includes(name) || name.startsWith("body.")) continue;
    out.push(
      diagnostic(
        doc.file,
        doc.locate(at),
        "warning",
        "script/unknown-variable",
        `{{${name}}} in ${label(at)} is not a variable here, so it renders as an empty string.`,
        didYouMean(name, known) ??
          `Variables here: ${known.map((k) => `{{${k}}}`).join(", ")}, {{body.field}}.`,
      ),
    );
  }
}

/** Names of the `(?<name>…)` groups (lookbehinds `(?<=`, `(?<!` are not groups). */
function namedGroups(source: string): string[] {
  return [...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1] as string);
}

function label(at: PropertyPath): string {
  return at.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
