/**
 * The invoke engine's narrow interfaces (src/core/invoke) over the SDK clients the factory built:
 * InvokeAgent on the runtime, ListAgents / ListAgentAliases on the control plane.
 */
import type { AgentDirectory } from "../core/invoke/resolve-agent.js";
import type { AgentRuntime } from "../core/invoke/runtime.js";
import type { StreamEvent } from "../trace/types.js";
import type { AwsClients } from "./clients.js";

export function agentRuntime(clients: AwsClients): AgentRuntime {
  return {
    async invokeAgent(input) {
      const [client, { InvokeAgentCommand }] = await Promise.all([
        clients.bedrockAgentRuntime(),
        import("@aws-sdk/client-bedrock-agent-runtime"),
      ]);
      const out = await client.send(new InvokeAgentCommand(input));
      return {
        ...(out.sessionId ? { sessionId: out.sessionId } : {}),
        completion: (out.completion ?? emptyStream()) as AsyncIterable<StreamEvent>,
      };
    },
  };
}

export function agentDirectory(clients: AwsClients): AgentDirectory {
  return {
    async listAgents(nextToken) {
      const [client, { ListAgentsCommand }] = await Promise.all([
        clients.bedrockAgent(),
        import("@aws-sdk/client-bedrock-agent"),
      ]);
      const out = await client.send(
        new ListAgentsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
      );
      return {
        agents: (out.agentSummaries ?? []).flatMap((a) =>
          a.agentId && a.agentName ? [{ agentId: a.agentId, agentName: a.agentName }] : [],
        ),
        ...(out.nextToken ? { nextToken: out.nextToken } : {}),
      };
    },
    async listAgentAliases(agentId, nextToken) {
      const [client, { ListAgentAliasesCommand }] = await Promise.all([
        clients.bedrockAgent(),
        import("@aws-sdk/client-bedrock-agent"),
      ]);
      const out = await client.send(
        new ListAgentAliasesCommand({ agentId, maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
      );
      return {
        aliases: (out.agentAliasSummaries ?? []).flatMap((a) =>
          a.agentAliasId && a.agentAliasName
            ? [{ agentAliasId: a.agentAliasId, agentAliasName: a.agentAliasName }]
            : [],
        ),
        ...(out.nextToken ? { nextToken: out.nextToken } : {}),
      };
    },
  };
}

async function* emptyStream(): AsyncIterable<StreamEvent> {}
