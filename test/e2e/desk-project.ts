/**
 * A small project written inline for the tests the sample cannot show: a clerk agent with a
 * RETURN_CONTROL group (run by its local handler on the caller's side), a function that needs
 * the user's confirmation, a Lambda whose handler throws, and a supervisor delegating to the clerk.
 */
import { functionHandler, inlineProject } from "./support.js";

const fn = (name: string, param: string, extra = "") => `
      - name: ${name}
        description: ${name} by ${param}${extra}
        parameters:
          ${param}: { type: string, description: The ${param}, required: true }`;

const CLERK = `name: clerk
description: Looks up customers, cancels orders and greets people
model: anthropic.claude-3-haiku-20240307-v1:0
instruction: You are a clerk. Use your tools to look up customers, cancel orders and greet people.
role: auto
actionGroups:
  - name: crm
    description: Customer records, kept on the caller's side
    functions:${fn("lookupCustomer", "id")}
    executor: returnControl
    handler: handlers/crm.mjs
  - name: orders
    description: Cancels orders
    functions:${fn("cancelOrder", "id", "\n        confirmation: true")}
    executor: { lambda: "arn:aws:lambda:\${region}:\${account}:function:CancelOrder" }
    handler: handlers/cancel.mjs
  - name: greetings
    description: Greets people
    functions:${fn("greet", "name")}
    executor: { lambda: "arn:aws:lambda:\${region}:\${account}:function:Greet" }
    handler: handlers/greet.mjs
  - name: broken
    description: A tool whose backend is down
    functions:${fn("explode", "id")}
    executor: { lambda: "arn:aws:lambda:\${region}:\${account}:function:Explode" }
    handler: handlers/explode.mjs
aliases: [live]
local:
  model: scripted
  script: scripts/clerk.yaml
`;

const CLERK_SCRIPT = `version: 1
rules:
  - match: 'customer (?<id>[\\w-]+)'
    call: { actionGroup: crm, operation: lookupCustomer, parameters: { id: "{{id}}" } }
    answers: [{ text: "Customer {{id}} is {{body}}." }]
  - match: 'cancel (?<id>[\\w-]+)'
    call: { actionGroup: orders, operation: cancelOrder, parameters: { id: "{{id}}" } }
    answers:
      - when: { denied: true }
        text: "Order {{id}} stays open."
      - text: "{{body}}."
  - match: 'greet (?<name>\\w+)'
    call: { actionGroup: greetings, operation: greet, parameters: { name: "{{name}}" } }
    answers: [{ text: "{{body}}" }]
  - match: 'explode (?<id>\\S+)'
    call: { actionGroup: broken, operation: explode, parameters: { id: "{{id}}" } }
    answers: [{ text: "It did not explode." }]
fallback: "I can look up customers, cancel orders and greet people."
`;

const DESK = `name: desk
description: Sends greetings to the clerk
model: anthropic.claude-3-5-sonnet-20241022-v2:0
instruction: You are the front desk supervisor. Delegate every greeting to the clerk collaborator.
role: auto
collaboration: SUPERVISOR
collaborators:
  - name: helper
    agent: clerk
    alias: live
    instruction: Greets people by name.
aliases: [live]
local:
  model: scripted
  script: scripts/desk.yaml
`;

const DESK_SCRIPT = `version: 1
rules:
  - match: 'greet (?<name>\\w+)'
    call: { collaborator: helper, text: "greet {{name}}" }
    answers: [{ text: "The clerk says: {{body}}" }]
fallback: "Ask me to greet someone."
`;

export function deskProject() {
  return inlineProject({
    "agentctl.yaml": "name: e2e-desk\nregion: us-east-1\n",
    "agents/clerk.yaml": CLERK,
    "agents/desk.yaml": DESK,
    "agents/scripts/clerk.yaml": CLERK_SCRIPT,
    "agents/scripts/desk.yaml": DESK_SCRIPT,
    "agents/handlers/crm.mjs": functionHandler(
      '({ "C-7": "Ana Silva" })[event.parameters[0].value] ?? "unknown"',
    ),
    "agents/handlers/cancel.mjs": functionHandler('"Order " + event.parameters[0].value + " cancelled"'),
    "agents/handlers/greet.mjs": functionHandler('"Hello, " + event.parameters[0].value + "!"'),
    "agents/handlers/explode.mjs": functionHandler(
      '"unreachable"',
      'throw new Error("the backend is down");',
    ),
  });
}
