"""boto3 conformance check for the agentctl emulator's Step Functions.

Plain boto3 `stepfunctions` (a client nobody on this project wrote) runs the
life of a workflow against the emulator: create, start, describe, history, a
task token answered, stop, redrive, and the error codes of aws-behaviour.md §6.2.

Environment (set by test/emulator/step-functions/boto3.test.ts):
  AWS_ENDPOINT_URL_SFN   the emulator under test; its lambda:invoke integration answers {}
  AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (dummies)

Exits 0 when everything matched; otherwise prints what did not and exits 1.
"""

import datetime
import json
import os
import sys

import boto3
from botocore.config import Config
from checks import check, run_checks, expect_error, step, wait_for

ROLE = "arn:aws:iam::123456789012:role/sfn-conformance"
CALLBACK = json.dumps({
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Parameters": {"order.$": "$.order"}, "Next": "Approve"},
        "Approve": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "notify", "Payload": {"token.$": "$$.Task.Token"}},
            "ResultPath": "$.approval",
            "End": True,
        },
    },
})


def history(client, arn, **kwargs):
    return client.get_execution_history(executionArn=arn, **kwargs)["events"]


def token_of(client, arn):
    events = wait_for(lambda: history(client, arn), lambda e: any(x["type"] == "TaskSubmitted" for x in e), "the task to wait")
    scheduled = next(e for e in events if e["type"] == "TaskScheduled")
    return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]


def status(client, arn):
    return client.describe_execution(executionArn=arn)["status"]


def lifecycle(client):
    step("CreateStateMachine")
    created = client.create_state_machine(name="conformance", definition=CALLBACK, roleArn=ROLE)
    machine = created["stateMachineArn"]
    check(machine.endswith(":stateMachine:conformance"), f"state machine ARN {machine}")
    check(isinstance(created["creationDate"], datetime.datetime), "creationDate is not a timestamp")
    described = client.describe_state_machine(stateMachineArn=machine)
    check(described["definition"] == CALLBACK and described["type"] == "STANDARD", "DescribeStateMachine shape")

    step("StartExecution, DescribeExecution")
    arn = client.start_execution(stateMachineArn=machine, name="order-1", input='{"order": {"id": 7}}')["executionArn"]
    check(arn.endswith(":execution:conformance:order-1"), f"execution ARN {arn}")
    again = client.start_execution(stateMachineArn=machine, name="order-1", input='{"order": {"id": 7}}')
    check(again["executionArn"] == arn, "StartExecution with the same name and input is not idempotent")
    check(status(client, arn) == "RUNNING", "a callback execution is not RUNNING")

    step("task token: SendTaskHeartbeat, SendTaskSuccess")
    token = token_of(client, arn)
    client.send_task_heartbeat(taskToken=token)
    client.send_task_success(taskToken=token, output='{"approved": true}')
    wait_for(lambda: status(client, arn), lambda s: s == "SUCCEEDED", "the execution to succeed")
    done = client.describe_execution(executionArn=arn)
    check(json.loads(done["output"]) == {"order": {"id": 7}, "approval": {"approved": True}}, f"output {done['output']}")
    check(done["stopDate"] >= done["startDate"], "stopDate before startDate")

    step("GetExecutionHistory: order, ids, reverse, pagination")
    events = history(client, arn)
    types = [e["type"] for e in events]
    check(types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                    "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], f"history {types}")
    check([e["id"] for e in events] == list(range(1, len(events) + 1)), "event ids are not 1..n")
    check(all(isinstance(e["timestamp"], datetime.datetime) for e in events), "event timestamps are not timestamps")
    check([e["id"] for e in history(client, arn, reverseOrder=True)] == list(range(len(events), 0, -1)), "reverseOrder")
    page = client.get_execution_history(executionArn=arn, maxResults=3)
    rest = client.get_execution_history(executionArn=arn, maxResults=100, nextToken=page["nextToken"])
    check(len(page["events"]) + len(rest["events"]) == len(events), "history pagination lost events")

    step("StopExecution, RedriveExecution")
    second = client.start_execution(stateMachineArn=machine, input='{"order": {"id": 8}}')["executionArn"]
    token_of(client, second)
    stopped = client.stop_execution(executionArn=second, error="User.Cancelled", cause="changed my mind")
    check(isinstance(stopped["stopDate"], datetime.datetime), "StopExecution stopDate")
    aborted = client.describe_execution(executionArn=second)
    check(aborted["status"] == "ABORTED" and aborted["error"] == "User.Cancelled", f"after stop: {aborted['status']}")
    check(history(client, second)[-1]["type"] == "ExecutionAborted", "no ExecutionAborted event")
    client.redrive_execution(executionArn=second)
    check(status(client, second) == "RUNNING", "a redriven execution is not RUNNING")
    client.send_task_failure(taskToken=token_of_latest(client, second), error="Rejected", cause="by a human")
    wait_for(lambda: status(client, second), lambda s: s == "FAILED", "the redriven execution to fail")
    failed = client.describe_execution(executionArn=second)
    check(failed["error"] == "Rejected" and failed["redriveCount"] == 1, f"redriven: {failed.get('error')} {failed.get('redriveCount')}")

    step("ListExecutions, ListStateMachines")
    listed = client.list_executions(stateMachineArn=machine)["executions"]
    check([e["executionArn"] for e in listed] == [second, arn], "ListExecutions is not newest first")
    check(client.list_executions(stateMachineArn=machine, statusFilter="SUCCEEDED")["executions"][0]["executionArn"] == arn, "statusFilter")
    check(any(m["stateMachineArn"] == machine for m in client.list_state_machines()["stateMachines"]), "ListStateMachines")
    return machine, token


def token_of_latest(client, arn):
    events = wait_for(lambda: history(client, arn), lambda e: sum(x["type"] == "TaskSubmitted" for x in e) >= 2, "the redriven task")
    scheduled = [e for e in events if e["type"] == "TaskScheduled"][-1]
    return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]


