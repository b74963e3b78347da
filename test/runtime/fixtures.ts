/** Small handlers and scripts written into a temporary directory, so each test shows what it runs. */
import { writeFileSync } from "node:fs";
import path from "node:path";

export function writeFiles(dir: string, files: Record<string, string>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = path.join(dir, name);
    writeFileSync(paths[name], text);
  }
  return paths;
}

/** A function-schema action group; `executor` is a Lambda function name or "RETURN_CONTROL". */
export function functionGroup(
  name: string,
  fn: string,
  executor: string,
  options: { confirm?: boolean; params?: string[] } = {},
) {
  return {
    actionGroupName: name,
    description: `The ${name} tools`,
    actionGroupExecutor:
      executor === "RETURN_CONTROL"
        ? { customControl: "RETURN_CONTROL" as const }
        : { lambda: `arn:aws:lambda:us-east-1:000000000000:function:${executor}` },
    functionSchema: {
      functions: [
        {
          name: fn,
          description: `Calls ${fn}`,
          parameters: Object.fromEntries(
            (options.params ?? ["id"]).map((p) => [
              p,
              { type: "string" as const, description: p, required: true },
            ]),
          ),
          ...(options.confirm ? { requireConfirmation: "ENABLED" as const } : {}),
        },
      ],
    },
  };
}

/** A handler answering a function call with `body(event)` as its TEXT body. */
export const functionHandler = (body: string, extra = "") => `
export async function handler(event) {
  ${extra}
  return {
    messageVersion: "1.0",
    response: { actionGroup: event.actionGroup, function: event.function,
      functionResponse: { responseBody: { TEXT: { body: ${body} } } } },
    sessionAttributes: event.sessionAttributes,
    promptSessionAttributes: event.promptSessionAttributes,
  };
}
`;
