"""boto3 `stepfunctions` drives the deployed sample order workflow on a served emulator.

A client nobody on this project wrote finds the state machine `agentctl deploy` made, runs an
order over the approval threshold and answers the task token it reads from the execution's
history (as a person reading the SNS message would), runs a small order straight through, and
sends input that is not JSON.

Environment (set by test/workflows/boto3-workflow.test.ts):
  ENDPOINT   the emulator `agentctl local serve` runs for the deployed sample project
  PROJECT    that project's directory (its order.json is the small order)

Prints each check; exits 0 when all held, otherwise prints what did not and exits 1.
"""

import json
import os
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from checks import STEP, Mismatch, check, expect_error, step, wait_for

MACHINE = "order-processing-order-workflow"
BIG = {"orderId": "ORD-5005", "items": [{"productId": "PROD123", "quantity": 9}], "total": 900}


def history(client, arn):
    events = []
    kwargs = {"executionArn": arn}
    while True:
        page = client.get_execution_history(**kwargs)
        events.extend(page["events"])
        if not page.get("nextToken"):
            return events
        kwargs["nextToken"] = page["nextToken"]


def status(client, arn):
    return client.describe_execution(executionArn=arn)["status"]


def find_machine(client):
    step(f"ListStateMachines finds {MACHINE}")
    machines = []
    for page in client.get_paginator("list_state_machines").paginate():
        machines.extend(page["stateMachines"])
    found = [m for m in machines if m["name"] == MACHINE]
    check(len(found) == 1, f"{MACHINE} listed {len(found)} times among {[m['name'] for m in machines]}")
    return found[0]["stateMachineArn"]


def finished(client, arn):
    done = wait_for(lambda: client.describe_execution(executionArn=arn), lambda d: d["status"] != "RUNNING", f"{arn} to finish", timeout=60.0)
    return done


def waiting_for_approval(events):
    """The events from WaitForApproval's TaskStateEntered on, once its task was submitted; else None."""
    entered = next((i for i, e in enumerate(events) if e["type"] == "TaskStateEntered" and e["stateEnteredEventDetails"]["name"] == "WaitForApproval"), None)
    if entered is None:
        return None
    rest = events[entered:]
    return rest if any(e["type"] == "TaskSubmitted" for e in rest) else None


def approval_path(client, machine):
    step("StartExecution with a total of 900 waits in WaitForApproval")
    started = client.start_execution(stateMachineArn=machine, name="boto3-approve", input=json.dumps(BIG))
    arn = started["executionArn"]
    check(arn.endswith(f":execution:{MACHINE}:boto3-approve"), f"execution ARN {arn}")
    waiting = wait_for(lambda: waiting_for_approval(history(client, arn)), lambda w: w is not None, "WaitForApproval's TaskSubmitted", timeout=60.0)
    check(status(client, arn) == "RUNNING", "the execution is not RUNNING while it waits")

    step("the TaskScheduled parameters carry the task token in the SNS message")
    scheduled = next(e for e in waiting if e["type"] == "TaskScheduled")
    details = scheduled["taskScheduledEventDetails"]
    check(details["resourceType"] == "sns" and details["resource"] == "publish.waitForTaskToken", f"scheduled resource {details['resourceType']}:{details['resource']}")
    parameters = json.loads(details["parameters"])
    check(parameters["TopicArn"].endswith(":order-approvals"), f"TopicArn {parameters['TopicArn']}")
    match = re.search(r"Task token: (\S+)", parameters["Message"])
    check(match is not None, f"no task token in the message {parameters['Message']!r}")
    check("Order ORD-5005 totals 900 USD" in parameters["Message"], f"message {parameters['Message']!r}")
    token = match.group(1)
    print(f"     token {token[:24]}…", flush=True)

    step("SendTaskSuccess continues it to SUCCEEDED with the shipping agent's answer")
    client.send_task_success(taskToken=token, output=json.dumps({"approved": True, "by": "boto3"}))
    done = finished(client, arn)
    check(done["status"] == "SUCCEEDED", f"status {done['status']}, expected SUCCEEDED")
    output = json.loads(done["output"])
    check(output["approval"] == {"approved": True, "by": "boto3"}, f"approval in the output {output.get('approval')}")
    check("SHIPPED:" in output["shipping"]["answer"], f"shipping answer {output['shipping']}")
    print(f"     {output['shipping']['answer']}", flush=True)

    step("the history has TaskSubmitted then TaskSucceeded for WaitForApproval")
    events = history(client, arn)
    types = [e["type"] for e in events]
    submitted = types.index("TaskSubmitted")
    check(types[submitted + 1] == "TaskSucceeded", f"after TaskSubmitted: {types[submitted + 1]}")
    check(json.loads(events[submitted + 1]["taskSucceededEventDetails"]["output"]) == {"approved": True, "by": "boto3"}, "TaskSucceeded output is not what was sent")
    check(types[-1] == "ExecutionSucceeded", f"last event {types[-1]}")

    step("the same token cannot be answered twice")
    expect_error(lambda: client.send_task_success(taskToken=token, output="{}"), "TaskDoesNotExist", 400, "SendTaskSuccess on an answered token")


def small_order(client, machine):
    step("StartExecution with order.json ships it without waiting")
    with open(os.path.join(os.environ["PROJECT"], "order.json"), encoding="utf-8") as f:
        order = f.read()
    arn = client.start_execution(stateMachineArn=machine, input=order)["executionArn"]
    done = finished(client, arn)
    check(done["status"] == "SUCCEEDED", f"status {done['status']}, expected SUCCEEDED")
    output = json.loads(done["output"])
    check(re.match(r"SHIPPED: order ORD-1001, tracking number TRACK-ORD-1001-\d{4}", output["shipping"]["answer"]) is not None, f"shipping answer {output['shipping']}")
    check("approval" not in output, "a 99.99 order went through the approval step")
    entered = [e["stateEnteredEventDetails"]["name"] for e in history(client, arn) if e["type"].endswith("StateEntered")]
    check("WaitForApproval" not in entered, f"states entered {entered}")


def bad_input(client, machine):
    step("StartExecution with input that is not JSON is InvalidExecutionInput")
    expect_error(lambda: client.start_execution(stateMachineArn=machine, input='{"orderId": "ORD-1",'), "InvalidExecutionInput", 400, "StartExecution")


def main():
    client = boto3.client(
        "stepfunctions",
        endpoint_url=os.environ["ENDPOINT"],
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(inject_host_prefix=False, retries={"max_attempts": 1}),
    )
    machine = find_machine(client)
    approval_path(client, machine)
    small_order(client, machine)
    bad_input(client, machine)
    print(f"all {STEP[0]} checks passed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except (Mismatch, ClientError, BotoCoreError) as e:
        print(f"FAILED at step {STEP[0]}: {type(e).__name__}: {e}", flush=True)
        sys.exit(1)
