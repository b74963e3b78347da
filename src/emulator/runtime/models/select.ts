/**
 * How the emulator learns an agent's local model: tags on the agent (SPEC.md §9), which the
 * deploy engine sets from the manifest's `local:` section and which cost nothing on AWS.
 *
 *   agentctl:local-model     scripted | bedrock | openai   (default: scripted when a script is tagged)
 *   agentctl:local-script    the scripted model's file; relative paths are resolved against the
 *                            emulator's projectDir (or its working directory)
 *   agentctl:local-model-id  bedrock/openai: the model to call (default: the agent's foundationModel)
 *   agentctl:local-endpoint  openai: the server's base URL, e.g. http://127.0.0.1:11434/v1
 */
import path from "node:path";
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { StreamError } from "../errors.js";
import type { AgentSnapshot } from "../snapshot.js";
import { BedrockModel } from "./bedrock.js";
import { OpenAiModel } from "./openai.js";
import { ScriptedModel } from "./scripted.js";
import type { ModelAdapter } from "./types.js";

export const LOCAL_MODEL_TAG = "agentctl:local-model";
export const LOCAL_SCRIPT_TAG = "agentctl:local-script";
export const LOCAL_MODEL_ID_TAG = "agentctl:local-model-id";
export const LOCAL_ENDPOINT_TAG = "agentctl:local-endpoint";

export interface ModelSettings {
  /** Base for relative script paths. */
  projectDir?: string;
  /** The Converse client for `bedrock` agents (built by the command layer's client factory). */
  bedrockRuntime?: () => Promise<BedrockRuntimeClient>;
  /** Default base URL and key for `openai` agents without an endpoint tag. */
  openai?: { baseUrl?: string; apiKey?: string };
  /** Per model call; past it the call counts as a model timeout. Default 60 s. */
  modelTimeoutMs?: number;
}

export const DEFAULT_OPENAI_URL = "http://127.0.0.1:11434/v1";

export function modelFor(snapshot: AgentSnapshot, settings: ModelSettings): ModelAdapter {
  const tags = snapshot.tags;
  const script = tags[LOCAL_SCRIPT_TAG];
  const kind = tags[LOCAL_MODEL_TAG] ?? (script ? "scripted" : undefined);
  const name = snapshot.definition.agentName;
  const modelId = tags[LOCAL_MODEL_ID_TAG] ?? snapshot.definition.foundationModel ?? "";
  const timeoutMs = settings.modelTimeoutMs ?? 60_000;
  switch (kind) {
    case "scripted":
      if (!script) {
        throw new StreamError(
          "validationException",
          `Agent ${name} uses the scripted model but has no ${LOCAL_SCRIPT_TAG} tag naming its script file.`,
        );
      }
      return new ScriptedModel(path.resolve(settings.projectDir ?? process.cwd(), script), script);
    case "bedrock":
      return new BedrockModel(modelId, settings.bedrockRuntime, timeoutMs);
    case "openai":
      return new OpenAiModel(
        modelId,
        tags[LOCAL_ENDPOINT_TAG] ?? settings.openai?.baseUrl ?? DEFAULT_OPENAI_URL,
        settings.openai?.apiKey,
        timeoutMs,
      );
    case undefined:
      throw new StreamError(
        "validationException",
        `Agent ${name} has no local model: the emulator cannot run it. Tag it ${LOCAL_MODEL_TAG}=scripted|bedrock|openai (agentctl deploy does this from the manifest's local: section).`,
      );
    default:
      throw new StreamError(
        "validationException",
        `Agent ${name} is tagged ${LOCAL_MODEL_TAG}=${kind}; the local runtime knows scripted, bedrock and openai.`,
      );
  }
}
