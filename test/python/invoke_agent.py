"""Reads one InvokeAgent stream with boto3 and prints what it saw as JSON (used by test/runtime/boto3-invoke.test.ts).

Environment: ENDPOINT, AGENT_ID, ALIAS_ID, SESSION_ID, INPUT_TEXT.
"""
import json
import os

import boto3
from botocore.exceptions import EventStreamError

client = boto3.client(
    "bedrock-agent-runtime",
    endpoint_url=os.environ["ENDPOINT"],
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)


def shape(trace):
    """The member path of a trace event, e.g. orchestrationTrace.invocationInput."""
    outer = next(iter(trace))
    inner = trace[outer]
    return outer + ("." + next(iter(inner)) if isinstance(inner, dict) and outer != "guardrailTrace" and outer != "failureTrace" else "")


result = {"text": "", "traces": [], "events": [], "error": None}
try:
    response = client.invoke_agent(
        agentId=os.environ["AGENT_ID"],
        agentAliasId=os.environ["ALIAS_ID"],
        sessionId=os.environ["SESSION_ID"],
        inputText=os.environ["INPUT_TEXT"],
        enableTrace=True,
    )
    result["sessionId"] = response["sessionId"]
    for event in response["completion"]:
        kind = next(iter(event))
        result["events"].append(kind)
        if kind == "chunk":
            result["text"] += event["chunk"]["bytes"].decode("utf-8")
        elif kind == "trace":
            part = event["trace"]
            result["traces"].append({"shape": shape(part["trace"]), "agentId": part["agentId"], "agentVersion": part["agentVersion"], "eventTime": part["eventTime"].isoformat()})
except EventStreamError as err:
    result["error"] = err.response["Error"]["Code"]
print(json.dumps(result))
