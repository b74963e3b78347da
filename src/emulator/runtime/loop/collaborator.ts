/**
 * A supervisor's call to a collaborator agent: the collaborator's alias (an agent of this
 * emulator) runs through the same loop, in its own session, its traces in the same stream
 * with the caller chain extended and `collaboratorName` set — to the first-level collaborator's
 * name at every depth, as the recorded real multi-agent stream shows.
 */
import { randomUUID } from "node:crypto";
import { AwsError } from "../../aws-error.js";
import { dependencyFailed, toStreamError } from "../errors.js";
import type { Invocation } from "../invocation.js";
import type { Observation } from "../models/types.js";
import { resolveSnapshot } from "../snapshot.js";
import { buildTools } from "../tools.js";
import type { RuntimeContext, Turn } from "./context.js";
import { orchestrate } from "./orchestrate.js";
import { timing } from "./traces.js";

const MAX_DEPTH = 3;

export async function invokeCollaborator(
  rt: RuntimeContext,
  turn: Turn,
  inv: Extract<Invocation, { kind: "collaborator" }>,
  traceId: string,
): Promise<Observation> {
  const collaborator = turn.snapshot.collaborators.find((c) => c.collaboratorName === inv.collaboratorName);
  const aliasArn = collaborator?.agentDescriptor.aliasArn ?? "";
  const described = { agentCollaboratorAliasArn: aliasArn, agentCollaboratorName: inv.collaboratorName };
  turn.trace.orchestration("invocationInput", {
    agentCollaboratorInvocationInput: { ...described, input: { text: inv.text, type: "TEXT" } },
    invocationType: "AGENT_COLLABORATOR",
    traceId,
  });
  const started = Date.now();
  const m = /:agent-alias\/([0-9a-zA-Z]{10})\/([0-9a-zA-Z]{10})$/.exec(aliasArn);
  if (!m)
    throw dependencyFailed(
      `Collaborator ${inv.collaboratorName} has no usable alias ARN (${aliasArn || "none"}).`,
      aliasArn,
    );
  if (turn.depth >= MAX_DEPTH)
    throw dependencyFailed(
      `Collaborators are nested more than ${MAX_DEPTH} deep; the local runtime stops here.`,
      aliasArn,
    );
  let snapshot: ReturnType<typeof resolveSnapshot>;
  try {
    snapshot = resolveSnapshot(rt.store, m[1] as string, m[2] as string);
  } catch (err) {
    if (err instanceof AwsError)
      throw dependencyFailed(
        `Collaborator ${inv.collaboratorName} (${aliasArn}) cannot be invoked: ${err.message}`,
        aliasArn,
      );
    throw toStreamError(err);
  }
  turn.collaboratorSessions[inv.collaboratorName] ??= randomUUID();
  const sessionId = turn.collaboratorSessions[inv.collaboratorName] as string;
  const key = { agentId: snapshot.agentId, agentAliasId: snapshot.agentAliasId, sessionId };
  const session = rt.store.db.read(() => rt.sessions.load(key, rt.now())) ?? {
    sessionAttributes: {},
    history: [],
  };
  const nested: Turn = {
    snapshot,
    tools: buildTools(snapshot),
    model: rt.modelFor(snapshot),
    trace: turn.trace.nested({
      agentId: snapshot.agentId,
      agentAliasId: snapshot.agentAliasId,
      agentVersion: snapshot.agentVersion,
      sessionId,
      callerChain: [...turn.trace.scope.callerChain, { agentAliasArn: snapshot.agentAliasArn }],
      collaboratorName: turn.trace.scope.collaboratorName ?? inv.collaboratorName,
    }),
    sessionId,
    inputText: inv.text,
    history: session.history,
    // Session attributes are forwarded to collaborators (aws-behaviour.md §4.6).
    sessionAttributes: { ...turn.sessionAttributes },
    promptSessionAttributes: { ...turn.promptSessionAttributes },
    steps: [],
    traceBase: randomUUID(),
    stepIndex: 0,
    startedMs: Date.now(),
    collaboratorSessions: session.collaboratorSessions ?? {},
    depth: turn.depth + 1,
  };
  const outcome = await orchestrate(rt, nested);
  if (outcome.kind !== "answer") {
    // Unverified how AWS relays a collaborator's return of control; not emulated, said plainly.
    throw dependencyFailed(
      `Collaborator ${inv.collaboratorName} returned control to the caller, which the local runtime does not relay through a supervisor yet.`,
      aliasArn,
    );
  }
  const history = [
    ...session.history,
    { role: "user" as const, text: inv.text },
    { role: "assistant" as const, text: outcome.text },
  ];
  rt.store.db.write(() =>
    rt.sessions.save(
      key,
      {
        ...session,
        history,
        sessionAttributes: nested.sessionAttributes,
        collaboratorSessions: nested.collaboratorSessions,
      },
      rt.now(),
      snapshot.definition.idleSessionTTLInSeconds,
    ),
  );
  turn.trace.orchestration("observation", {
    agentCollaboratorInvocationOutput: {
      ...described,
      metadata: { clientRequestId: nested.traceBase, ...timing(started) },
      output: { text: outcome.text, type: "TEXT" },
    },
    traceId,
    type: "AGENT_COLLABORATOR",
  });
  return { text: outcome.text };
}
