/**
 * Lambda's restJson1 routes (aws-iam-sts-lambda-sns.md §2.3): method and
 * segments after the version prefix. `{F}` is the FunctionName label, `{L}`
 * a second label (a statement id or a tagged ARN).
 */
const ROUTES: readonly (readonly [method: string, path: string, operation: string])[] = [
  ["POST", "2015-03-31/functions", "CreateFunction"],
  ["GET", "2015-03-31/functions/", "ListFunctions"],
  ["GET", "2015-03-31/functions", "ListFunctions"],
  ["GET", "2015-03-31/functions/{F}", "GetFunction"],
  ["DELETE", "2015-03-31/functions/{F}", "DeleteFunction"],
  ["GET", "2015-03-31/functions/{F}/configuration", "GetFunctionConfiguration"],
  ["PUT", "2015-03-31/functions/{F}/configuration", "UpdateFunctionConfiguration"],
  ["PUT", "2015-03-31/functions/{F}/code", "UpdateFunctionCode"],
  ["POST", "2015-03-31/functions/{F}/policy", "AddPermission"],
  ["GET", "2015-03-31/functions/{F}/policy", "GetPolicy"],
  ["DELETE", "2015-03-31/functions/{F}/policy/{L}", "RemovePermission"],
  ["POST", "2015-03-31/functions/{F}/invocations", "Invoke"],
  ["GET", "2017-03-31/tags/{L}", "ListTags"],
  ["POST", "2017-03-31/tags/{L}", "TagResource"],
  ["DELETE", "2017-03-31/tags/{L}", "UntagResource"],
];

const COMPILED = ROUTES.map(([method, path, operation]) => ({
  method,
  operation,
  segments: path.split("/"),
}));

export interface LambdaRoute {
  operation: string;
  functionName: string;
  label: string;
}

/** The route for decoded path segments, or undefined (with whether the path exists under another method). */
export function findLambdaRoute(
  method: string,
  segments: string[],
): { route?: LambdaRoute; pathKnown: boolean } {
  let pathKnown = false;
  for (const candidate of COMPILED) {
    if (candidate.segments.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const matches = candidate.segments.every((literal, i) => {
      const segment = segments[i] as string;
      if (literal === "{F}" || literal === "{L}") {
        labels[literal] = segment;
        return segment !== "";
      }
      return literal === segment;
    });
    if (!matches) continue;
    pathKnown = true;
    if (candidate.method === method)
      return {
        route: {
          operation: candidate.operation,
          functionName: labels["{F}"] ?? "",
          label: labels["{L}"] ?? "",
        },
        pathKnown,
      };
  }
  return { pathKnown };
}
