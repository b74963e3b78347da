import { AwsError } from "../aws-error.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";

/**
 * Which bedrock-agent-runtime operation a path addresses (§1.1: the two Bedrock
 * services share a signing name, so only the path tells them apart), or
 * undefined when it is not a runtime path.
 */
export function runtimeOperation(method: string, segments: string[]): string | undefined {
  const [first, , third, , fifth, , seventh] = segments;
  // /agents/{agentId}/agentAliases/{aliasId}/sessions/{sessionId}/text|memories
  if (first === "agents" && third === "agentAliases") {
    if (fifth === "sessions" && seventh === "text") return "InvokeAgent";
    if (segments[4] === "memories") return method === "DELETE" ? "DeleteAgentMemory" : "GetAgentMemory";
    return "Unknown";
  }
  if (first === "retrieveAndGenerate") return "RetrieveAndGenerate";
  if (first === "retrieveAndGenerateStream") return "RetrieveAndGenerateStream";
  if (first === "knowledgebases" && segments[2] === "retrieve" && segments.length === 3) return "Retrieve";
  // InvokeFlow is POST /flows/{id}/aliases/{aliasId}; the control plane's flow paths end in "/".
  if (first === "flows" && segments[2] === "aliases" && segments.length === 4 && segments[3] !== "")
    return "InvokeFlow";
  return undefined;
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
