import type { Context } from "../context.js";
import { answerTask } from "./answer-task.js";

export default (ctx: Context, args: string[], options: Record<string, unknown>) =>
  answerTask(ctx, args, options, "reject");
