/** The README.md `agentctl init` writes into a new project. */
export function projectReadme(name: string): string {
  return `# ${name}

An [agentctl](https://www.npmjs.com/package/agentctl) project: Amazon Bedrock agents and the Step Functions
workflow that orchestrates them, runnable offline on agentctl's local emulator or deployed to AWS.

It starts as the order-processing sample: \`order-validation\` checks each product against a catalog,
\`shipping\` creates the shipment, \`notification\` tells the operations team when an order fails, and
\`templates/order-workflow.asl.yaml\` ties them together (with a human approval for orders over 500).

| Path | What it holds |
|---|---|
| \`agentctl.yaml\` | project name, region, workflows |
| \`agents/*.yaml\` | one manifest per agent: model, instruction, action groups, aliases |
| \`agents/handlers/\` | action-group code, in the Lambda event/response format (the same file runs locally and on Lambda) |
| \`agents/scripts/\` | rules of the scripted model the emulator uses instead of a foundation model |
| \`openapi/\` | OpenAPI schemas of the action groups |
| \`templates/\` | state-machine templates (ASL); \`Resource: agentctl:invokeAgent\` calls an agent |
| \`order.json\`, \`order-out-of-stock.json\` | example workflow inputs: one that ships, one that fails validation |

## Next steps

\`\`\`sh
agentctl validate          # manifests, OpenAPI schemas and the workflow, with file:line:col diagnostics
\`\`\`

The shipping provider fails on purpose when \`SHIPPING_FAILURE_RATE\` (0–1, default 0) says so: a hash of
the order id decides, so the same order always gets the same outcome. \`.agentctl/\` holds the local
emulator's state and is git-ignored.
`;
}
