/** What the workflow compiler takes and gives (src/core/workflow/compile.ts). */
import type { PropertyPath } from "../../manifest/types.js";

export interface ResolvedAlias {
  name: string;
  aliasId: string;
  aliasArn: string;
}

export interface ResolvedAgent {
  agentId: string;
  agentArn: string;
  /** In manifest order: the first is the agent's default alias. */
  aliases: readonly ResolvedAlias[];
}

/** The project's agents by name, as deployed (or placeholder ids when nothing is). */
export type ResolvedAgents = Readonly<Record<string, ResolvedAgent>>;

export interface CompileInputs {
  agents: ResolvedAgents;
  /** ARN of the adapter function (src/adapter/invoke-agent.ts) the compiled tasks invoke. */
  adapterFunctionArn: string;
  /** Values of `${region}`, `${account}`, `${env:NAME}`; undefined leaves a placeholder as written. */
  variable?: (name: string) => string | undefined;
}

/** A template the compiler cannot turn into a definition; `path` is the offending node's. */
export class WorkflowCompileError extends Error {
  constructor(
    message: string,
    readonly path: PropertyPath,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "WorkflowCompileError";
  }
}
