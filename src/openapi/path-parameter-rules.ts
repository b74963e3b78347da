/**
 * Path templates and `in: path` parameters must match (OpenAPI 3.0 says so, but
 * swagger-parser only checks it for Swagger 2.0).
 *
 * Bedrock's agent fills an operation's path placeholders from the parameters the
 * operation declares: the Lambda event carries the template path (`apiPath` with the
 * placeholders left in) and the values in `parameters` (aws-behaviour.md §4.3; Powertools'
 * Bedrock resolver reads them from there). A placeholder without a parameter is never
 * asked for, so the action never gets its value; a path parameter missing from the
 * template is asked for but names nothing in the path. Whether CreateAgentActionGroup
 * refuses such a schema is unverified (no public report either way), so both are
 * warnings rather than errors.
 */
import type { Findings } from "./findings.js";
import { child, isObject, type Located } from "./refs.js";
import type { OperationSite } from "./walk.js";

export function checkPathTemplate(site: OperationSite, params: Located[], label: string, f: Findings): void {
  const placeholders = [...new Set([...site.path.matchAll(/\{([^{}/]+)\}/g)].map((m) => m[1] as string))];
  const named = params.filter(
    (p): p is Located & { value: Record<string, unknown> } =>
      isObject(p.value) && typeof p.value.name === "string",
  );
  const inPath = new Set(named.filter((p) => p.value.in === "path").map((p) => p.value.name as string));

  const missing = placeholders.filter((name) => !inPath.has(name));
  if (missing.length > 0) {
    const list = missing.map((n) => `{${n}}`).join(", ");
    const elsewhere = missing
      .map((n) => named.find((p) => p.value.name === n))
      .filter((p) => p !== undefined)
      .map((p) => `"${String(p.value.name)}" is declared in: ${String(p.value.in)}`);
    const first = missing[0] as string;
    f.warn(
      site.at,
      "openapi/path-parameter-missing",
      `${label} has ${list} in its path but no "in: path" parameter ${missing.length === 1 ? `named "${first}"` : "for them"}; the agent is never asked for ${missing.length === 1 ? "its value" : "their values"}.`,
      elsewhere.length > 0
        ? `${elsewhere.join("; ")}: change it to in: path, required: true.`
        : `Declare it under parameters: {name: ${first}, in: path, required: true, description: ..., schema: {type: string}}.`,
    );
  }

  for (const param of named) {
    if (param.value.in !== "path") continue;
    const name = param.value.name as string;
    if (placeholders.includes(name)) continue;
    f.warn(
      child(param, "name"),
      "openapi/path-parameter-unused",
      `Parameter "${name}" of ${label} is in: path, but the path ${site.path} has no {${name}}.`,
      `Add {${name}} to the path, or declare the parameter in: query.`,
      "value",
    );
  }
}
