/**
 * The command table: every command and option of agentctl, top to bottom.
 * Each action imports its module lazily so `agentctl --help` loads neither the
 * AWS SDK nor the YAML/OpenAPI libraries.
 */
import { Command, Option } from "commander";
import type { Context, GlobalOptions } from "./context.js";

export type CommandModule = {
  default: (ctx: Context, args: string[], options: Record<string, unknown>) => Promise<void>;
};
export type MakeContext = (globals: GlobalOptions) => Context;

export interface CliOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export function buildCli(version: string, makeContext: MakeContext, output: CliOutput): Command {
  const program = new Command("agentctl")
    .description(
      "Author, deploy, invoke and orchestrate Amazon Bedrock Agents — offline on a local emulator or on AWS.",
    )
    .version(version, "--version", "print the version")
    .option("-C, --project-dir <dir>", "project directory (default: the current directory)")
    .addOption(
      new Option("--target <target>", "where to act: local emulator or AWS (env AGENTCTL_TARGET)").choices([
        "local",
        "aws",
      ]),
    )
    .option("--profile <name>", "AWS profile (target aws)")
    .option("--region <region>", "AWS region")
    .option("--endpoint-url <url>", "send every AWS call to this endpoint")
    .option("--json", "machine-readable results on stdout", false)
    .option("--no-color", "disable colour (also NO_COLOR)")
    .option("-v, --verbose", "log details and stack traces to stderr", false)
    .option("-y, --yes", "answer yes to confirmations", false)
    .showHelpAfterError("(run with --help for usage)")
    // Set before any subcommand is added: subcommands copy these settings when created.
    .configureOutput(output)
    .exitOverride();

