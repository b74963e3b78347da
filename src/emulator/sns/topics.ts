import type { AccountContext } from "../account/context.js";
import { AwsError } from "../aws-error.js";
import type { QueryParams } from "../aws-query/form.js";
import type { QueryOperation } from "../aws-query/service.js";
import { XmlEntries } from "../aws-query/xml.js";
import { invalidParameter, topicNotFound } from "./errors.js";
import { SnsTables, type StoredTopic } from "./store.js";

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(\.fifo)?)$/;
const KNOWN_ATTRIBUTES = new Set([
  "DisplayName",
  "Policy",
  "DeliveryPolicy",
  "KmsMasterKeyId",
  "SignatureVersion",
  "TracingConfig",
  "FifoTopic",
  "ContentBasedDeduplication",
  "ArchivePolicy",
  "FifoThroughputScope",
]);
const PAGE_SIZE = 100;

/** A topic ARN in this account and region, or InvalidParameter naming the member. */
export function parseTopicArn(ctx: AccountContext, arn: string, member: string): string {
  const match = TOPIC_ARN.exec(arn);
  if (!match) throw invalidParameter(member);
  if (match[1] !== ctx.region || match[2] !== ctx.accountId) throw topicNotFound();
  return match[3] as string;
}

function requiredArn(ctx: AccountContext, params: QueryParams): string {
  const arn = params.string("TopicArn");
  if (arn === undefined) throw invalidParameter("TopicArn");
  parseTopicArn(ctx, arn, "TopicArn");
  return arn;
}

const sameTags = (a: StoredTopic["Tags"], b: StoredTopic["Tags"]): boolean =>
  a.length === b.length && a.every((t) => b.some((u) => u.Key === t.Key && u.Value === t.Value));

export const TOPIC_OPERATIONS: Record<string, QueryOperation<AccountContext>> = {
  CreateTopic: {
    mode: "write",
    run(ctx, params) {
      const name = params.string("Name");
      if (name === undefined || !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name) || name.length > 256)
        throw invalidParameter("Topic Name");
      const attributes: Record<string, string> = {};
      for (const entry of params.entries("Attributes")) {
        if (entry.key === undefined || !KNOWN_ATTRIBUTES.has(entry.key))
          throw invalidParameter(`Attributes Reason: Unknown attribute ${entry.key ?? ""}`);
        attributes[entry.key] = entry.value ?? "";
      }
      const fifo = name.endsWith(".fifo");
      if (fifo !== (attributes.FifoTopic === "true"))
        throw invalidParameter(
          fifo
            ? "Topic Name Reason: a .fifo topic needs the attribute FifoTopic=true"
            : "Topic Name Reason: a FIFO topic's name must end in .fifo",
        );
      const tags = params.structList("Tags", ["Key", "Value"]).map((t) => {
        if (!t.Key) throw invalidParameter("Tags Reason: a tag needs a Key");
        return { Key: t.Key, Value: t.Value ?? "" };
      });
      const arn = `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;
      const tables = new SnsTables(ctx.db);
      const existing = tables.topic(arn);
      if (existing) {
        // Idempotent by name [M doc]; what counts as "different" is unverified: any given value that differs.
        for (const [key, value] of Object.entries(attributes))
          if ((existing.Attributes[key] ?? "") !== value)
            throw invalidParameter("Attributes Reason: Topic already exists with different attributes");
        if (tags.length > 0 && !sameTags(tags, existing.Tags))
          throw invalidParameter("Tags Reason: Topic already exists with different tags");
        return { TopicArn: arn };
      }
      tables.insertTopic({
        TopicArn: arn,
        Name: name,
        Attributes: attributes,
        Tags: tags,
        createdAt: ctx.now(),
      });
      return { TopicArn: arn };
    },
  },
  DeleteTopic: {
    mode: "write",
    run(ctx, params) {
      // Deleting a topic that does not exist succeeds, as SNS documents.
      new SnsTables(ctx.db).deleteTopic(requiredArn(ctx, params));
      return undefined;
    },
  },
  ListTopics: {
    mode: "read",
    run(ctx, params) {
      const topics = new SnsTables(ctx.db).topics();
      const token = params.string("NextToken");
      let start = 0;
      if (token !== undefined) {
        start = Number(Buffer.from(token, "base64").toString("utf8"));
        if (!Number.isInteger(start) || start < 0 || start > topics.length)
          throw invalidParameter("NextToken");
      }
      const page = topics.slice(start, start + PAGE_SIZE);
      const next = start + page.length;
      return {
        Topics: page.map((t) => ({ TopicArn: t.TopicArn })),
        NextToken: next < topics.length ? Buffer.from(String(next)).toString("base64") : undefined,
      };
    },
  },
  ListTagsForResource: {
    mode: "read",
    run(ctx, params) {
      const arn = params.string("ResourceArn");
      if (arn === undefined) throw invalidParameter("ResourceArn");
      parseTopicArn(ctx, arn, "ResourceArn");
      const topic = new SnsTables(ctx.db).topic(arn);
      // SNS names a missing resource here ResourceNotFound, not the NotFound of Publish.
      if (!topic) throw new AwsError("ResourceNotFound", 404, "Resource does not exist");
      return { Tags: topic.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
    },
  },
  GetTopicAttributes: {
    mode: "read",
    run(ctx, params) {
      const topic = new SnsTables(ctx.db).topic(requiredArn(ctx, params));
      if (!topic) throw topicNotFound();
      return {
        Attributes: new XmlEntries({
          TopicArn: topic.TopicArn,
          Owner: ctx.accountId,
          DisplayName: "",
          SubscriptionsConfirmed: "0",
          SubscriptionsPending: "0",
          SubscriptionsDeleted: "0",
          ...topic.Attributes,
        }),
      };
    },
  },
};