def errors(client, machine, used_token):
    step("error codes")
    expect_error(lambda: client.create_state_machine(name="bad", definition="{not json", roleArn=ROLE), "InvalidDefinition", 400, "CreateStateMachine(not JSON)")
    expect_error(lambda: client.create_state_machine(
        name="bad", roleArn=ROLE, definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}})),
        "InvalidDefinition", 400, "CreateStateMachine(missing target)")
    expect_error(lambda: client.create_state_machine(name="has space", definition=CALLBACK, roleArn=ROLE), "InvalidName", 400, "CreateStateMachine(bad name)")
    expect_error(lambda: client.start_execution(stateMachineArn=machine, input="{oops"), "InvalidExecutionInput", 400, "StartExecution(bad input)")
    expect_error(lambda: client.start_execution(stateMachineArn=machine, name="order-1", input="{}"), "ExecutionAlreadyExists", 400, "StartExecution(name taken)")
    expect_error(lambda: client.describe_state_machine(stateMachineArn=machine + "-gone"), "StateMachineDoesNotExist", 400, "DescribeStateMachine(unknown)")
    expect_error(lambda: client.describe_execution(executionArn=machine.replace(":stateMachine:", ":execution:") + ":nope"),
                 "ExecutionDoesNotExist", 400, "DescribeExecution(unknown)")
    expect_error(lambda: client.send_task_success(taskToken="garbage", output="{}"), "InvalidToken", 400, "SendTaskSuccess(malformed token)")
    expect_error(lambda: client.send_task_success(taskToken=used_token, output="{}"), "TaskDoesNotExist", 400, "SendTaskSuccess(answered token)")
    check(client.validate_state_machine_definition(definition="{}")["result"] == "FAIL", "ValidateStateMachineDefinition accepted {}")


def main():
    print(f"boto3 {boto3.__version__} against {os.environ['AWS_ENDPOINT_URL_SFN']}", flush=True)
    client = boto3.client("stepfunctions", config=Config(connect_timeout=5, read_timeout=20, inject_host_prefix=False))
    check(client.meta.endpoint_url == os.environ["AWS_ENDPOINT_URL_SFN"], "boto3 ignored AWS_ENDPOINT_URL_SFN")

    def checks():
        machine, token = lifecycle(client)
        errors(client, machine, token)

    return run_checks("boto3 stepfunctions conformance", checks)


if __name__ == "__main__":
    sys.exit(main())
