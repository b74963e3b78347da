"""boto3 conformance check for the agentctl emulator's bedrock-agent API.

Written against plain boto3 (a client nobody on this project wrote): if botocore
parses every answer and the lifecycle behaves as aws-behaviour.md §2-§3 says,
the emulator speaks the real wire protocol.

Environment (set by test/emulator/boto3-conformance.test.ts):
  AWS_ENDPOINT_URL_BEDROCK_AGENT   the emulator under test (latency "fast")
  CONFORMANCE_SLOW_ENDPOINT        a second emulator with latency "realistic",
                                   used only where a call must land mid-transition
  AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (dummies)

Exits 0 when everything matched; otherwise prints what did not and exits 1.
"""

import datetime
import os
import sys
import uuid

import boto3
from botocore.config import Config
from checks import check, run_checks, expect_error, expect_status, step, wait_for, wait_gone

MODEL = "anthropic.claude-3-5-sonnet-20241022-v2:0"
ROLE = "arn:aws:iam::123456789012:role/AmazonBedrockExecutionRoleForAgents_conformance"
INSTRUCTION_V1 = "You validate orders against the product catalog and answer briefly."
INSTRUCTION_V2 = "You validate orders against the product catalog; always quote the product id."
OPENAPI = """openapi: 3.0.0
info: {title: Product catalog, version: 1.0.0}
paths:
  /products/{productId}:
    get:
      operationId: getProduct
      description: Look up one product by its id
      parameters:
        - {name: productId, in: path, required: true, description: The product id, schema: {type: string}}
      responses:
        '200':
          description: The product
          content:
            application/json:
              schema: {type: object, properties: {productId: {type: string}, inStock: {type: boolean}}}
"""

def agent_status(client, agent_id):
    return client.get_agent(agentId=agent_id)["agent"]["agentStatus"]


def wait_agent(client, agent_id, wanted):
    return wait_for(lambda: agent_status(client, agent_id), lambda s: s in wanted, f"agent {agent_id} in {wanted}")


def wait_alias(client, agent_id, alias_id):
    def read():
        return client.get_agent_alias(agentId=agent_id, agentAliasId=alias_id)["agentAlias"]

    return wait_for(read, lambda a: a["agentAliasStatus"] == "PREPARED", f"alias {alias_id} PREPARED")


