import type { AccountContext } from "../account/context.js";
import { AwsError } from "../aws-error.js";
import { parseJsonBody } from "../control-plane/service.js";
import { emptyReply, jsonReply, type Reply } from "../server/reply.js";
import type { Service } from "../server/service.js";
import { lambdaErrorReply } from "./errors.js";
import { FUNCTION_OPERATIONS } from "./functions.js";
import type { LambdaInput, LambdaOperation } from "./operation.js";
import { PERMISSION_OPERATIONS } from "./permissions.js";
import { findLambdaRoute } from "./routes.js";
import { TAG_OPERATIONS } from "./tags.js";

/** Every Lambda operation, by name; invoke.ts and updates.ts add theirs. */
export function lambdaOperations(
  extra: Record<string, LambdaOperation> = {},
): Record<string, LambdaOperation> {
  return { ...FUNCTION_OPERATIONS, ...PERMISSION_OPERATIONS, ...TAG_OPERATIONS, ...extra };
}

/** Lambda (restJson1 under /2015-03-31/ and /2017-03-31/tags). */
export function lambdaService(ctx: AccountContext, operations: Record<string, LambdaOperation>): Service {
  return {
    protocol: "restJson",
    errorReply: (err) => lambdaErrorReply(err),
    route(request) {
      const segments = request.segments;
      const { route, pathKnown } = findLambdaRoute(request.method, segments);
      const operation = route ? operations[route.operation] : undefined;
      return {
        operation: route?.operation ?? "Unknown",
        async execute(): Promise<Reply> {
          if (!route || !operation) {
            throw new AwsError(
              "UnknownOperationException",
              404,
              pathKnown
                ? `No Lambda operation accepts ${request.method} on ${request.path}.`
                : `No Lambda operation matches ${request.method} ${request.path}. The local emulator serves functions (create, get, list, update code/configuration, delete), permissions, tags and Invoke.`,
            );
          }
          const input: LambdaInput = {
            functionName: route.functionName,
            label: route.label,
            query: request.query,
            // Invoke's body is the payload, never parsed here (§1.3: boto3 sends no Content-Type).
            body: route.operation === "Invoke" ? {} : parseJsonBody(request.body),
            raw: request.body,
            headers: request.headers,
          };
          if (operation.mode === "async") return operation.run(ctx, input);
          const run = () => operation.run(ctx, input);
          const result = operation.mode === "write" ? ctx.db.write(run) : ctx.db.read(run);
          return result.body === undefined
            ? emptyReply(result.status)
            : jsonReply(result.status, result.body);
        },
      };
    },
  };
}
