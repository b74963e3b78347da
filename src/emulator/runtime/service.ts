/**
 * bedrock-agent-runtime on the emulator: InvokeAgent runs the agent; the runtime's other
 * operations keep the placeholder's 501 NotImplementedException naming them.
 */
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { parseJsonBody } from "../control-plane/service.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";
import { agentRuntimeService as placeholder, runtimeOperation } from "../services/agent-runtime.js";
import type { Store } from "../store/index.js";
import { type FunctionInvoker, handlerTable, localHandlerInvoker } from "./actions/function-invoker.js";
import { EMPTY_KNOWLEDGE_BASES, type KnowledgeBaseRetriever } from "./knowledge-bases.js";
import type { RuntimeContext } from "./loop/context.js";
import type { ModelSettings } from "./models/select.js";
import type { ModelAdapter } from "./models/types.js";
import { SessionStore } from "./sessions.js";
import type { AgentSnapshot } from "./snapshot.js";

/** What the command layer (and tests) may configure; every member is optional. */
export interface RuntimeOptions extends ModelSettings {
  /** How action groups' Lambda functions are called; default: `localHandlers` modules. */
  functionInvoker?: FunctionInvoker;
  /** Function ARN or name → handler module path, for the default invoker. */
  localHandlers?: Readonly<Record<string, string>>;
  knowledgeBases?: KnowledgeBaseRetriever;
  /** Replaces tag-based model selection (tests, embedding). */
  modelFor?: (snapshot: AgentSnapshot) => ModelAdapter;
  /** Default 10. */
  maxSteps?: number;
  bedrockRuntime?: () => Promise<BedrockRuntimeClient>;
}

interface AgentLoop {
  invokeAgent: typeof import("./loop/run-turn.js").invokeAgent;
  parseInvokeRequest: typeof import("./protocol/invoke-request.js").parseInvokeRequest;
  modelFor: typeof import("./models/select.js").modelFor;
}
let agentLoop: Promise<AgentLoop> | undefined;
let loadedAgentLoop: AgentLoop | undefined;

/**
 * The agent loop, its model adapters and the request parser, loaded on the first InvokeAgent:
 * an emulator that only serves a deploy (or a workflow without agents) never pays for them.
 */
function loadAgentLoop(): Promise<AgentLoop> {
  agentLoop ??= Promise.all([
    import("./loop/run-turn.js"),
    import("./protocol/invoke-request.js"),
    import("./models/select.js"),
  ]).then(([turn, request, models]) => {
    loadedAgentLoop = {
      invokeAgent: turn.invokeAgent,
      parseInvokeRequest: request.parseInvokeRequest,
      modelFor: models.modelFor,
    };
    return loadedAgentLoop;
  });
  return agentLoop;
}

/** Model selection runs only inside an invocation, after loadAgentLoop() resolved. */
function selectModel(snapshot: AgentSnapshot, options: RuntimeOptions): ModelAdapter {
  if (!loadedAgentLoop) throw new Error("the agent loop is used before it was loaded");
  return loadedAgentLoop.modelFor(snapshot, options);
}

export function createRuntimeContext(
  store: Store,
  options: RuntimeOptions,
  now: () => number,
): RuntimeContext {
  return {
    store,
    sessions: new SessionStore(store.db),
    functions: options.functionInvoker ?? localHandlerInvoker(handlerTable(options.localHandlers ?? {})),
    modelFor: options.modelFor ?? ((snapshot) => selectModel(snapshot, options)),
    knowledgeBases: options.knowledgeBases ?? EMPTY_KNOWLEDGE_BASES,
    now,
    maxSteps: options.maxSteps ?? 10,
  };
}

const header = (request: NormalisedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function agentRuntimeService(rt: RuntimeContext, applyDue: () => void): Service {
  return {
    protocol: "restJson",
    route(request) {
      const operation = runtimeOperation(request.method, request.segments);
      if (operation !== "InvokeAgent") return placeholder.route(request);
      const [, agentId, , agentAliasId, , sessionId] = request.segments as string[];
      return {
        operation,
        async execute() {
          const { invokeAgent, parseInvokeRequest } = await loadAgentLoop();
          const parsed = parseInvokeRequest(
            {
              agentId: agentId as string,
              agentAliasId: agentAliasId as string,
              sessionId: sessionId as string,
            },
            parseJsonBody(request.body),
            header(request, "x-amz-source-arn"),
          );
          return invokeAgent(rt, parsed, applyDue);
        },
      };
    },
  };
}
