/**
 * The shape of each Choice rule, rule by rule (asl-validator matches the whole
 * list against one schema, so one bad rule made every rule "wrong"): a JSONPath
 * rule compares one Variable with one operator of the right value type, or
 * combines rules with And/Or/Not; a JSONata rule is a Condition. Only top-level
 * rules have a Next. Runs on the prepared copy, where choice-rules.ts has
 * already renamed the operators it reported.
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { describePath } from "./check-context.js";
import { CHOICE_OPERATORS, JSONATA_RULE_FIELDS, JSONPATH_RULE_FIELDS } from "./choice-rules.js";
import { pathProblem } from "./expression-syntax.js";
import { isObject, type StateRef, valueAt } from "./states.js";

const COMBINATORS = ["And", "Or", "Not"];

export function checkChoiceShapes(ctx: CheckContext): void {
  for (const ref of ctx.states) {
    if (ref.state.Type !== "Choice") continue;
    const prepared = valueAt(ctx.prepared, ref.path);
    const choices = isObject(prepared) ? prepared.Choices : undefined;
    if (choices === undefined) continue;
    if (!Array.isArray(choices) || choices.length === 0) {
      ruleError(ctx, ref, ["Choices"], "must list at least one rule.", {
        hint:
          ref.queryLanguage === "JSONata"
            ? 'e.g. Choices: [{ Condition: "{% $states.input.total > 500 %}", Next: Approve }]'
            : "e.g. Choices: [{ Variable: $.total, NumericGreaterThan: 500, Next: Approve }]",
      });
      continue;
    }
    choices.forEach((rule, i) => {
      const rel = ["Choices", i];
      if (!isObject(rule)) {
        ruleError(ctx, ref, rel, "must be an object (a rule with a Next).");
        return;
      }
      if (rule.Next === undefined)
        ruleError(ctx, ref, rel, 'needs "Next": the state to go to when the rule matches.');
      else if (typeof rule.Next !== "string")
        ruleError(ctx, ref, [...rel, "Next"], "must be the name of a state.");
      // Fields of the other query language are already reported by choice-rules.ts.
      if (ref.queryLanguage === "JSONata") {
        if (Object.keys(rule).every((k) => JSONATA_RULE_FIELDS.includes(k)))
          checkCondition(ctx, ref, rule, rel);
      } else if (!("Condition" in rule)) checkJsonPathRule(ctx, ref, rule, rel, true);
    });
  }
}

function checkCondition(ctx: CheckContext, ref: StateRef, rule: Record<string, unknown>, rel: PropertyPath) {
  if (rule.Condition === undefined) {
    ruleError(ctx, ref, rel, 'needs "Condition": a {% … %} expression that is true or false.');
  } else if (typeof rule.Condition !== "string" || !rule.Condition.trim().startsWith("{%")) {
    ruleError(ctx, ref, [...rel, "Condition"], "must be a JSONata expression written {% … %}.");
  }
}

function checkJsonPathRule(
  ctx: CheckContext,
  ref: StateRef,
  rule: Record<string, unknown>,
  rel: PropertyPath,
  topLevel: boolean,
): void {
  if (!topLevel && "Next" in rule) {
    ruleError(ctx, ref, [...rel, "Next"], 'is not allowed here: only top-level rules have "Next".');
  }
  const combinators = COMBINATORS.filter((k) => k in rule);
  const operators = CHOICE_OPERATORS.filter((k) => k in rule);
  if (combinators.length > 0) {
    if (combinators.length > 1 || operators.length > 0 || "Variable" in rule) {
      ruleError(
        ctx,
        ref,
        rel,
        `mixes ${[...combinators, ...operators].join(", ")}; a rule has one of And, Or, Not, or a Variable with one operator.`,
      );
      return;
    }
    const combinator = combinators[0] as string;
    const inner = rule[combinator];
    if (combinator === "Not") {
      if (isObject(inner)) checkJsonPathRule(ctx, ref, inner, [...rel, "Not"], false);
      else ruleError(ctx, ref, [...rel, "Not"], "must be one rule (an object).");
    } else if (!Array.isArray(inner) || inner.length === 0) {
      ruleError(ctx, ref, [...rel, combinator], "must be a non-empty list of rules.");
    } else {
      inner.forEach((r, i) => {
        if (isObject(r)) checkJsonPathRule(ctx, ref, r, [...rel, combinator, i], false);
        else ruleError(ctx, ref, [...rel, combinator, i], "must be a rule (an object).");
      });
    }
    return;
  }
  if (!("Variable" in rule)) {
    ruleError(ctx, ref, rel, 'has no "Variable": the path of the value to compare, e.g. "$.status".');
  } else if (typeof rule.Variable !== "string") {
    ruleError(ctx, ref, [...rel, "Variable"], 'must be a path such as "$.status".');
  } else {
    const problem = pathProblem(rule.Variable, "reference");
    if (problem) ruleError(ctx, ref, [...rel, "Variable"], problem.message, problem);
  }
  if (operators.length === 0) {
    // An unknown operator choice-rules.ts could not rename is reported there already.
    if (Object.keys(rule).some((k) => !JSONPATH_RULE_FIELDS.includes(k))) return;
    ruleError(ctx, ref, rel, "has no comparison operator.", {
      hint: "e.g. StringEquals, NumericGreaterThan, BooleanEquals, IsPresent (add And/Or/Not to combine rules).",
    });
    return;
  }
  if (operators.length > 1) {
    ruleError(
      ctx,
      ref,
      rel,
      `has ${operators.length} operators (${operators.join(", ")}); a rule has exactly one.`,
      {
        hint: "Combine comparisons with And: [{ Variable: …, StringEquals: … }, { Variable: …, NumericLessThan: … }].",
      },
    );
  }
  for (const op of operators) checkOperand(ctx, ref, op, rule[op], [...rel, op]);
}

function checkOperand(ctx: CheckContext, ref: StateRef, op: string, value: unknown, rel: PropertyPath) {
  // A key that is not in the original was renamed from an operator choice-rules.ts already reported.
  if (valueAt(ctx.definition, [...ref.path, ...rel]) === undefined) return;
  if (op.endsWith("Path")) {
    if (typeof value !== "string") ruleError(ctx, ref, rel, 'must be a path such as "$.limit".');
    else {
      const problem = pathProblem(value, "reference");
      if (problem) ruleError(ctx, ref, rel, problem.message, problem);
    }
    return;
  }
  const expected =
    op.startsWith("Is") || op.startsWith("Boolean")
      ? "boolean"
      : op.startsWith("Numeric")
        ? "number"
        : "string";
  if (typeof value === expected) return;
  const words = { boolean: "true or false", number: "a number", string: "a string" }[expected];
  const quoted = typeof value === "string" && expected !== "string";
  ruleError(ctx, ref, rel, `must be ${words}.`, {
    hint: quoted ? `Remove the quotes so YAML reads it as ${words}: ${value}.` : undefined,
  });
}

function ruleError(
  ctx: CheckContext,
  ref: StateRef,
  rel: PropertyPath,
  message: string,
  extra: { hint?: string | undefined; severity?: "error" | "warning"; code?: string } = {},
) {
  const path = [...ref.path, ...rel];
  const at = typeof rel[rel.length - 1] === "string" ? ctx.atKey : ctx.atValue;
  at(
    path,
    extra.severity ?? "error",
    extra.code ?? "asl/schema",
    `State "${ref.name}": ${describePath(rel)} ${message}`,
    extra.hint,
  );
}
