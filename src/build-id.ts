/**
 * Identifies the code of this agentctl build: scripts/bundle-cli.js replaces the placeholder with
 * a hash of what it bundles. Undefined when running from src/ or tsc's dist/ (tests, development),
 * where nothing may rely on results an earlier version of the code recorded.
 */
declare const __AGENTCTL_BUILD_ID__: string | undefined;

export const BUILD_ID: string | undefined =
  typeof __AGENTCTL_BUILD_ID__ === "string" ? __AGENTCTL_BUILD_ID__ : undefined;
