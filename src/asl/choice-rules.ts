/**
 * Choice rules: operators that do not exist in ASL (StringContains above all,
 * aws-behaviour.md §6.5), misspelt operators, and rules written for the other
 * query language. Reported keys are renamed in the prepared copy to a real
 * operator so the shape checks (choice-shape.ts) do not repeat the error less clearly.
 */
import type { PropertyPath } from "../manifest/types.js";
import { closestMatch } from "../source/did-you-mean.js";
import type { CheckContext } from "./check-context.js";
import { isObject, renameKeyAt, setValueAt } from "./states.js";

const COMPARISONS = [
  "StringEquals",
  "StringLessThan",
  "StringGreaterThan",
  "StringLessThanEquals",
  "StringGreaterThanEquals",
  "NumericEquals",
  "NumericLessThan",
  "NumericGreaterThan",
  "NumericLessThanEquals",
  "NumericGreaterThanEquals",
  "BooleanEquals",
  "TimestampEquals",
  "TimestampLessThan",
  "TimestampGreaterThan",
  "TimestampLessThanEquals",
  "TimestampGreaterThanEquals",
];
export const CHOICE_OPERATORS = [
  ...COMPARISONS,
  ...COMPARISONS.map((op) => `${op}Path`),
  "StringMatches",
  ...["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"],
];
export const JSONPATH_RULE_FIELDS = ["Variable", "Next", "Assign", "Comment", "And", "Or", "Not"];
export const JSONATA_RULE_FIELDS = ["Condition", "Next", "Assign", "Output", "Comment"];

interface OperatorFix {
  replacement: string;
  hint: (value: unknown, jsonata: boolean) => string;
}

const quote = (v: unknown) => (typeof v === "string" ? v : "…");
const notHint = (op: string) => () =>
  `Wrap the rule in "Not": { "Not": { "Variable": …, "${op}": … }, "Next": … }.`;

/** Operators people reach for that the ASL operator list does not have. */
const MISSING_OPERATORS: Record<string, OperatorFix> = {
  StringContains: {
    replacement: "StringMatches",
    hint: (v, jsonata) =>
      jsonata
        ? `Use "Condition": "{% $contains($states.input.field, '${quote(v)}') %}".`
        : `Use "StringMatches": "*${quote(v)}*" (\`*\` is the wildcard; escape a literal star as \\\\*), or a JSONata Condition with $contains().`,
  },
  StringContainsPath: {
    replacement: "StringEqualsPath",
    hint: () => "ASL has no substring test against another path; use a JSONata Condition with $contains().",
  },
  StringStartsWith: { replacement: "StringMatches", hint: (v) => `Use "StringMatches": "${quote(v)}*".` },
  StringEndsWith: { replacement: "StringMatches", hint: (v) => `Use "StringMatches": "*${quote(v)}".` },
  StringMatchesPath: {
    replacement: "StringEqualsPath",
    hint: () => "StringMatches has no Path form: its pattern must be a literal string.",
  },
  StringNotEquals: { replacement: "StringEquals", hint: notHint("StringEquals") },
  NumericNotEquals: { replacement: "NumericEquals", hint: notHint("NumericEquals") },
  BooleanNotEquals: { replacement: "BooleanEquals", hint: notHint("BooleanEquals") },
};

export function checkChoiceRules(ctx: CheckContext): void {
  for (const { name, path, state, queryLanguage } of ctx.states) {
    if (state.Type !== "Choice" || !Array.isArray(state.Choices)) continue;
    state.Choices.forEach((rule, i) => {
      checkRule(ctx, name, rule, [...path, "Choices", i], queryLanguage === "JSONata");
    });
  }
}

function checkRule(
  ctx: CheckContext,
  stateName: string,
  rule: unknown,
  path: PropertyPath,
  jsonata: boolean,
) {
  if (!isObject(rule)) return;
  for (const [key, value] of Object.entries(rule)) {
    const keyPath = [...path, key];
    const fix = MISSING_OPERATORS[key];
    if (fix) {
      ctx.atKey(
        keyPath,
        "error",
        "asl/unknown-operator",
        `State "${stateName}": "${key}" is not an Amazon States Language comparison operator.`,
        fix.hint(value, jsonata),
      );
      if (fix.replacement === "StringMatches" && typeof value === "string") {
        setValueAt(ctx.prepared, keyPath, `*${value}*`);
      }
      renameKeyAt(ctx.prepared, keyPath, fix.replacement);
    } else if (jsonata && !JSONATA_RULE_FIELDS.includes(key)) {
      ctx.atKey(
        keyPath,
        "error",
        "asl/jsonpath-field-in-jsonata",
        `State "${stateName}" uses JSONata, where a rule is a "Condition" and "${key}" is not allowed.`,
        'Write the test as "Condition": "{% $states.input.status = \'OK\' %}".',
      );
    } else if (!jsonata && key === "Condition") {
      ctx.atKey(
        keyPath,
        "error",
        "asl/jsonata-field-in-jsonpath",
        `State "${stateName}" uses JSONPath, where rules compare a "Variable"; "Condition" is JSONata.`,
        "Add `QueryLanguage: JSONata` to the state (or the state machine), or use Variable plus an operator.",
      );
    } else if (!jsonata && !JSONPATH_RULE_FIELDS.includes(key) && !CHOICE_OPERATORS.includes(key)) {
      const suggestion = closestMatch(key, CHOICE_OPERATORS);
      ctx.atKey(
        keyPath,
        "error",
        "asl/unknown-operator",
        `State "${stateName}": "${key}" is not an Amazon States Language comparison operator.`,
        suggestion ? `Did you mean "${suggestion}"?` : `Operators: ${CHOICE_OPERATORS.join(", ")}.`,
      );
      if (suggestion) renameKeyAt(ctx.prepared, keyPath, suggestion);
    }
  }
  for (const combinator of ["And", "Or"]) {
    const list = rule[combinator];
    if (Array.isArray(list)) {
      list.forEach((inner, i) => {
        checkRule(ctx, stateName, inner, [...path, combinator, i], jsonata);
      });
    }
  }
  if (isObject(rule.Not)) checkRule(ctx, stateName, rule.Not, [...path, "Not"], jsonata);
}
