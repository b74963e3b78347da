/**
 * The Step Functions and SNS ports for workflows, built from the client factory's clients and
 * loaded on first use (a project without workflows never loads either SDK). One call per
 * method; errors propagate untouched, except "does not exist", which is a value here.
 */
import type { AwsClients } from "../../aws/clients.js";
import type { StateMachinesApi, TopicsApi } from "./ports.js";

type Sendable = { send(command: unknown): Promise<unknown> };
const errorName = (err: unknown) => (err as { name?: string })?.name ?? "";

export function lazyStateMachines(clients: AwsClients): StateMachinesApi {
  const load = async () => {
    const sdk = await import("@aws-sdk/client-sfn");
    const client = (await clients.sfn()) as unknown as Sendable;
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's command classes are typed per operation; this adapter owns the mapping.
    return { sdk, send: (c: unknown): Promise<any> => client.send(c) };
  };
  return {
    async list() {
      const { sdk, send } = await load();
      const out: { arn: string; name: string; type: string }[] = [];
      let nextToken: string | undefined;
      do {
        const page = await send(new sdk.ListStateMachinesCommand({ nextToken }));
        for (const m of page.stateMachines ?? [])
          out.push({ arn: m.stateMachineArn, name: m.name, type: m.type });
        nextToken = page.nextToken;
      } while (nextToken);
      return out;
    },
    async describe(arn) {
      const { sdk, send } = await load();
      try {
        const out = await send(new sdk.DescribeStateMachineCommand({ stateMachineArn: arn }));
        if (out.status === "DELETING") return undefined;
        return { definition: out.definition, roleArn: out.roleArn, type: out.type };
      } catch (err) {
        if (errorName(err) === "StateMachineDoesNotExist") return undefined;
        throw err;
      }
    },
    async listTags(arn) {
      const { sdk, send } = await load();
      const out = await send(new sdk.ListTagsForResourceCommand({ resourceArn: arn }));
      return Object.fromEntries(
        ((out.tags ?? []) as { key: string; value?: string }[]).map((t) => [t.key, t.value ?? ""]),
      );
    },
    async create(input) {
      const { sdk, send } = await load();
      const out = await send(
        new sdk.CreateStateMachineCommand({
          name: input.name,
          definition: input.definition,
          roleArn: input.roleArn,
          type: input.type,
          tags: Object.entries(input.tags).map(([key, value]) => ({ key, value })),
        }),
      );
      return out.stateMachineArn as string;
    },
    async update(arn, input) {
      const { sdk, send } = await load();
      await send(
        new sdk.UpdateStateMachineCommand({
          stateMachineArn: arn,
          definition: input.definition,
          roleArn: input.roleArn,
        }),
      );
    },
    async tag(arn, tags) {
      const { sdk, send } = await load();
      await send(
        new sdk.TagResourceCommand({
          resourceArn: arn,
          tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
        }),
      );
    },
    async delete(arn) {
      const { sdk, send } = await load();
      await send(new sdk.DeleteStateMachineCommand({ stateMachineArn: arn }));
    },
  };
}

export function lazyTopics(clients: AwsClients): TopicsApi {
  const load = async () => {
    const sdk = await import("@aws-sdk/client-sns");
    const client = (await clients.sns()) as unknown as Sendable;
    // biome-ignore lint/suspicious/noExplicitAny: see lazyStateMachines.
    return { sdk, send: (c: unknown): Promise<any> => client.send(c) };
  };
  // ListTagsForResource names a missing topic ResourceNotFound; NotFound is what Publish says.
  const missing = new Set(["ResourceNotFoundException", "ResourceNotFound", "NotFoundException", "NotFound"]);
  return {
    async tags(arn) {
      const { sdk, send } = await load();
      try {
        const out = await send(new sdk.ListTagsForResourceCommand({ ResourceArn: arn }));
        return Object.fromEntries(
          ((out.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
        );
      } catch (err) {
        if (missing.has(errorName(err))) return undefined;
        throw err;
      }
    },
    async create(name, tags) {
      const { sdk, send } = await load();
      const out = await send(
        new sdk.CreateTopicCommand({
          Name: name,
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return out.TopicArn as string;
    },
    async delete(arn) {
      const { sdk, send } = await load();
      await send(new sdk.DeleteTopicCommand({ TopicArn: arn }));
    },
  };
}
