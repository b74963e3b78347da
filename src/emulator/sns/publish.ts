import { createHash, randomUUID } from "node:crypto";
import type { AccountContext } from "../account/context.js";
import { invalidParameter, parameterValueInvalid, topicNotFound } from "./errors.js";
import { type MessageAttribute, type OutboxEntry, type OutboxMessage, SnsTables } from "./store.js";
import { parseTopicArn } from "./topics.js";

/** What Publish takes (and Step Functions' `sns:publish` task passes through). */
export interface PublishInput {
  TopicArn?: string;
  /** A string is sent as is; anything else is JSON-encoded (as Step Functions does with a JSON Message). */
  Message: unknown;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: string | Uint8Array }
  >;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface PublishOutput {
  MessageId: string;
  SequenceNumber?: string;
}

/** 256 KB including attributes [D]. */
const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_ATTRIBUTES = 10;
/** FIFO deduplication window [D]. */
const DEDUP_WINDOW_MS = 5 * 60_000;

function attributesOf(input: PublishInput["MessageAttributes"]): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  const entries = Object.entries(input ?? {});
  if (entries.length > MAX_ATTRIBUTES)
    throw parameterValueInvalid(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  for (const [name, value] of entries) {
    const type = value?.DataType;
    if (!type || !/^(String|Number|Binary)(\..+)?$/.test(type))
      throw parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    if (type.startsWith("Binary")) {
      const binary = value.BinaryValue;
      if (binary === undefined || binary.length === 0)
        throw parameterValueInvalid(
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
        );
      out[name] = {
        DataType: type,
        BinaryValue: typeof binary === "string" ? binary : Buffer.from(binary).toString("base64"),
      };
    } else {
      if (value.StringValue === undefined || value.StringValue === "")
        throw parameterValueInvalid(
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
        );
      if (type.startsWith("Number") && !Number.isFinite(Number(value.StringValue)))
        throw parameterValueInvalid(
          `An error occurred while trying to convert the message attribute '${name}' value '${value.StringValue}' to a number.`,
        );
      out[name] = { DataType: type, StringValue: value.StringValue };
    }
  }
  return out;
}

function checkSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  // Under 100 characters, ASCII, starting with a letter, number or punctuation, no line breaks or control characters [M doc].
  if (
    subject.length === 0 ||
    subject.length >= 100 ||
    !/^[\x20-\x7e]+$/.test(subject) ||
    subject.startsWith(" ")
  )
    throw invalidParameter("Subject");
}

/**
 * Publishes to a topic: validates as SNS does, then appends the message to
 * the persisted outbox (there are no subscriptions to deliver to). The
 * internal entry point for Step Functions' `sns:publish` as well as the
 * Publish operation. FIFO topics need a MessageGroupId and a deduplication id
 * (or ContentBasedDeduplication); a duplicate within 5 minutes returns the
 * first MessageId and records nothing.
 */
export function publish(ctx: AccountContext, input: PublishInput): PublishOutput {
  return ctx.db.write(() => {
    if (input.TopicArn === undefined)
      throw invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
    const topicArn = input.TopicArn;
    parseTopicArn(ctx, topicArn, "TopicArn");
    const tables = new SnsTables(ctx.db);
    const topic = tables.topic(topicArn);
    if (!topic) throw topicNotFound();
    const message = typeof input.Message === "string" ? input.Message : JSON.stringify(input.Message ?? null);
    if (input.Message === undefined || message.length === 0) throw invalidParameter("Empty message");
    checkSubject(input.Subject);
    if (input.MessageStructure !== undefined) {
      if (input.MessageStructure !== "json") throw invalidParameter("MessageStructure");
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        throw invalidParameter("Message Structure - JSON message body failed to parse");
      }
      if (
        typeof parsed !== "object" ||
        parsed === null ||
        typeof (parsed as { default?: unknown }).default !== "string"
      )
        throw invalidParameter("Message Structure - No default entry in JSON message body");
    }
    const attributes = attributesOf(input.MessageAttributes);
    const size = Buffer.byteLength(message) + Buffer.byteLength(JSON.stringify(attributes));
    if (size > MAX_MESSAGE_BYTES) throw invalidParameter("Message too long");
    const fifo = topic.Attributes.FifoTopic === "true";
    const now = ctx.now();
    let dedupId = input.MessageDeduplicationId;
    if (fifo) {
      if (!input.MessageGroupId)
        throw invalidParameter("The MessageGroupId parameter is required for FIFO topics");
      if (!dedupId && topic.Attributes.ContentBasedDeduplication === "true")
        dedupId = createHash("sha256").update(message).digest("hex");
      if (!dedupId)
        throw invalidParameter(
          "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        );
      const duplicate = tables.recentDuplicate(topicArn, dedupId, now - DEDUP_WINDOW_MS);
      if (duplicate)
        return {
          MessageId: duplicate.MessageId,
          ...(duplicate.SequenceNumber ? { SequenceNumber: duplicate.SequenceNumber } : {}),
        };
    } else if (input.MessageGroupId !== undefined || input.MessageDeduplicationId !== undefined) {
      // Standard topics accept MessageGroupId (fair queues); a deduplication id is FIFO only.
      if (input.MessageDeduplicationId !== undefined)
        throw invalidParameter(
          "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
        );
    }
    const record: OutboxMessage = {
      MessageId: randomUUID(),
      TopicArn: topicArn,
      Message: message,
      ...(input.Subject !== undefined ? { Subject: input.Subject } : {}),
      ...(input.MessageStructure !== undefined ? { MessageStructure: input.MessageStructure } : {}),
      MessageAttributes: attributes,
      ...(input.MessageGroupId !== undefined ? { MessageGroupId: input.MessageGroupId } : {}),
      ...(dedupId !== undefined ? { MessageDeduplicationId: dedupId } : {}),
      ...(fifo
        ? {
            SequenceNumber: String(tables.outbox(topicArn, 0, Number.MAX_SAFE_INTEGER).length + 1).padStart(
              20,
              "0",
            ),
          }
        : {}),
      PublishedAt: new Date(now).toISOString(),
    };
    tables.append(record, now);
    return {
      MessageId: record.MessageId,
      ...(record.SequenceNumber ? { SequenceNumber: record.SequenceNumber } : {}),
    };
  });
}

export interface OutboxQuery {
  /** Only this topic's messages. */
  topicArn?: string;
  /** Messages after this outbox position (0 = from the start). */
  afterSeq?: number;
  limit?: number;
}

/** The published messages, oldest first — for `agentctl local outbox` and tests. */
export function readOutbox(ctx: AccountContext, query: OutboxQuery = {}): OutboxEntry[] {
  return ctx.db.read(() =>
    new SnsTables(ctx.db).outbox(query.topicArn, query.afterSeq ?? 0, query.limit ?? 1000),
  );
}
