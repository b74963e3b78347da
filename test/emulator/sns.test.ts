/** SNS topics and Publish into the outbox through the real @aws-sdk/client-sns (awsQuery, http:// namespace). */

import { join } from "node:path";
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  PublishCommand,
} from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { startAccountServices } from "../../src/emulator/account/services.js";
import { Store } from "../../src/emulator/store/index.js";
import { accountClients, failure } from "./account-support.js";
import { tempDir } from "./support.js";

describe("SNS topics", () => {
  it("creates topics idempotently by name and refuses different attributes", async () => {
    await using c = await accountClients();
    const first = await c.sns.send(
      new CreateTopicCommand({ Name: "orders", Attributes: { DisplayName: "Orders" } }),
    );
    expect(first.TopicArn).toBe("arn:aws:sns:us-east-1:000000000000:orders");
    const again = await c.sns.send(
      new CreateTopicCommand({ Name: "orders", Attributes: { DisplayName: "Orders" } }),
    );
    expect(again.TopicArn).toBe(first.TopicArn);
    const different = await failure(
      c.sns.send(new CreateTopicCommand({ Name: "orders", Attributes: { DisplayName: "Other" } })),
    );
    expect(different.name).toBe("InvalidParameterException");
    expect(different.Code).toBe("InvalidParameter");
    expect(different.message).toBe(
      "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    );
    const attributes = (await c.sns.send(new GetTopicAttributesCommand({ TopicArn: first.TopicArn })))
      .Attributes;
    expect(attributes).toMatchObject({
      TopicArn: first.TopicArn,
      DisplayName: "Orders",
      Owner: "000000000000",
    });
    const bad = await failure(c.sns.send(new CreateTopicCommand({ Name: "has space" })));
    expect(bad.name).toBe("InvalidParameterException");
    expect(bad.$metadata.httpStatusCode).toBe(400);
  });

  it("lists and deletes topics; deleting a missing topic succeeds", async () => {
    await using c = await accountClients();
    for (const name of ["a", "b"]) await c.sns.send(new CreateTopicCommand({ Name: name }));
    const listed = await c.sns.send(new ListTopicsCommand({}));
    expect(listed.Topics?.map((t) => t.TopicArn)).toEqual([
      "arn:aws:sns:us-east-1:000000000000:a",
      "arn:aws:sns:us-east-1:000000000000:b",
    ]);
    expect(listed.NextToken).toBeUndefined();
    await c.sns.send(new DeleteTopicCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:a" }));
    await c.sns.send(new DeleteTopicCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:a" }));
    expect((await c.sns.send(new ListTopicsCommand({}))).Topics).toHaveLength(1);
  });
});

describe("SNS Publish", () => {
  it("records each message with its subject and attributes in the persisted outbox", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "state.db");
    await using c = await accountClients({ dbPath });
    const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: "shipping" }));
    const published = await c.sns.send(
      new PublishCommand({
        TopicArn,
        Subject: "Order o-1 failed",
        Message: "Out of stock: sku 9 + more",
        MessageAttributes: {
          orderId: { DataType: "String", StringValue: "o-1" },
          amount: { DataType: "Number", StringValue: "12.5" },
          blob: { DataType: "Binary", BinaryValue: Buffer.from([1, 2, 3]) },
        },
      }),
    );
    expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    // The outbox is what `agentctl local outbox` will read; read it from a second connection to the same state.
    const response = await fetch(c.emulator.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `Action=Publish&Version=2010-03-31&TopicArn=${encodeURIComponent(TopicArn ?? "")}&Message=second`,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">',
    );
  });

  it("refuses a missing topic with NotFound (404) and an empty message with InvalidParameter", async () => {
    await using c = await accountClients();
    const missing = await failure(
      c.sns.send(new PublishCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:ghost", Message: "x" })),
    );
    expect(missing.name).toBe("NotFoundException");
    expect(missing.Code).toBe("NotFound");
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe("Topic does not exist");
    const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: "t" }));
    const empty = await failure(c.sns.send(new PublishCommand({ TopicArn, Message: "" })));
    expect(empty.name).toBe("InvalidParameterException");
    expect(empty.message).toBe("Invalid parameter: Empty message");
    const badAttr = await failure(
      c.sns.send(
        new PublishCommand({ TopicArn, Message: "m", MessageAttributes: { a: { DataType: "String" } } }),
      ),
    );
    expect(badAttr.name).toBe("InvalidParameterValueException");
    expect(badAttr.Code).toBe("ParameterValueInvalid");
  });

  it("needs a group id on FIFO topics and drops duplicates within the window", async () => {
    await using c = await accountClients();
    const { TopicArn } = await c.sns.send(
      new CreateTopicCommand({
        Name: "events.fifo",
        Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
      }),
    );
    const noGroup = await failure(c.sns.send(new PublishCommand({ TopicArn, Message: "m" })));
    expect(noGroup.message).toBe(
      "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    );
    const first = await c.sns.send(new PublishCommand({ TopicArn, Message: "m", MessageGroupId: "g" }));
    const dup = await c.sns.send(new PublishCommand({ TopicArn, Message: "m", MessageGroupId: "g" }));
    const other = await c.sns.send(new PublishCommand({ TopicArn, Message: "n", MessageGroupId: "g" }));
    expect(first.SequenceNumber).toBe("00000000000000000001");
    expect(dup.MessageId).toBe(first.MessageId);
    expect(other.SequenceNumber).toBe("00000000000000000002");
  });
});

describe("SNS internal API", () => {
  it("publishes for Step Functions and reads the outbox in order, per topic", async () => {
    const store = new Store(":memory:");
    const account = startAccountServices({
      db: store.db,
      dbPath: ":memory:",
      region: "us-east-1",
      accountId: "000000000000",
      latency: "fast",
    });
    try {
      const arn = "arn:aws:sns:us-east-1:000000000000:notify";
      expect(() => account.publish({ TopicArn: arn, Message: "x" })).toThrow("Topic does not exist");
      store.db.write(() =>
        store.db
          .statement("INSERT INTO sns_topics (arn, doc) VALUES (?, ?)")
          .run(
            arn,
            JSON.stringify({ TopicArn: arn, Name: "notify", Attributes: {}, Tags: [], createdAt: 0 }),
          ),
      );
      const a = account.publish({
        TopicArn: arn,
        Message: { orderId: "o-1", status: "FAILED" },
        Subject: "Order failed",
      });
      const b = account.publish({
        TopicArn: arn,
        Message: "plain",
        MessageAttributes: { kind: { DataType: "String", StringValue: "approval" } },
      });
      const outbox = account.readOutbox();
      expect(outbox.map((m) => m.MessageId)).toEqual([a.MessageId, b.MessageId]);
      expect(outbox[0]).toMatchObject({
        TopicArn: arn,
        Subject: "Order failed",
        Message: '{"orderId":"o-1","status":"FAILED"}',
        MessageAttributes: {},
      });
      expect(outbox[1]?.MessageAttributes).toEqual({ kind: { DataType: "String", StringValue: "approval" } });
      expect(account.readOutbox({ afterSeq: outbox[0]?.seq })).toHaveLength(1);
      expect(account.readOutbox({ topicArn: "arn:aws:sns:us-east-1:000000000000:other" })).toEqual([]);
    } finally {
      await account.close();
      store.close();
    }
  });
});
