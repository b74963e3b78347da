/**
 * The deployed record lives in AWS, as tags (never in a local file): a fresh checkout
 * on another machine reads the same record and computes the same plan.
 */

/** Ownership: agentctl changes only resources whose tag names this project. */
export const PROJECT_TAG = "agentctl:project";
/**
 * On an agent: the content hash of the DRAFT definition agentctl last applied (drift is
 * DRAFT no longer hashing to it). On an alias: the hash of the DRAFT its version was cut
 * from, valid for the version named by VERSION_TAG.
 */
export const HASH_TAG = "agentctl:hash";
/** On an alias: which version HASH_TAG describes; a different routed version means the record is stale. */
export const VERSION_TAG = "agentctl:version";
/** On roles and functions agentctl created: the agent they were made for. */
export const AGENT_TAG = "agentctl:agent";
