import { AwsError } from "../aws-error.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";

/**
 * The bedrock-agent-runtime operations the emulator recognises, method and URI
 * as in the runtime model (`{label}` = one non-empty segment). Kept short and
 * explicit: a request goes to the runtime only when it has one of these exact
 * shapes, so a mis-cased control-plane path (`/agents/X/agentAliases/`) is not
 * mistaken for a runtime call and gets the control plane's 404 with a hint.
 */
const RUNTIME_ROUTES: readonly (readonly [method: string, path: string, operation: string])[] = [
  ["POST", "/agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text", "InvokeAgent"],
  ["GET", "/agents/{agentId}/agentAliases/{agentAliasId}/memories", "GetAgentMemory"],
  ["DELETE", "/agents/{agentId}/agentAliases/{agentAliasId}/memories", "DeleteAgentMemory"],
  ["POST", "/knowledgebases/{knowledgeBaseId}/retrieve", "Retrieve"],
  ["POST", "/retrieveAndGenerate", "RetrieveAndGenerate"],
  ["POST", "/retrieveAndGenerateStream", "RetrieveAndGenerateStream"],
  ["POST", "/flows/{flowIdentifier}/aliases/{flowAliasIdentifier}", "InvokeFlow"],
];

const COMPILED = RUNTIME_ROUTES.map(([method, path, operation]) => ({
  method,
  operation,
  segments: path
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") ? undefined : s)),
}));

/**
 * Which bedrock-agent-runtime operation a request addresses (§1.1: the two
 * Bedrock services share a signing name, so only method and path tell them
 * apart), or undefined when it is not one.
 */
export function runtimeOperation(method: string, segments: string[]): string | undefined {
  const route = COMPILED.find(
    (r) =>
      r.method === method &&
      r.segments.length === segments.length &&
      r.segments.every((literal, i) =>
        literal === undefined ? segments[i] !== "" : literal === segments[i],
      ),
  );
  return route?.operation;
}

/**
 * bedrock-agent-runtime. Not emulated yet: a 501 NotImplementedException
 * (restJson1) names the operation. 501 is not in the SDKs' retryable set, so
 * callers fail fast with a clear code.
 */
export const agentRuntimeService: Service = {
  protocol: "restJson",
  route(request: NormalisedRequest) {
    const operation = runtimeOperation(request.method, request.segments) ?? "Unknown";
    return {
      operation,
      execute() {
        throw new AwsError(
          "NotImplementedException",
          501,
          `The local emulator does not implement bedrock-agent-runtime ${operation} yet (${request.method} ${request.path}).`,
        );
      },
    };
  },
};
