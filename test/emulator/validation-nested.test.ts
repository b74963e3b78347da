import { describe, expect, it } from "vitest";
import { validateRequest } from "../../src/emulator/control-plane/validation/index.js";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:product-catalog";
const TAG_ARN = "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT12345";
const TAG_PATTERN = "[a-zA-Z0-9\\s._:/=+@-]*";
const GROUP = { agentId: "AGENT12345", agentVersion: "DRAFT", actionGroupName: "catalog" };

function fields(operation: string, input: Record<string, unknown>) {
  return validateRequest(operation, input)?.fieldList ?? [];
}

describe("unions: exactly one member set", () => {
  const EXECUTOR_RULE = "Member must have exactly one member set, one of: [lambda, customControl]";

  it("accepts each member alone", () => {
    expect(fields("CreateAgentActionGroup", { ...GROUP, actionGroupExecutor: { lambda: LAMBDA } })).toEqual(
      [],
    );
    expect(
      fields("CreateAgentActionGroup", {
        ...GROUP,
        actionGroupExecutor: { customControl: "RETURN_CONTROL" },
      }),
    ).toEqual([]);
  });

  it("rejects two members and echoes the union", () => {
    expect(
      validateRequest("CreateAgentActionGroup", {
        ...GROUP,
        actionGroupExecutor: { lambda: LAMBDA, customControl: "RETURN_CONTROL" },
      })?.message,
    ).toBe(
      `1 validation error detected: Value '{lambda=${LAMBDA}, customControl=RETURN_CONTROL}' at 'actionGroupExecutor' ` +
        `failed to satisfy constraint: ${EXECUTOR_RULE}`,
    );
  });

  it("rejects an empty union, one holding only nulls and one holding only unknown members", () => {
    for (const actionGroupExecutor of [{}, { lambda: null }, { futureExecutor: "x" }]) {
      expect(fields("CreateAgentActionGroup", { ...GROUP, actionGroupExecutor })).toEqual([
        { name: "actionGroupExecutor", message: EXECUTOR_RULE },
      ]);
    }
  });

  it("still validates the member that is set", () => {
    expect(
      fields("CreateAgentActionGroup", { ...GROUP, actionGroupExecutor: { customControl: "RETURN" } }),
    ).toEqual([
      {
        name: "actionGroupExecutor.customControl",
        message: "Member must satisfy enum value set: [RETURN_CONTROL]",
      },
    ]);
  });

  it("checks customOrchestration.executor and functionSchema the same way", () => {
    expect(fields("CreateAgent", { agentName: "a", customOrchestration: { executor: {} } })).toEqual([
      {
        name: "customOrchestration.executor",
        message: "Member must have exactly one member set, one of: [lambda]",
      },
    ]);
    expect(
      fields("CreateAgent", { agentName: "a", customOrchestration: { executor: { lambda: "nope" } } }),
    ).toEqual([
      {
        name: "customOrchestration.executor.lambda",
        message: expect.stringMatching(/^Member must satisfy regular expression pattern: arn:\(aws/),
      },
    ]);
    expect(fields("CreateAgentActionGroup", { ...GROUP, functionSchema: {} })).toEqual([
      { name: "functionSchema", message: "Member must have exactly one member set, one of: [functions]" },
    ]);
  });
});

describe("lists and maps of structures: paths with .N.member", () => {
  it("writes list elements 1-based with .member", () => {
    expect(
      validateRequest("CreateAgentAlias", {
        agentId: "AGENT12345",
        agentAliasName: "live",
        routingConfiguration: [{ agentVersion: "0" }],
      })?.message,
    ).toBe(
      "1 validation error detected: Value '0' at 'routingConfiguration.1.member.agentVersion' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: (DRAFT|[0-9]{0,4}[1-9][0-9]{0,4})",
    );
  });

  it("checks the list length and null elements", () => {
    const two = [{ agentVersion: "1" }, { agentVersion: "2" }];
    expect(
      validateRequest("CreateAgentAlias", {
        agentId: "AGENT12345",
        agentAliasName: "live",
        routingConfiguration: two,
      })?.message,
    ).toBe(
      "1 validation error detected: Value '[{agentVersion=1}, {agentVersion=2}]' at 'routingConfiguration' " +
        "failed to satisfy constraint: Member must have length less than or equal to 1",
    );
    expect(
      fields("CreateAgentAlias", {
        agentId: "AGENT12345",
        agentAliasName: "live",
        routingConfiguration: [null],
      }),
    ).toEqual([{ name: "routingConfiguration.1.member", message: "Member must not be null" }]);
  });

  it("walks functions and their parameter maps (map values written <key>.member)", () => {
    const failure = validateRequest("CreateAgentActionGroup", {
      ...GROUP,
      actionGroupExecutor: { customControl: "RETURN_CONTROL" },
      functionSchema: {
        functions: [
          { name: "get_product", parameters: { productId: { type: "string", required: true } } },
          {
            description: "",
            parameters: {
              "bad name": { type: "text" },
              qty: { description: "d".repeat(501), type: "integer" },
            },
          },
        ],
      },
    });
    expect(failure?.fieldList).toEqual([
      { name: "functionSchema.functions.2.member.name", message: "Member must not be null" },
      {
        name: "functionSchema.functions.2.member.description",
        message: "Member must have length greater than or equal to 1",
      },
      {
        name: "functionSchema.functions.2.member.parameters",
        message:
          "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ([0-9a-zA-Z][_-]?){1,100}]",
      },
      {
        name: "functionSchema.functions.2.member.parameters.bad name.member.type",
        message: "Member must satisfy enum value set: [string, number, integer, boolean, array]",
      },
      {
        name: "functionSchema.functions.2.member.parameters.qty.member.description",
        message: "Member must have length less than or equal to 500",
      },
    ]);
  });
});

describe("lists and maps of scalars: one message for the whole collection", () => {
  it("UntagResource tagKeys", () => {
    expect(
      validateRequest("UntagResource", { resourceArn: TAG_ARN, tagKeys: ["env", "", "ok"] })?.message,
    ).toBe(
      "1 validation error detected: Value '[env, , ok]' at 'tagKeys' failed to satisfy constraint: " +
        "Member must satisfy constraint: [Member must have length less than or equal to 128, " +
        `Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${TAG_PATTERN}]`,
    );
    expect(fields("UntagResource", { resourceArn: TAG_ARN, tagKeys: [] })).toEqual([]);
    expect(
      fields("UntagResource", {
        resourceArn: TAG_ARN,
        tagKeys: Array.from({ length: 201 }, (_, i) => `k${i}`),
      }),
    ).toEqual([{ name: "tagKeys", message: "Member must have length less than or equal to 200" }]);
  });

  it("adds Member must not be null when an element is null", () => {
    expect(fields("UntagResource", { resourceArn: TAG_ARN, tagKeys: ["env", null] })[0]?.message).toMatch(
      /, Member must not be null\]$/,
    );
  });

  it("reports tag keys and tag values once each, keys first", () => {
    const failure = validateRequest("TagResource", {
      resourceArn: TAG_ARN,
      tags: { "bad!key": "v", "also!bad": "v", good: "x".repeat(257) },
    });
    expect(failure?.fieldList).toEqual([
      {
        name: "tags",
        message:
          "Map keys must satisfy constraint: [Member must have length less than or equal to 128, " +
          `Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${TAG_PATTERN}]`,
      },
      {
        name: "tags",
        message:
          "Map value must satisfy constraint: [Member must have length less than or equal to 256, " +
          `Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ${TAG_PATTERN}]`,
      },
    ]);
    expect(failure?.message).toContain("Value '{bad!key=v, also!bad=v, good=xxx");
  });

  it("uses Java's notion of whitespace for \\s in tags", () => {
    expect(fields("TagResource", { resourceArn: TAG_ARN, tags: { "team name": "a\tb" } })).toEqual([]);
    expect(fields("TagResource", { resourceArn: TAG_ARN, tags: { "team\u00a0name": "x" } })).toHaveLength(1);
  });

  it("memoryConfiguration.enabledMemoryTypes is a list of an enum", () => {
    expect(
      fields("CreateAgent", {
        agentName: "a",
        memoryConfiguration: { enabledMemoryTypes: ["SESSION_SUMMARY"] },
      }),
    ).toEqual([]);
    expect(
      fields("CreateAgent", { agentName: "a", memoryConfiguration: { enabledMemoryTypes: ["CHAT"] } }),
    ).toEqual([
      {
        name: "memoryConfiguration.enabledMemoryTypes",
        message: "Member must satisfy constraint: [Member must satisfy enum value set: [SESSION_SUMMARY]]",
      },
    ]);
    expect(fields("CreateAgent", { agentName: "a", memoryConfiguration: { storageDays: 366 } })).toEqual([
      { name: "memoryConfiguration.enabledMemoryTypes", message: "Member must not be null" },
      {
        name: "memoryConfiguration.storageDays",
        message: "Member must have value less than or equal to 365",
      },
    ]);
  });
});

