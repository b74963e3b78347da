/**
 * The formats asl-validator's schemas name, as agentctl checks them. Shared by the
 * validators compiled at run time and the ones the build generates (dist/generated/asl.cjs
 * receives this object), so both judge a value the same way.
 */
import { pathProblem } from "./expression-syntax.js";

/** asl-validator's own ARN rule (dist/src/checks/formats.js). */
const ARN =
  /^arn:(?<Partition>aws|aws-cn|aws-us-gov):(?<Service>[^:\n]+):(?<Region>[^:\n]*):(?<AccountID>\d*):(?<Resource>([^:/*]+([:/].*[^:/]+)?))$/iu;

/** RFC 3339 with an uppercase T and Z, as Step Functions requires for Wait timestamps. */
function isTimestamp(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

export const ASL_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  asl_path: (v) => pathProblem(v, "path")?.severity !== "error",
  asl_ref_path: (v) => pathProblem(v, "reference")?.severity !== "error",
  asl_payload_template: (v) => pathProblem(v, "payload")?.severity !== "error",
  asl_result_path: (v) => pathProblem(v, "result")?.severity !== "error",
  // The expressions themselves are checked (with the parser's message) by expression-checks.ts.
  jsonata_string: () => true,
  maybe_jsonata_string: () => true,
  asl_arn: (v) => ARN.test(v),
  "date-time": isTimestamp,
};
