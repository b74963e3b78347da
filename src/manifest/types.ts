/**
 * The shapes of agentctl.yaml and agents/*.yaml after loading and interpolation.
 * The JSON Schema in schemas/ is the authority on what a file may contain; these
 * types mirror it for the code that consumes manifests.
 */
import type { Position } from "../diagnostics.js";

/** agentctl.yaml */
export interface ProjectConfig {
  name: string;
  /** Default target when neither --target nor AGENTCTL_TARGET is given. */
  target?: "local" | "aws";
  region?: string;
  profile?: string;
  /** Directory holding one manifest (YAML or JSON) per agent (default `agents`). */
  agentsDir?: string;
  /** State-machine templates that are workflows. */
  workflows?: WorkflowConfig[];
}

export interface WorkflowConfig {
  name: string;
  /** Path relative to agentctl.yaml: JSON or YAML ASL. */
  template: string;
  type?: "STANDARD" | "EXPRESS";
  description?: string;
}

/** agents/NAME.yaml */
export interface AgentManifest {
  name: string;
  description?: string;
  /** Foundation-model id or inference-profile id/ARN. */
  model: string;
  instruction: string;
  /** Seconds, 60–5400. */
  idleSessionTTL?: number;
  /** `auto` (agentctl creates a least-privilege role) or an IAM role ARN. */
  role?: string;
  guardrail?: { id: string; version: string };
  memory?: { enabled: boolean; storageDays?: number };
  knowledgeBases?: KnowledgeBaseManifest[];
  collaboration?: "SUPERVISOR" | "SUPERVISOR_ROUTER" | "DISABLED";
  collaborators?: CollaboratorManifest[];
  actionGroups?: ActionGroupManifest[];
  builtins?: { userInput?: boolean; codeInterpreter?: boolean };
  aliases?: AliasManifest[];
  tags?: Record<string, string>;
  local?: LocalSettings;
}

export interface KnowledgeBaseManifest {
  id: string;
  description: string;
  enabled?: boolean;
}

export interface CollaboratorManifest {
  name: string;
  /** Another agent of this project, by manifest name … */
  agent?: string;
  /** … which alias of it to call (default: the first alias it declares). */
  alias?: string;
  /** … or an existing alias ARN outside the project. */
  aliasArn?: string;
  instruction: string;
  relayHistory?: boolean;
}

export interface ActionGroupManifest {
  name: string;
  description?: string;
  /** OpenAPI file, relative to the manifest. Exactly one of `schema` and `functions`. */
  schema?: string;
  functions?: FunctionManifest[];
  executor: { lambda: string } | "returnControl";
  /** Local handler module the emulator runs, relative to the manifest. */
  handler?: string;
  enabled?: boolean;
}

export interface FunctionManifest {
  name: string;
  description?: string;
  parameters?: Record<string, ParameterManifest>;
  /** Ask the user to confirm before calling. */
  confirmation?: boolean;
}

export interface ParameterManifest {
  type: "string" | "number" | "integer" | "boolean" | "array";
  description?: string;
  required?: boolean;
}

/** Written in YAML as a bare name (`live`) or an object. */
export interface AliasManifest {
  name: string;
  description?: string;
}

export interface LocalSettings {
  /** Model adapter the emulator's runtime uses: scripted (default), bedrock or openai. */
  model?: "scripted" | "bedrock" | "openai";
  /** Rules for the scripted adapter, relative to the manifest. */
  script?: string;
  /** For the openai adapter: base URL and model name. */
  endpoint?: string;
  modelName?: string;
}

/** A property path inside a manifest, e.g. ["actionGroups", 0, "schema"]. */
export type PropertyPath = readonly (string | number)[];

/** A loaded file: its value plus a way to point diagnostics at any part of it. */
export interface Located<T> {
  /** Absolute path. */
  file: string;
  value: T;
  /** Position of the value at `path` (or of its nearest existing parent). */
  locate(path: PropertyPath): Position;
  /** Position of the key of the property at `path` (falls back to `locate`). */
  locateKey(path: PropertyPath): Position;
}

export interface LoadedProject {
  /** Absolute project directory. */
  dir: string;
  /**
   * agentctl.yaml. When it has errors (see the diagnostics), `value` holds only its well-typed
   * parts: settings that pass their own checks, and the `workflows` entries whose `name` is a
   * string and whose `template` is a non-empty string with no failed placeholder (their `type`
   * and `description` only when those pass). `name` is then "" if it did not pass.
   */
  config: Located<ProjectConfig>;
  /** The agents whose manifests have no errors (warnings may remain). */
  agents: Located<AgentManifest>[];
  /**
   * One entry per manifest file in the agents directory, errored or not, sorted by file: lets
   * a checker know every agent name and still check the well-formed parts of a manifest that has
   * a typo elsewhere.
   */
  agentDocuments: AgentDocumentSummary[];
}

/** One agent manifest file as loaded, whatever its errors. */
export interface AgentDocumentSummary {
  /** Absolute path. */
  file: string;
  /** The `name` as written (after interpolation) when it is a string, even if the manifest has errors. */
  name?: string;
  /** Present only when the manifest has no errors: the same object as in `LoadedProject.agents`. */
  located?: Located<AgentManifest>;
  /**
   * The interpolated value as written, possibly invalid (not normalised: aliases may still be bare
   * strings), with positions. Present whenever the file parsed into an agent manifest mapping, with
   * or without errors; absent when it could not be read or parsed, or is another kind of document
   * (an OpenAPI schema or a state-machine template left in the agents directory).
   */
  partial?: Located<unknown>;
}

/** Values for `${region}` and `${account}`; `${env:NAME}` reads `env`. */
export interface InterpolationContext {
  region: string;
  account: string;
  env: Readonly<Record<string, string | undefined>>;
}