  const lazy =
    (load: () => Promise<CommandModule>) =>
    async (...actionArgs: unknown[]) => {
      const command = actionArgs.at(-1) as Command;
      const args = actionArgs
        .slice(0, -2)
        .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [String(a)]));
      const ctx = makeContext(command.optsWithGlobals() as GlobalOptions);
      const mod = await load();
      await mod.default(ctx, args, command.opts());
    };

  program
    .command("init")
    .description("scaffold a new agentctl project (agents/, openapi/, templates/)")
    .argument("[dir]", "directory to create the project in", ".")
    .option("--name <name>", "project name (default: the directory name)")
    .option("--force", "write into a non-empty directory, replacing the files it scaffolds", false)
    .action(lazy(() => import("./commands/init.js")));

  program
    .command("validate")
    .description(
      "check manifests, OpenAPI schemas, function definitions, handlers and state-machine templates",
    )
    .action(lazy(() => import("./commands/validate.js")));

  program
    .command("schema")
    .description("print the JSON Schema of agent manifests or of agentctl.yaml, for editors")
    .argument("[kind]", "agent | project", "agent")
    .action(lazy(() => import("./commands/schema.js")));

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command("invoke")
    .description("send a message to a deployed agent; streams the answer and prints the session id")
    .argument("<agent>", "the agent's name in this project")
    .argument("[text]", "the message, or - to read it from stdin")
    .option("--alias <name>", "alias to invoke (default: the manifest's first alias)")
    .option("--draft", "invoke the DRAFT version (alias TSTALIASID)", false)
    .option("--session-id <id>", "continue this session (default: a new one)")
    .option("--session-attr <key=value>", "session attribute (repeatable)", collect)
    .option("--prompt-attr <key=value>", "prompt session attribute, this turn only (repeatable)", collect)
    .option("--end-session", "end the session after this turn", false)
    .option("--stream", "ask for the answer in chunks as it is generated", false)
    .option("--trace [level]", "render the trace live on stderr: outline, steps (default) or full")
    .action(lazy(() => import("./commands/invoke.js")));

  program
    .command("chat")
    .description(
      "talk with a deployed agent over several turns (one message per line when stdin is not a terminal)",
    )
    .argument("<agent>", "the agent's name in this project")
    .option("--alias <name>", "alias to talk to (default: the manifest's first alias)")
    .option("--draft", "talk to the DRAFT version (alias TSTALIASID)", false)
    .option("--session-id <id>", "continue this session (default: a new one)")
    .option("--trace [level]", "render each turn's trace on stderr: outline, steps (default) or full")
    .action(lazy(() => import("./commands/chat.js")));

  program
    .command("trace")
    .description(
      "re-render a saved InvokeAgent stream: NDJSON from invoke --json, or a raw event-stream body",
    )
    .argument("[file]", "the saved stream, or - for stdin", "-")
    .addOption(
      new Option("--detail <level>", "how much to show")
        .choices(["outline", "steps", "full"])
        .default("steps"),
    )
    .action(lazy(() => import("./commands/trace.js")));

  program
    .command("run-workflow")
    .description("start a workflow's execution and follow it live; exit 0 when it succeeds")
    .argument("<input>", "execution input: a JSON file, or - for stdin")
    .option("--workflow <name>", "which workflow of agentctl.yaml (default: the only one)")
    .option("--name <name>", "execution name (default: a UUID)")
    .option("--detach", "print the execution ARN and return once it has started", false)
    .action(lazy(() => import("./commands/run-workflow.js")));

  program
    .command("approve")
    .description("answer a waiting approval step with success (SendTaskSuccess)")
    .argument("<token-or-execution>", "the task token, or an execution ARN or name waiting on one")
    .option("--output <json>", 'the step\'s result (default {"approved":true})')
    .action(lazy(() => import("./commands/approve.js")));

  program
    .command("reject")
    .description("answer a waiting approval step with failure (SendTaskFailure)")
    .argument("<token-or-execution>", "the task token, or an execution ARN or name waiting on one")
    .option("--error <name>", "the error the step fails with (default Rejected)")
    .option("--cause <text>", "why: the reviewer's reason")
    .action(lazy(() => import("./commands/reject.js")));

  program
    .command("executions")
    .description("list the executions of the project's workflows, newest first")
    .option("--workflow <name>", "only this workflow")
    .option("--status <status>", "RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE")
    .action(lazy(() => import("./commands/executions.js")));

  program
    .command("execution")
    .description("replay one execution's history as the run-workflow timeline")
    .argument("<execution>", "execution ARN or name")
    .action(lazy(() => import("./commands/execution.js")));

  program
    .command("stop")
    .description("stop (abort) a running execution")
    .argument("<execution>", "execution ARN or name")
    .option("--error <name>", "error recorded on the execution")
    .option("--cause <text>", "cause recorded on the execution")
    .action(lazy(() => import("./commands/stop.js")));
  program
    .command("plan")
    .description("show what deploy would change, per agent and field (reads the deployed state once)")
    .argument("[agents...]", "only these agents (default: the whole project)")
    .option("--detailed-exitcode", "exit 4 when there are changes, 0 when there are none", false)
    .option("--adopt", "plan to take over same-name agents that carry no project tag", false)
    .action(lazy(() => import("./commands/plan.js")));

  program
    .command("deploy")
    .description("validate, then create or update agents, action groups, versions and aliases (idempotent)")
    .argument("[agents...]", "only these agents (default: the whole project)")
    .option("--concurrency <n>", "agents deployed in parallel (default 4)")
    .option("--prune-versions <k>", "delete old versions no alias serves, keeping k")
    .option("--adopt", "take over same-name agents that carry no project tag", false)
    .action(lazy(() => import("./commands/deploy.js")));

  program
    .command("status")
    .description("the project's deployed agents: ids, status, prepared, aliases → versions, drift")
    .action(lazy(() => import("./commands/status.js")));

  program
    .command("promote")
    .description("point one alias at the version another alias serves (e.g. dev → prod)")
    .argument("<agent>", "agent name")
    .requiredOption("--from <alias>", "alias whose version is promoted")
    .requiredOption("--to <alias>", "alias to move")
    .action(lazy(() => import("./commands/promote.js")));

  program
    .command("rollback")
    .description("point an alias back at the version it served before (or --to-version N)")
    .argument("<agent>", "agent name")
    .requiredOption("--alias <alias>", "alias to move")
    .option("--to-version <n>", "version to route to (default: the previous one in its history)")
    .action(lazy(() => import("./commands/rollback.js")));

  program
    .command("destroy")
    .description(
      "delete the project's agents and the roles and permissions agentctl created (asks unless --yes)",
    )
    .argument("[agents...]", "only these agents (default: the whole project)")
    .option("--concurrency <n>", "agents removed in parallel (default 4)")
    .action(lazy(() => import("./commands/destroy.js")));

  const local = program.command("local").description("run and manage the local emulator");
  local
    .command("serve")
    .description("run the emulator in the foreground for other tools (boto3, AWS SDKs, the AWS CLI)")
    .option("--port <port>", "port on 127.0.0.1 (default: a free one)")
    .option("--access-log <file>", "append one NDJSON line per request")
    .option("--db <file>", "SQLite state file (default: .agentctl/emulator.db; env AGENTCTL_EMULATOR_DB)")
    .action(lazy(() => import("./commands/local-serve.js")));
  local
    .command("status")
    .description("show whether an emulator is serving this project, and its state")
    .action(lazy(() => import("./commands/local-status.js")));
  local
    .command("outbox")
    .description(
      "show the messages published to SNS topics on the emulator (approval requests, notifications)",
    )
    .option("--topic <name>", "only this topic (name or ARN)")
    .action(lazy(() => import("./commands/local-outbox.js")));
  local
    .command("reset")
    .description("delete the emulator's state for this project (asks unless --yes)")
    .action(lazy(() => import("./commands/local-reset.js")));

  return program;
}
