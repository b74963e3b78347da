import type { Context } from "../context.js";
import { fetchOutbox } from "../core/local/health.js";
import { openLocalEmulator } from "../core/local/open-local-emulator.js";

/**
 * `agentctl local outbox [--topic NAME|ARN]`: what the emulator's SNS Publish (and
 * workflows' `sns:publish` tasks, approval requests among them) sent, oldest first.
 * SNS delivers nothing locally; this is where the messages are read.
 */
export default async function localOutbox(
  ctx: Context,
  _args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  // --endpoint-url names an emulator agentctl did not start (another shell's `local serve`).
  await using emulator = ctx.options.endpointUrl
    ? { endpoint: ctx.options.endpointUrl, [Symbol.asyncDispose]: async () => {} }
    : await openLocalEmulator(ctx.projectDir, {
        vars: ctx.env.vars,
        cwd: ctx.env.cwd,
        region: ctx.options.region ?? "us-east-1",
      });
  const topic = typeof options.topic === "string" ? options.topic : undefined;
  const all = await fetchOutbox(emulator.endpoint, topic?.startsWith("arn:") ? { topicArn: topic } : {});
  const messages =
    topic && !topic.startsWith("arn:") ? all.filter((m) => m.TopicArn.endsWith(`:${topic}`)) : all;
  ctx.io.result({ messages }, () => {
    const s = ctx.io.style;
    if (messages.length === 0) return s.dim("the outbox is empty");
    return messages
      .map((m) => {
        const head = `${s.dim(m.PublishedAt)} ${s.bold(m.TopicArn.split(":").at(-1) ?? m.TopicArn)}${m.Subject ? ` ${m.Subject}` : ""}`;
        return `${head}\n  ${m.Message.replace(/\n/g, "\n  ")}`;
      })
      .join("\n");
  });
}
