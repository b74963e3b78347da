import type { SfnContext } from "../context.js";
import type { SfnInput } from "../input.js";
import {
  describeExecution,
  listExecutions,
  redriveExecution,
  startExecution,
  startSyncExecution,
  stopExecution,
} from "./executions.js";
import { getExecutionHistory } from "./history.js";
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
  validateStateMachineDefinition,
} from "./state-machines.js";
import { listTagsForResource, tagResource, untagResource } from "./tags.js";
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from "./tasks.js";

export interface SfnOperation {
  /** "write" runs in one BEGIN IMMEDIATE transaction; "async" manages its own (the driver commits). */
  mode: "read" | "write" | "async";
  run(ctx: SfnContext, input: SfnInput): unknown;
}

export const OPERATIONS: Record<string, SfnOperation> = {
  CreateStateMachine: { mode: "write", run: createStateMachine },
  DescribeStateMachine: { mode: "read", run: describeStateMachine },
  UpdateStateMachine: { mode: "write", run: updateStateMachine },
  DeleteStateMachine: { mode: "write", run: deleteStateMachine },
  ListStateMachines: { mode: "read", run: listStateMachines },
  ValidateStateMachineDefinition: { mode: "read", run: validateStateMachineDefinition },
  StartExecution: { mode: "async", run: startExecution },
  StartSyncExecution: { mode: "async", run: startSyncExecution },
  DescribeExecution: { mode: "read", run: describeExecution },
  ListExecutions: { mode: "read", run: listExecutions },
  GetExecutionHistory: { mode: "read", run: getExecutionHistory },
  StopExecution: { mode: "async", run: stopExecution },
  RedriveExecution: { mode: "async", run: redriveExecution },
  SendTaskSuccess: { mode: "async", run: sendTaskSuccess },
  SendTaskFailure: { mode: "async", run: sendTaskFailure },
  SendTaskHeartbeat: { mode: "async", run: sendTaskHeartbeat },
  TagResource: { mode: "write", run: tagResource },
  UntagResource: { mode: "write", run: untagResource },
  ListTagsForResource: { mode: "read", run: listTagsForResource },
};
