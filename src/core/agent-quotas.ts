/**
 * Per-agent counts that Bedrock enforces as account quotas (aws-behaviour.md §3.4).
 * They are adjustable, so exceeding the default is a warning: an account with a
 * raised quota deploys fine, any other gets ServiceQuotaExceededException (402).
 */

import { BEDROCK_QUOTAS } from "../bedrock-quotas.js";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { AgentManifest, Located } from "../manifest/types.js";

/** "APIs per Agent" is checked with the schemas, in src/openapi (checkApisPerAgent). */
export function checkAgentQuotas(agent: Located<AgentManifest>, enabledGroups: number): Diagnostic[] {
  const m = agent.value;
  const out: Diagnostic[] = [];
  const over = (count: number, limit: number, at: readonly (string | number)[], what: string) => {
    if (count <= limit) return;
    out.push(
      diagnostic(
        agent.file,
        agent.locateKey(at),
        "warning",
        "manifest/quota",
        `Agent "${m.name}" has ${count} ${what}; the default Bedrock quota is ${limit}.`,
        "Deploying fails with ServiceQuotaExceededException unless the account's quota was raised (Service Quotas console).",
      ),
    );
  };
  const groups = m.actionGroups ?? [];
  over(groups.length, BEDROCK_QUOTAS.actionGroupsPerAgent, ["actionGroups"], "action groups");
  over(enabledGroups, BEDROCK_QUOTAS.enabledActionGroupsPerAgent, ["actionGroups"], "enabled action groups");
  over(
    (m.knowledgeBases ?? []).length,
    BEDROCK_QUOTAS.knowledgeBasesPerAgent,
    ["knowledgeBases"],
    "knowledge bases",
  );
  over(
    (m.collaborators ?? []).length,
    BEDROCK_QUOTAS.collaboratorsPerAgent,
    ["collaborators"],
    "collaborators",
  );
  return out;
}
