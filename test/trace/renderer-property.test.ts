/**
 * Property: whatever arrives — valid event sequences, unknown fields, unknown kinds, values of
 * the wrong type — the renderer returns lines (never throws) within the width, in every detail.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainStyle } from "../../src/io/style.js";
import { createTraceRenderer } from "../../src/trace/index.js";
import type { StreamEvent, TraceDetail } from "../../src/trace/types.js";

const text = fc.string({ maxLength: 300 });
const traceId = fc.constantFrom("t-0", "t-1", "t-KB-null-0", "t-pre-0", undefined);
const metadata = fc.record(
  {
    usage: fc.record({ inputTokens: fc.nat(), outputTokens: fc.nat() }, { requiredKeys: [] }),
    totalTimeMs: fc.nat(),
    operationTotalTimeMs: fc.nat(),
    startTime: fc.date({ noInvalidDate: true }),
  },
  { requiredKeys: [] },
);
const params = fc.array(fc.record({ name: text, type: fc.constantFrom("string", "number"), value: text }), {
  maxLength: 3,
});
/** Extra fields nobody knows, on any object. */
const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 2,
});
const withExtra = <T>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, extra).map(([v, e]) => ({ ...e, ...(v as object) }));

const modelOutput = withExtra(
  fc.record(
    {
      traceId,
      metadata,
      rawResponse: fc.record({ content: text }),
      reasoningContent: fc.record({ reasoningText: fc.record({ text }) }),
    },
    { requiredKeys: [] },
  ),
);
const invocationInput = withExtra(
  fc.oneof(
    fc.record({
      traceId,
      invocationType: fc.constant("ACTION_GROUP"),
      actionGroupInvocationInput: fc.record(
        {
          actionGroupName: text,
          apiPath: text,
          verb: text,
          function: text,
          parameters: params,
          executionType: fc.constantFrom("LAMBDA", "RETURN_CONTROL"),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({ traceId, knowledgeBaseLookupInput: fc.record({ knowledgeBaseId: text, text }) }),
    fc.record({
      traceId,
      codeInterpreterInvocationInput: fc.record({ code: text, files: fc.array(text, { maxLength: 2 }) }),
    }),
    fc.record({
      traceId,
      agentCollaboratorInvocationInput: fc.record({
        agentCollaboratorName: text,
        agentCollaboratorAliasArn: text,
        input: fc.record({ type: fc.constant("TEXT"), text }),
      }),
    }),
  ),
);
const observation = withExtra(
  fc.oneof(
    fc.record({
      traceId,
      type: fc.constant("ACTION_GROUP"),
      actionGroupInvocationOutput: fc.record({ text, metadata }),
    }),
    fc.record({
      traceId,
      knowledgeBaseLookupOutput: fc.record({
        retrievedReferences: fc.array(
          fc.record({
            content: fc.record({ text }),
            location: fc.record({ type: fc.constant("S3"), s3Location: fc.record({ uri: text }) }),
          }),
          { maxLength: 7 },
        ),
      }),
    }),
    fc.record({
      traceId,
      codeInterpreterInvocationOutput: fc.record(
        {
          executionOutput: text,
          executionError: text,
          files: fc.array(text),
          executionTimeout: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({
      traceId,
      type: fc.constantFrom("FINISH", "ASK_USER"),
      finalResponse: fc.record({ text, metadata }),
    }),
    fc.record({
      traceId,
      repromptResponse: fc.record({ text, source: fc.constantFrom("PARSER", "ACTION_GROUP") }),
    }),
    fc.record({
      traceId,
      agentCollaboratorInvocationOutput: fc.record({
        agentCollaboratorName: text,
        output: fc.record({ text }),
      }),
    }),
  ),
);
const orchestration = fc.oneof(
  fc.record({
    modelInvocationInput: fc.record({
      traceId,
      text,
      type: fc.constantFrom("ORCHESTRATION", "KNOWLEDGE_BASE_RESPONSE_GENERATION"),
    }),
  }),
  fc.record({ modelInvocationOutput: modelOutput }),
  fc.record({ rationale: withExtra(fc.record({ traceId, text })) }),
  fc.record({ invocationInput }),
  fc.record({ observation }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
    minKeys: 1,
    maxKeys: 1,
  }),
);
const assessment = fc.record(
  {
    topicPolicy: fc.record({
      topics: fc.array(fc.record({ name: text, action: fc.constantFrom("BLOCKED") })),
    }),
    sensitiveInformationPolicy: fc.record({
      piiEntities: fc.array(
        fc.record({ type: text, match: text, action: fc.constantFrom("ANONYMIZED", "BLOCKED") }),
      ),
    }),
    futurePolicy: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);
const traceKind = fc.oneof(
  fc.record({ orchestrationTrace: orchestration }),
  fc.record({
    preProcessingTrace: fc.oneof(
      fc.record({
        modelInvocationOutput: fc.record({
          traceId,
          parsedResponse: fc.record({ isValid: fc.boolean(), rationale: text }),
          metadata,
        }),
      }),
      fc.record({ modelInvocationInput: fc.record({ traceId, text }) }),
    ),
  }),
  fc.record({
    postProcessingTrace: fc.record({
      modelInvocationOutput: fc.record({ traceId, parsedResponse: fc.record({ text }) }),
    }),
  }),
  fc.record({
    routingClassifierTrace: fc.oneof(
      fc.record({ modelInvocationOutput: modelOutput }),
      fc.record({ invocationInput }),
      fc.record({ observation }),
    ),
  }),
  fc.record({
    guardrailTrace: fc.record(
      {
        traceId,
        action: fc.constantFrom("INTERVENED", "NONE"),
        inputAssessments: fc.array(assessment, { maxLength: 2 }),
        outputAssessments: fc.array(assessment, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    failureTrace: fc.record(
      { traceId, failureCode: fc.integer(), failureReason: text },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ customOrchestrationTrace: fc.record({ traceId, event: fc.record({ text }) }) }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), {
    minKeys: 0,
    maxKeys: 2,
  }),
);
const chain = fc.array(fc.record({ agentAliasArn: fc.constantFrom("arn:a/A/1", "arn:b/B/2", "arn:c/C/3") }), {
  minLength: 0,
  maxLength: 3,
});
const event: fc.Arbitrary<StreamEvent> = fc.oneof(
  {
    weight: 6,
    arbitrary: withExtra(
      fc.record(
        { agentId: text, callerChain: chain, collaboratorName: text, eventTime: fc.date(), trace: traceKind },
        { requiredKeys: ["trace"] },
      ),
    ).map((trace) => ({ trace })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      chunk: fc.record(
        {
          bytes: fc.uint8Array({ maxLength: 64 }),
          attribution: fc.record({ citations: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 2 }) }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      returnControl: fc.record(
        {
          invocationId: text,
          invocationInputs: fc.array(
            fc.oneof(
              fc.record({
                apiInvocationInput: fc.record({
                  actionGroup: text,
                  apiPath: text,
                  httpMethod: text,
                  parameters: params,
                }),
              }),
              fc.record({
                functionInvocationInput: fc.record({
                  actionGroup: text,
                  function: text,
                  actionInvocationType: fc.constantFrom("RESULT", "USER_CONFIRMATION"),
                }),
              }),
              fc.jsonValue({ maxDepth: 2 }),
            ),
            { maxLength: 5 },
          ),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      files: fc.record({
        files: fc.array(
          fc.record(
            { name: text, type: text, bytes: fc.uint8Array({ maxLength: 16 }) },
            { requiredKeys: [] },
          ),
        ),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ throttlingException: fc.record({ message: text }, { requiredKeys: [] }) }),
  },
  /** Unknown kinds and values of the wrong type anywhere. */
  {
    weight: 2,
    arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 3 }), { maxKeys: 3 }),
  },
);

describe("trace renderer, any input", () => {
  it("never throws and keeps to the width", () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 30 }),
        fc.constantFrom<TraceDetail>("outline", "steps", "full"),
        fc.integer({ min: 40, max: 160 }),
        (events, detail, width) => {
          const r = createTraceRenderer({ detail, width, style: plainStyle });
          const lines = [...events.flatMap((e) => r.push(e)), ...r.end()];
          for (const line of lines) {
            expect(typeof line).toBe("string");
            // The guard around each event caught nothing: every shape was handled, not swallowed.
            expect(line).not.toMatch(/\? unrenderable/);
            // Unbreakable words are cut at the width too; only a label wider than the line can exceed it.
            expect(line.length).toBeLessThanOrEqual(width + 40);
          }
          expect(lines.at(-1)).toMatch(/(^— |\S)/);
          expect(r.summary().events).toBe(events.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
