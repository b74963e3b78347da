/**
 * Validates a state-machine template (JSON or YAML ASL, JSONPath or JSONata)
 * the way agentctl deploys it: agentctl's own constructs (`agentctl:invokeAgent`,
 * `${agents.NAME.…}`) are checked against the project, the mistakes public
 * samples make are explained, and the rest is checked state by state and field
 * by field (with asl-validator's schemas where they say what a field holds), so
 * one run reports every independent problem. Never throws for bad input: every
 * problem is a positioned diagnostic.
 */
import { readFile } from "node:fs/promises";
import type { Diagnostic, Position } from "../diagnostics.js";
import { diagnostic, hasErrors, START, sortDiagnostics } from "../diagnostics.js";
import { parseDocumentText } from "../source/parse-document.js";
import { type AslValidationOptions, createCheckContext, type Locator } from "./check-context.js";
import { checkChoiceRules } from "./choice-rules.js";
import { checkChoiceShapes } from "./choice-shape.js";
import { checkExpressions } from "./expression-checks.js";
import { checkFieldCombinations } from "./field-combinations.js";
import { checkGraph } from "./graph-checks.js";
import { checkInvokeAgentTasks } from "./invoke-agent-task.js";
import { type JsonComment, jsonSyntaxOffset, looksLikeJsonObject, stripJsonComments } from "./json-source.js";
import { checkAgentResources, checkResultTemplates, checkUnevaluatedPaths } from "./mistake-checks.js";
import { checkPlaceholders } from "./placeholders.js";
import { checkRetryAndCatch } from "./retry-catch.js";
import { checkSchemas } from "./schema-check.js";
import { checkStateFields } from "./state-fields.js";
import { collectStates, isObject, type JsonObject } from "./states.js";
import { checkStructure } from "./structure.js";

/** Step Functions' limit on a definition, in characters of its JSON text. */
export const MAX_DEFINITION_CHARACTERS = 1_048_576;

export type { AslValidationOptions } from "./check-context.js";

export async function validateStateMachineFile(
  file: string,
  opts: AslValidationOptions,
): Promise<Diagnostic[]> {
  return (await checkStateMachineFile(file, opts)).diagnostics;
}

/** The diagnostics, and the parsed definition with its positions when it is an object. */
export interface StateMachineCheck {
  diagnostics: Diagnostic[];
  definition?: JsonObject;
  locator?: Locator;
}

export async function checkStateMachineFile(
  file: string,
  opts: AslValidationOptions,
): Promise<StateMachineCheck> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message;
    return {
      diagnostics: [
        diagnostic(
          file,
          START,
          "error",
          "asl/unreadable",
          `Cannot read the state-machine template: ${reason}.`,
        ),
      ],
    };
  }
  return checkStateMachineText(text, file, opts);
}

export function validateStateMachineText(
  text: string,
  file: string,
  opts: AslValidationOptions,
): Diagnostic[] {
  return checkStateMachineText(text, file, opts).diagnostics;
}