def name(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def create_agent(client, agent_name, instruction=INSTRUCTION_V1):
    response = client.create_agent(
        agentName=agent_name,
        foundationModel=MODEL,
        instruction=instruction,
        agentResourceRoleArn=ROLE,
        idleSessionTTLInSeconds=600,
        description="boto3 conformance agent",
    )
    expect_status(response, 202, "CreateAgent")
    return response["agent"]


def lifecycle(client):
    step("CreateAgent -> 202 CREATING, then NOT_PREPARED")
    agent = create_agent(client, name("conformance"))
    agent_id = agent["agentId"]
    check(agent["agentStatus"] == "CREATING", f"CreateAgent returned status {agent['agentStatus']}")
    check(agent["agentVersion"] == "DRAFT", "CreateAgent: agentVersion is not DRAFT")
    check(isinstance(agent["createdAt"], datetime.datetime), "CreateAgent: createdAt is not a timestamp")
    check(agent["agentArn"].endswith(f":agent/{agent_id}"), f"unexpected agentArn {agent['agentArn']}")
    check(len(agent_id) == 10 and agent_id.isalnum() and agent_id.upper() == agent_id, f"agent id {agent_id!r}")
    wait_agent(client, agent_id, {"NOT_PREPARED"})

    step("CreateAgentActionGroup (OpenAPI, RETURN_CONTROL) -> 200")
    group = client.create_agent_action_group(
        agentId=agent_id,
        agentVersion="DRAFT",
        actionGroupName="product-catalog",
        description="Look up products",
        actionGroupExecutor={"customControl": "RETURN_CONTROL"},
        apiSchema={"payload": OPENAPI},
    )
    expect_status(group, 200, "CreateAgentActionGroup")
    group = group["agentActionGroup"]
    group_id = group["actionGroupId"]
    check(group["actionGroupState"] == "ENABLED", f"action group state {group['actionGroupState']}")
    check(group["apiSchema"]["payload"] == OPENAPI, "apiSchema payload did not round-trip")

    step("PrepareAgent -> 202 PREPARING, then PREPARED")
    prepared = client.prepare_agent(agentId=agent_id)
    expect_status(prepared, 202, "PrepareAgent")
    check(prepared["agentStatus"] == "PREPARING", f"PrepareAgent returned {prepared['agentStatus']}")
    check(prepared["agentVersion"] == "DRAFT", "PrepareAgent: agentVersion is not DRAFT")
    check(isinstance(prepared["preparedAt"], datetime.datetime), "PrepareAgent: preparedAt is not a timestamp")
    wait_agent(client, agent_id, {"PREPARED"})

    step("CreateAgentAlias without routing -> 202, version 1 snapshotted")
    alias = client.create_agent_alias(agentId=agent_id, agentAliasName="live", description="conformance alias")
    expect_status(alias, 202, "CreateAgentAlias")
    alias_id = alias["agentAlias"]["agentAliasId"]
    check(alias["agentAlias"]["agentAliasStatus"] == "CREATING", "CreateAgentAlias: status is not CREATING")
    alias = wait_alias(client, agent_id, alias_id)
    routed = [r.get("agentVersion") for r in alias["routingConfiguration"]]
    check(routed == ["1"], f"new alias routes to {routed}, expected ['1']")
    wait_agent(client, agent_id, {"PREPARED"})

    step("ListAgentVersions / GetAgentVersion 1 / action groups of version 1")
    versions = client.list_agent_versions(agentId=agent_id)
    expect_status(versions, 200, "ListAgentVersions")
    numbered = sorted(v["agentVersion"] for v in versions["agentVersionSummaries"] if v["agentVersion"] != "DRAFT")
    check(numbered == ["1"], f"numbered versions {numbered}, expected ['1']")
    v1 = client.get_agent_version(agentId=agent_id, agentVersion="1")["agentVersion"]
    check(v1["instruction"] == INSTRUCTION_V1, "version 1 instruction differs from the draft it snapshotted")
    v1_groups = client.list_agent_action_groups(agentId=agent_id, agentVersion="1")["actionGroupSummaries"]
    check([g["actionGroupName"] for g in v1_groups] == ["product-catalog"], f"version 1 groups {v1_groups}")
    v1_group_id = v1_groups[0]["actionGroupId"]
    v1_group = client.get_agent_action_group(agentId=agent_id, agentVersion="1", actionGroupId=v1_group_id)
    check(v1_group["agentActionGroup"]["description"] == "Look up products", "version 1 group description")

    step("UpdateAgent (full replace) + UpdateAgentActionGroup on DRAFT, PrepareAgent")
    updated = client.update_agent(
        agentId=agent_id,
        agentName=agent["agentName"],
        foundationModel=MODEL,
        agentResourceRoleArn=ROLE,
        instruction=INSTRUCTION_V2,
        idleSessionTTLInSeconds=600,
    )
    expect_status(updated, 202, "UpdateAgent")
    # aws-behaviour.md §8: whether an edited agent settles NOT_PREPARED or PREPARED is unverified.
    wait_agent(client, agent_id, {"NOT_PREPARED", "PREPARED"})
    group_update = client.update_agent_action_group(
        agentId=agent_id,
        agentVersion="DRAFT",
        actionGroupId=group_id,
        actionGroupName="product-catalog",
        description="Look up products and stock",
        actionGroupExecutor={"customControl": "RETURN_CONTROL"},
        apiSchema={"payload": OPENAPI},
    )
    expect_status(group_update, 200, "UpdateAgentActionGroup")
    wait_agent(client, agent_id, {"NOT_PREPARED", "PREPARED"})
    expect_status(client.prepare_agent(agentId=agent_id), 202, "PrepareAgent")
    wait_agent(client, agent_id, {"PREPARED"})

    step("UpdateAgentAlias without routing -> version 2")
    moved = client.update_agent_alias(agentId=agent_id, agentAliasId=alias_id, agentAliasName="live")
    expect_status(moved, 202, "UpdateAgentAlias")
    alias = wait_alias(client, agent_id, alias_id)
    routed = [r.get("agentVersion") for r in alias["routingConfiguration"]]
    check(routed == ["2"], f"updated alias routes to {routed}, expected ['2']")
    wait_agent(client, agent_id, {"PREPARED"})

    step("version 2 reflects the edit; version 1 does not")
    v2 = client.get_agent_version(agentId=agent_id, agentVersion="2")["agentVersion"]
    check(v2["instruction"] == INSTRUCTION_V2, "version 2 lacks the new instruction")
    v1 = client.get_agent_version(agentId=agent_id, agentVersion="1")["agentVersion"]
    check(v1["instruction"] == INSTRUCTION_V1, "version 1 changed after the draft was edited")
    v2_groups = client.list_agent_action_groups(agentId=agent_id, agentVersion="2")["actionGroupSummaries"]
    check([g.get("description") for g in v2_groups] == ["Look up products and stock"], f"v2 groups {v2_groups}")
    v1_groups = client.list_agent_action_groups(agentId=agent_id, agentVersion="1")["actionGroupSummaries"]
    check([g.get("description") for g in v1_groups] == ["Look up products"], f"v1 groups {v1_groups}")
    return agent_id, alias_id


def errors(client, slow_client):
    step("ValidationException: agent name with a space and a '!'")
    expect_error(
        lambda: client.create_agent(agentName="bad name!", foundationModel=MODEL, agentResourceRoleArn=ROLE),
        "ValidationException",
        400,
        "CreateAgent(bad name)",
    )
    step("ResourceNotFoundException: GetAgent on an unknown id")
    expect_error(lambda: client.get_agent(agentId="ZZZZZZZZZZ"), "ResourceNotFoundException", 404, "GetAgent")

    step("ConflictException: PrepareAgent while the agent is still CREATING")
    # The realistic-latency emulator keeps an agent CREATING for at least a second, so
    # the prepare below lands mid-transition every time (no timing luck involved).
    agent = create_agent(slow_client, name("conflict"))
    check(agent["agentStatus"] == "CREATING", "slow CreateAgent did not start CREATING")
    expect_error(
        lambda: slow_client.prepare_agent(agentId=agent["agentId"]), "ConflictException", 409, "PrepareAgent"
    )


def pagination(client, lifecycle_agent_id):
    step("ListAgents through a paginator (pages of 4)")
    created = {create_agent(client, name("page"))["agentId"] for _ in range(9)}
    expected = created | {lifecycle_agent_id}
    pages = list(client.get_paginator("list_agents").paginate(PaginationConfig={"PageSize": 4}))
    ids = [a["agentId"] for page in pages for a in page["agentSummaries"]]
    check(len(pages) >= 3, f"{len(ids)} agents came in {len(pages)} pages of <= 4")
    check(len(ids) == len(set(ids)), "an agent appeared on two pages")
    check(expected <= set(ids), f"missing from the listing: {sorted(expected - set(ids))}")
    check(all(len(p["agentSummaries"]) <= 4 for p in pages), "a page exceeded maxResults")
    for agent_id in created:
        wait_agent(client, agent_id, {"NOT_PREPARED"})
    return created


def cleanup(client, agent_id, alias_id, others):
    step("DeleteAgentAlias -> 202, then 404")
    deleted = client.delete_agent_alias(agentId=agent_id, agentAliasId=alias_id)
    expect_status(deleted, 202, "DeleteAgentAlias")
    wait_gone(lambda: client.get_agent_alias(agentId=agent_id, agentAliasId=alias_id), "alias")

    step("DeleteAgent -> 202 DELETING, then 404 for every agent")
    for each in [agent_id, *sorted(others)]:
        response = client.delete_agent(agentId=each)
        expect_status(response, 202, "DeleteAgent")
        check(response["agentStatus"] == "DELETING", f"DeleteAgent returned {response['agentStatus']}")
    for each in [agent_id, *sorted(others)]:
        wait_gone(lambda each=each: client.get_agent(agentId=each), f"agent {each}")
    expect_error(lambda: client.get_agent_version(agentId=agent_id, agentVersion="1"), "ResourceNotFoundException", 404, "GetAgentVersion")
    remaining = client.list_agents()["agentSummaries"]
    check(remaining == [], f"agents left after deleting everything: {[a['agentId'] for a in remaining]}")


def main():
    for var in ("AWS_ENDPOINT_URL_BEDROCK_AGENT", "CONFORMANCE_SLOW_ENDPOINT"):
        if not os.environ.get(var):
            print(f"conformance.py: {var} is not set", file=sys.stderr)
            return 2
    print(f"boto3 {boto3.__version__} against {os.environ['AWS_ENDPOINT_URL_BEDROCK_AGENT']}", flush=True)
    # Loopback answers in milliseconds; a hang should fail the run, not stall it for minutes.
    timeouts = Config(connect_timeout=5, read_timeout=20)
    client = boto3.client("bedrock-agent", config=timeouts)
    check(client.meta.endpoint_url == os.environ["AWS_ENDPOINT_URL_BEDROCK_AGENT"], "boto3 ignored the endpoint variable")
    slow_client = boto3.client(
        "bedrock-agent", endpoint_url=os.environ["CONFORMANCE_SLOW_ENDPOINT"], config=timeouts
    )

    def checks():
        agent_id, alias_id = lifecycle(client)
        errors(client, slow_client)
        others = pagination(client, agent_id)
        cleanup(client, agent_id, alias_id, others)

    return run_checks("boto3 conformance", checks)


if __name__ == "__main__":
    sys.exit(main())
