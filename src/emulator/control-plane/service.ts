import { AwsError, serializationError, validationError } from "../aws-error.js";
import { emptyReply, jsonReply } from "../server/reply.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";
import type { ControlPlaneContext } from "./context.js";
import { OPERATIONS } from "./operations/index.js";
import { findRoute, suggestPath, typedQuery } from "./routes.js";
import { validateRequest } from "./validation/index.js";

/**
 * Parses a restJson1 body. The Content-Type is not checked: the SDKs send
 * application/json, but curl users often send none or form encoding, and a
 * JSON body is unambiguous either way (a deliberate leniency, SPEC.md).
 */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw serializationError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw serializationError("The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

export function unknownOperation(request: NormalisedRequest, pathKnown: boolean): AwsError {
  if (pathKnown) {
    return new AwsError(
      "UnknownOperationException",
      404,
      `No bedrock-agent operation accepts ${request.method} on ${request.path}.`,
    );
  }
  // Control-plane URIs are case- and slash-sensitive (§0 fact 5), so a near miss deserves a pointer.
  const suggestion = suggestPath(request.path, request.segments);
  return new AwsError(
    "UnknownOperationException",
    404,
    suggestion
      ? `No bedrock-agent operation matches ${request.method} ${request.path}; did you mean ${suggestion}? Control-plane paths are lower case and end in "/"; only bedrock-agent-runtime paths use agentAliases.`
      : `No bedrock-agent operation matches ${request.method} ${request.path}. The local emulator serves the agent, action group, alias, version, collaborator, knowledge-base association and tagging operations.`,
  );
}

/** bedrock-agent (restJson1) over the emulator's store. */
export function controlPlaneService(ctx: ControlPlaneContext): Service {
  return {
    protocol: "restJson",
    route(request) {
      const { match, pathKnown } = findRoute(request.method, request.segments);
      if (!match) throw unknownOperation(request, pathKnown);
      const operation = OPERATIONS[match.operation];
      if (!operation) throw unknownOperation(request, true);
      return {
        operation: match.operation,
        execute() {
          const body =
            request.method === "PUT" || request.method === "POST" ? parseJsonBody(request.body) : {};
          // Path labels win over anything a body might repeat: they are what the URI addresses.
          const input = { ...body, ...typedQuery(request.query, match.query), ...match.labels };
          const failure = validateRequest(match.operation, input);
          if (failure) throw validationError(failure.message, failure.fieldList);
          ctx.scheduler.applyDue();
          const run = () => operation.run(ctx, input);
          const result = operation.mode === "write" ? ctx.store.db.write(run) : ctx.store.db.read(run);
          return result.body === undefined
            ? emptyReply(result.status)
            : jsonReply(result.status, result.body);
        },
      };
    },
  };
}