export function checkStateMachineText(
  text: string,
  file: string,
  opts: AslValidationOptions,
): StateMachineCheck {
  const diagnostics: Diagnostic[] = [];
  const looksLikeJson = looksLikeJsonObject(text);
  let source = text;
  if (looksLikeJson) {
    const stripped = stripJsonComments(text);
    source = stripped.text;
    // In a .yaml file written in flow style, `#` is YAML's own comment, not a mistake.
    const yamlFile = /\.ya?ml$/i.test(file);
    for (const comment of stripped.comments) {
      if (!(yamlFile && comment.style === "hash")) diagnostics.push(commentDiagnostic(file, comment));
    }
  }

  const doc = parseDocumentText(source, file, "asl");
  diagnostics.push(...doc.diagnostics);
  if (hasErrors(doc.diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };
  // Only once YAML has accepted it: otherwise the syntax error above already says what is wrong.
  if (looksLikeJson && /\.(json|asl)$/i.test(file)) {
    const problem = jsonSyntaxOffset(source);
    const notJson = problem && notJsonDiagnostic(file, source, problem);
    // A YAML tag such as !Sub is already reported at the same place, with the better explanation.
    if (notJson && !doc.diagnostics.some((d) => d.line === notJson.line && d.column === notJson.column))
      diagnostics.push(notJson);
  }

  const definition = doc.value;
  if (!isObject(definition)) {
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        "asl/not-an-object",
        "A state-machine definition is an object with StartAt and States.",
      ),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
  if (!("States" in definition) && ("Resources" in definition || "AWSTemplateFormatVersion" in definition)) {
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        "asl/not-a-state-machine",
        "This is a CloudFormation/SAM template, not a state-machine definition.",
        "Put only the definition (the value of DefinitionString or Definition: Comment, StartAt, States) in the workflow template.",
      ),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const size = JSON.stringify(definition).length;
  if (size > MAX_DEFINITION_CHARACTERS) {
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        "asl/definition-too-large",
        `The definition is ${size.toLocaleString("en-US")} characters as JSON; Step Functions accepts at most ${MAX_DEFINITION_CHARACTERS.toLocaleString("en-US")}.`,
        "Move parts into a separate state machine (a Task with Resource arn:aws:states:::states:startExecution.sync:2), or shorten long prompts and payloads.",
      ),
    );
  }

  diagnostics.push(...validateStateMachineDefinition(definition, file, opts, doc));
  return { diagnostics: sortDiagnostics(dedupe(diagnostics)), definition, locator: doc };
}

const NO_POSITIONS: Locator = { locate: () => START, locateKey: () => START };

/**
 * The state-by-state checks on a definition already parsed (or built, like a compiled
 * template, which has no positions of its own: its diagnostics are at 1:1).
 */
export function validateStateMachineDefinition(
  definition: JsonObject,
  file: string,
  opts: AslValidationOptions,
  locator: Locator = NO_POSITIONS,
): Diagnostic[] {
  const ctx = createCheckContext(
    file,
    definition,
    structuredClone(definition),
    collectStates(definition),
    locator,
    opts,
  );
  // Every check runs whatever the others found: each reports its own problems.
  const machines = checkStructure(ctx);
  checkStateFields(ctx);
  checkGraph(ctx, machines);
  checkFieldCombinations(ctx);
  checkAgentResources(ctx);
  checkInvokeAgentTasks(ctx);
  checkChoiceRules(ctx);
  checkResultTemplates(ctx);
  checkUnevaluatedPaths(ctx);
  checkPlaceholders(ctx);
  checkChoiceShapes(ctx);
  checkRetryAndCatch(ctx);
  checkExpressions(ctx);
  checkSchemas(ctx);
  return sortDiagnostics(dedupe(ctx.diagnostics));
}

function commentDiagnostic(file: string, comment: JsonComment): Diagnostic {
  const written = comment.style === "block" ? "/* … */" : comment.style === "hash" ? "#" : "//";
  // All three are errors, consistently: a JSON definition file is also sent as is by the
  // console, the AWS CLI and SAM/CDK, and Step Functions parses it as strict JSON and rejects
  // each of them. That agentctl itself can read past a `#` (it parses JSON as YAML) does not
  // make the file a valid definition.
  return diagnostic(
    file,
    comment,
    "error",
    "asl/json-comment",
    `${written} comment in a JSON state-machine definition${comment.terminated ? "" : " (never closed)"}: JSON has no comments, and Step Functions rejects the definition.`,
    'Move the text into a "Comment" field (allowed on the state machine and on every state), or write the template in YAML.',
  );
}

/**
 * A `.json`/`.asl` file that YAML accepts but JSON does not (a `!Sub` tag, a trailing
 * comma) works with agentctl but not with the console, the AWS CLI or SAM/CDK.
 */
function notJsonDiagnostic(
  file: string,
  text: string,
  problem: { offset?: number; reason: string },
): Diagnostic {
  return diagnostic(
    file,
    problem.offset === undefined ? START : positionOf(text, problem.offset),
    "warning",
    "asl/not-json",
    `The file is not valid JSON (${problem.reason}); agentctl reads it as YAML, other tools will reject it.`,
    "Fix the JSON, or write the template in YAML (e.g. order-workflow.asl.yaml).",
  );
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