describe("wrong JSON types are validation errors at the exact path", () => {
  it("string where an integer is required, and fractions or 64-bit numbers", () => {
    expect(validateRequest("CreateAgent", { agentName: "a", idleSessionTTLInSeconds: "600" })?.message).toBe(
      "1 validation error detected: Value '600' at 'idleSessionTTLInSeconds' failed to satisfy constraint: " +
        "Member must be of type integer",
    );
    expect(fields("ListAgents", { maxResults: 10.5 })).toEqual([
      { name: "maxResults", message: "Member must be of type integer" },
    ]);
    expect(fields("ListAgents", { maxResults: 2 ** 31 })).toEqual([
      { name: "maxResults", message: "Member must be of type integer" },
    ]);
  });

  it("object where a string is required, array where a map or structure is", () => {
    expect(validateRequest("CreateAgent", { agentName: { first: "a" } })?.message).toBe(
      "1 validation error detected: Value '{first=a}' at 'agentName' failed to satisfy constraint: Member must be of type string",
    );
    expect(fields("CreateAgent", { agentName: "a", tags: ["env"] })).toEqual([
      { name: "tags", message: "Member must be of type map" },
    ]);
    expect(fields("CreateAgent", { agentName: "a", guardrailConfiguration: "g1" })).toEqual([
      { name: "guardrailConfiguration", message: "Member must be of type structure" },
    ]);
    expect(fields("UntagResource", { resourceArn: TAG_ARN, tagKeys: "env" })).toEqual([
      { name: "tagKeys", message: "Member must be of type list" },
    ]);
  });

  it("booleans, scalar elements and map values", () => {
    expect(fields("DeleteAgent", { agentId: "AGENT12345", skipResourceInUseCheck: true })).toEqual([]);
    expect(fields("DeleteAgent", { agentId: "AGENT12345", skipResourceInUseCheck: "yes" })).toEqual([
      { name: "skipResourceInUseCheck", message: "Member must be of type boolean" },
    ]);
    expect(fields("UntagResource", { resourceArn: TAG_ARN, tagKeys: ["env", 7] })).toEqual([
      { name: "tagKeys.2.member", message: "Member must be of type string" },
    ]);
    expect(fields("TagResource", { resourceArn: TAG_ARN, tags: { env: 1 } })).toEqual([
      { name: "tags.env.member", message: "Member must be of type string" },
    ]);
  });

  it("floats: Java-style bounds, type checks, hidden under the sensitive prompt override", () => {
    const prompt = (inferenceConfiguration: Record<string, unknown>) =>
      validateRequest("CreateAgent", {
        agentName: "a",
        promptOverrideConfiguration: { promptConfigurations: [{ inferenceConfiguration }] },
      });
    expect(
      prompt({ temperature: 0.5, topP: 1, topK: 500, maximumLength: 2048, stopSequences: ["\n\nHuman:"] }),
    ).toBeUndefined();
    const path = "promptOverrideConfiguration.promptConfigurations.1.member.inferenceConfiguration";
    expect(prompt({ temperature: 2, topK: 0.5, topP: "1" })?.message).toBe(
      "3 validation errors detected: " +
        `Value at '${path}.temperature' failed to satisfy constraint: Member must have value less than or equal to 1.0; ` +
        `Value at '${path}.topP' failed to satisfy constraint: Member must be of type float; ` +
        `Value at '${path}.topK' failed to satisfy constraint: Member must be of type integer`,
    );
    expect(prompt({ stopSequences: ["a", "b", "c", "d", "e"] })?.fieldList).toEqual([
      { name: `${path}.stopSequences`, message: "Member must have length less than or equal to 4" },
    ]);
  });
});
