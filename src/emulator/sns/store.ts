import type { Database } from "../store/database.js";

export interface StoredTopic {
  TopicArn: string;
  Name: string;
  /** Attributes as given at creation (DisplayName, FifoTopic, …). */
  Attributes: Record<string, string>;
  Tags: { Key: string; Value: string }[];
  createdAt: number;
}

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  /** Base64, as on the wire. */
  BinaryValue?: string;
}

/** One published message, as recorded in the outbox. */
export interface OutboxMessage {
  MessageId: string;
  TopicArn: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes: Record<string, MessageAttribute>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  SequenceNumber?: string;
  /** ISO 8601. */
  PublishedAt: string;
}

export interface OutboxEntry extends OutboxMessage {
  /** Position in the outbox: read on from here with `afterSeq`. */
  seq: number;
}

/** SNS's tables (schema.ts migration 2). */
export class SnsTables {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  topic(arn: string): StoredTopic | undefined {
    const row = this.db.statement("SELECT doc FROM sns_topics WHERE arn = ?").get(arn) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as StoredTopic) : undefined;
  }

  topics(): StoredTopic[] {
    return (this.db.statement("SELECT doc FROM sns_topics ORDER BY seq").all() as { doc: string }[]).map(
      (row) => JSON.parse(row.doc) as StoredTopic,
    );
  }

  insertTopic(topic: StoredTopic): void {
    this.db
      .statement("INSERT INTO sns_topics (arn, doc) VALUES (?, ?)")
      .run(topic.TopicArn, JSON.stringify(topic));
  }

  deleteTopic(arn: string): void {
    this.db.statement("DELETE FROM sns_topics WHERE arn = ?").run(arn);
  }

  append(message: OutboxMessage, publishedAt: number): void {
    this.db
      .statement("INSERT INTO sns_outbox (message_id, topic_arn, published_at, doc) VALUES (?, ?, ?, ?)")
      .run(message.MessageId, message.TopicArn, publishedAt, JSON.stringify(message));
  }

  /** A FIFO duplicate: the same deduplication id on the topic within the window. */
  recentDuplicate(topicArn: string, dedupId: string, since: number): OutboxMessage | undefined {
    const rows = this.db
      .statement("SELECT doc FROM sns_outbox WHERE topic_arn = ? AND published_at >= ? ORDER BY seq DESC")
      .all(topicArn, since) as { doc: string }[];
    return rows
      .map((r) => JSON.parse(r.doc) as OutboxMessage)
      .find((m) => m.MessageDeduplicationId === dedupId);
  }

  outbox(topicArn: string | undefined, afterSeq: number, limit: number): OutboxEntry[] {
    const rows = (
      topicArn === undefined
        ? this.db
            .statement("SELECT seq, doc FROM sns_outbox WHERE seq > ? ORDER BY seq LIMIT ?")
            .all(afterSeq, limit)
        : this.db
            .statement("SELECT seq, doc FROM sns_outbox WHERE topic_arn = ? AND seq > ? ORDER BY seq LIMIT ?")
            .all(topicArn, afterSeq, limit)
    ) as { seq: number; doc: string }[];
    return rows.map((row) => ({ seq: Number(row.seq), ...(JSON.parse(row.doc) as OutboxMessage) }));
  }
}
