/**
 * The Step Functions operations agentctl uses, as a narrow interface over the
 * SDK client (style lesson 5): the execution engine depends on this, tests can
 * hand it any implementation, and the SDK is loaded only when a command needs it.
 */
import type {
  DescribeExecutionOutput,
  ExecutionListItem,
  ExecutionStatus,
  HistoryEvent,
  SFNClient,
  StateMachineListItem,
} from "@aws-sdk/client-sfn";

export interface StepFunctionsApi {
  listStateMachines(): Promise<StateMachineListItem[]>;
  startExecution(input: {
    stateMachineArn: string;
    name?: string;
    input: string;
  }): Promise<{ executionArn: string; startDate?: Date }>;
  /** EXPRESS state machines: runs to the end and answers with the outcome (no history on AWS). */
  startSyncExecution(input: {
    stateMachineArn: string;
    name?: string;
    input: string;
  }): Promise<DescribeExecutionOutput>;
  describeExecution(executionArn: string): Promise<DescribeExecutionOutput>;
  /** One page; `reverseOrder` gives the newest events first. */
  getExecutionHistory(input: {
    executionArn: string;
    nextToken?: string;
    reverseOrder?: boolean;
    maxResults?: number;
  }): Promise<{ events: HistoryEvent[]; nextToken?: string }>;
  listExecutions(input: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
  }): Promise<ExecutionListItem[]>;
  stopExecution(input: {
    executionArn: string;
    error?: string;
    cause?: string;
  }): Promise<{ stopDate?: Date }>;
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<void>;
  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<void>;
}

const MAX_LISTED = 10_000;

export async function stepFunctionsApi(client: SFNClient): Promise<StepFunctionsApi> {
  const sdk = await import("@aws-sdk/client-sfn");
  return {
    async listStateMachines() {
      const all: StateMachineListItem[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new sdk.ListStateMachinesCommand({ nextToken }));
        all.push(...(page.stateMachines ?? []));
        nextToken = page.nextToken;
      } while (nextToken && all.length < MAX_LISTED);
      return all;
    },
    async startExecution(input) {
      const out = await client.send(new sdk.StartExecutionCommand(input));
      return { executionArn: out.executionArn ?? "", ...(out.startDate ? { startDate: out.startDate } : {}) };
    },
    async startSyncExecution(input) {
      const out = await client.send(new sdk.StartSyncExecutionCommand(input));
      return {
        ...out,
        status:
          out.status === "SUCCEEDED" ? "SUCCEEDED" : out.status === "TIMED_OUT" ? "TIMED_OUT" : "FAILED",
      } as DescribeExecutionOutput;
    },
    describeExecution: (executionArn) => client.send(new sdk.DescribeExecutionCommand({ executionArn })),
    async getExecutionHistory(input) {
      const out = await client.send(
        new sdk.GetExecutionHistoryCommand({ ...input, includeExecutionData: true }),
      );
      return { events: out.events ?? [], ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
    },
    async listExecutions(input) {
      const all: ExecutionListItem[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new sdk.ListExecutionsCommand({ ...input, nextToken }));
        all.push(...(page.executions ?? []));
        nextToken = page.nextToken;
      } while (nextToken && all.length < MAX_LISTED);
      return all;
    },
    async stopExecution(input) {
      const out = await client.send(new sdk.StopExecutionCommand(input));
      return out.stopDate ? { stopDate: out.stopDate } : {};
    },
    async sendTaskSuccess(input) {
      await client.send(new sdk.SendTaskSuccessCommand(input));
    },
    async sendTaskFailure(input) {
      await client.send(new sdk.SendTaskFailureCommand(input));
    },
  };
}
