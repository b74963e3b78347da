/** JSONPath-mode Choice rules: every data-test operator, its *Path form, Is* both ways, And/Or/Not. */
import { StatesError } from "./errors.js";
import { type PathScope, probePath, readPath } from "./jsonpath.js";
import type { Json, JsonObject } from "./types.js";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(value: Json | undefined): number | undefined {
  if (typeof value !== "string" || !RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `*` matches any run of characters; `\*` and `\\` are literal. */
function stringMatches(value: string, pattern: string): boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length)
      re += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === "*") re += ".*";
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s").test(value);
}

type Compare = (a: number | string, b: number | string) => boolean;
const ORDER: Record<string, Compare> = {
  Equals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  GreaterThan: (a, b) => a > b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThanEquals: (a, b) => a >= b,
};

const IS_TESTS: Record<string, (value: Json | undefined) => boolean> = {
  IsPresent: (v) => v !== undefined,
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === "number",
  IsString: (v) => typeof v === "string",
  IsBoolean: (v) => typeof v === "boolean",
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

function operand(rule: JsonObject, operator: string, scope: PathScope): Json {
  if (operator.endsWith("Path")) {
    const path = rule[operator];
    if (typeof path !== "string") throw new StatesError("States.Runtime", `${operator} must be a path`);
    return readChoicePath(path, scope);
  }
  return rule[operator] as Json;
}

function readChoicePath(path: string, scope: PathScope): Json {
  try {
    return readPath(path, scope);
  } catch {
    throw new StatesError(
      "States.Runtime",
      `Invalid path '${path}': The choice state's condition path references an invalid value.`,
    );
  }
}

function dataTest(rule: JsonObject, scope: PathScope): boolean {
  const variable = rule.Variable;
  if (typeof variable !== "string") throw new StatesError("States.Runtime", "A Choice rule needs Variable");
  const operator = Object.keys(rule).find(
    (k) => k !== "Variable" && k !== "Next" && k !== "Comment" && k !== "Assign",
  );
  if (!operator) throw new StatesError("States.Runtime", "A Choice rule has no comparison operator");
  const isTest = IS_TESTS[operator];
  if (isTest) return isTest(probePath(variable, scope)) === (rule[operator] === true);
  const value = readChoicePath(variable, scope);
  const expected = operand(rule, operator, scope);
  if (operator === "StringMatches")
    return typeof value === "string" && typeof expected === "string" && stringMatches(value, expected);
  if (operator === "BooleanEquals" || operator === "BooleanEqualsPath")
    return typeof value === "boolean" && value === expected;
  const family =
    /^(String|Numeric|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(
      operator,
    );
  if (!family) throw new StatesError("States.Runtime", `${operator} is not a Choice operator`);
  const compare = ORDER[family[2] as string] as Compare;
  if (family[1] === "String")
    return typeof value === "string" && typeof expected === "string" && compare(value, expected);
  if (family[1] === "Numeric")
    return typeof value === "number" && typeof expected === "number" && compare(value, expected);
  const a = parseTimestamp(value);
  const b = parseTimestamp(expected);
  return a !== undefined && b !== undefined && compare(a, b);
}

export function ruleMatches(rule: JsonObject, scope: PathScope): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => ruleMatches(r as JsonObject, scope));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => ruleMatches(r as JsonObject, scope));
  if (rule.Not && typeof rule.Not === "object") return !ruleMatches(rule.Not as JsonObject, scope);
  return dataTest(rule, scope);
}
