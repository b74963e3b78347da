import type { AccountContext } from "../account/context.js";
import type { QueryParams } from "../aws-query/form.js";
import { queryService } from "../aws-query/service.js";
import type { Service } from "../server/service.js";
import { invalidParameter, translateSnsError } from "./errors.js";
import { type PublishInput, publish } from "./publish.js";
import { TOPIC_OPERATIONS } from "./topics.js";

export const SNS_VERSION = "2010-03-31";
/** http, not https (R §1.1). */
export const SNS_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

/** Publish's form members: `MessageAttributes.entry.N.Name` / `.Value.DataType|StringValue|BinaryValue` (R §1.2). */
function publishInput(params: QueryParams): PublishInput {
  if (params.string("PhoneNumber") !== undefined)
    throw invalidParameter("PhoneNumber Reason: the local emulator publishes only to topics");
  const attributes: NonNullable<PublishInput["MessageAttributes"]> = {};
  for (const entry of params.entries("MessageAttributes", "Name", "Value")) {
    if (entry.key === undefined)
      throw invalidParameter("MessageAttributes Reason: an attribute needs a Name");
    const value = (field: string) => params.string(`${entry.prefix}.${field}`);
    attributes[entry.key] = {
      DataType: value("DataType") ?? "",
      ...(value("StringValue") !== undefined ? { StringValue: value("StringValue") } : {}),
      ...(value("BinaryValue") !== undefined ? { BinaryValue: value("BinaryValue") } : {}),
    };
  }
  const optional = (key: string) => (params.string(key) !== undefined ? { [key]: params.string(key) } : {});
  const topicArn = params.string("TopicArn") ?? params.string("TargetArn");
  return {
    ...(topicArn !== undefined ? { TopicArn: topicArn } : {}),
    Message: params.string("Message"),
    ...optional("Subject"),
    ...optional("MessageStructure"),
    ...optional("MessageGroupId"),
    ...optional("MessageDeduplicationId"),
    MessageAttributes: attributes,
  };
}

/** SNS (awsQuery): topics and Publish into the outbox. */
export function snsService(ctx: AccountContext): Service {
  return queryService(ctx, {
    title: "SNS",
    version: SNS_VERSION,
    namespace: SNS_NAMESPACE,
    operations: {
      ...TOPIC_OPERATIONS,
      Publish: {
        mode: "write",
        run: (c, params) => ({ ...publish(c, publishInput(params)) }),
      },
    },
    translate: translateSnsError,
    db: (c) => c.db,
  });
}
