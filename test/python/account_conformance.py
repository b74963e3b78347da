"""boto3 conformance check for the agentctl emulator's IAM, STS, Lambda and SNS.

Plain boto3 (a client nobody on this project wrote) runs the calls `agentctl
deploy` and workflows make (aws-iam-sts-lambda-sns.md) against one emulator
port, using the per-service endpoint variables. If botocore parses every
answer, decodes the policy documents and sees the right error codes, the
emulator speaks the real wire protocols.

Environment (set by test/emulator/boto3-account.test.ts):
  AWS_ENDPOINT_URL_{IAM,STS,LAMBDA,SNS}   the emulator under test
  AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (dummies)

Exits 0 when everything matched; otherwise prints what did not and exits 1.
"""

import io
import json
import base64
import sys
import zipfile

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from checks import STEP, Mismatch, check, expect_error, expect_status, step, wait_for

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
INVOKE_AGENT = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "bedrock:InvokeAgent",
            "Resource": "arn:aws:bedrock:us-east-1:000000000000:agent-alias/AGENT12345/ALIAS12345",
        }
    ],
}
HANDLER = """
export const handler = async (event) => {
  if (event.fail) throw new Error("boom: " + event.fail);
  return { total: event.items.reduce((a, b) => a + b, 0) };
};
"""


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def iam_checks(iam):
    step("IAM CreateRole -> Role with the trust policy decoded to a dict by botocore")
    created = iam.create_role(
        RoleName="adapter",
        Path="/agentctl/",
        AssumeRolePolicyDocument=json.dumps(TRUST),
        Description="workflow adapter",
        Tags=[{"Key": "agentctl:project", "Value": "shop"}],
    )
    expect_status(created, 200, "CreateRole")
    role = created["Role"]
    check(role["Arn"] == "arn:aws:iam::000000000000:role/agentctl/adapter", f"CreateRole: Arn {role['Arn']}")
    check(role["AssumeRolePolicyDocument"] == TRUST, f"CreateRole: trust policy {role['AssumeRolePolicyDocument']!r}")
    check(role["CreateDate"].tzinfo is not None, "CreateRole: CreateDate has no zone")

    step("IAM GetRole (any case) and GetRolePolicy decode to the documents sent")
    got = iam.get_role(RoleName="ADAPTER")["Role"]
    check(got["AssumeRolePolicyDocument"] == TRUST, "GetRole: trust policy differs")
    check(got["Tags"] == [{"Key": "agentctl:project", "Value": "shop"}], f"GetRole: tags {got.get('Tags')}")
    iam.put_role_policy(RoleName="adapter", PolicyName="invoke-agent", PolicyDocument=json.dumps(INVOKE_AGENT))
    policy = iam.get_role_policy(RoleName="adapter", PolicyName="invoke-agent")
    check(policy["PolicyDocument"] == INVOKE_AGENT, f"GetRolePolicy: {policy['PolicyDocument']!r}")
    check(iam.list_role_policies(RoleName="adapter")["PolicyNames"] == ["invoke-agent"], "ListRolePolicies")

    step("IAM errors: NoSuchEntity 404, EntityAlreadyExists 409, MalformedPolicyDocument 400, DeleteConflict 409")
    e = expect_error(lambda: iam.get_role(RoleName="ghost"), "NoSuchEntity", 404, "GetRole")
    check(e.response["Error"].get("Type") == "Sender", "NoSuchEntity: Type is not Sender")
    check(isinstance(e, iam.exceptions.NoSuchEntityException), "NoSuchEntity: not the modeled exception class")
    expect_error(
        lambda: iam.create_role(RoleName="adapter", AssumeRolePolicyDocument=json.dumps(TRUST)),
        "EntityAlreadyExists",
        409,
        "CreateRole duplicate",
    )
    expect_error(
        lambda: iam.put_role_policy(RoleName="adapter", PolicyName="bad", PolicyDocument="{nope"),
        "MalformedPolicyDocument",
        400,
        "PutRolePolicy invalid JSON",
    )
    expect_error(lambda: iam.delete_role(RoleName="adapter"), "DeleteConflict", 409, "DeleteRole with policies")
    expect_error(
        lambda: iam.create_role(RoleName="bad name", AssumeRolePolicyDocument=json.dumps(TRUST)),
        "ValidationError",
        400,
        "CreateRole bad name",
    )

    step("IAM TagRole / ListRoleTags / UntagRole, and the RoleExists waiter")
    iam.tag_role(RoleName="adapter", Tags=[{"Key": "stage", "Value": "dev"}])
    tags = iam.list_role_tags(RoleName="adapter")["Tags"]
    check({t["Key"] for t in tags} == {"agentctl:project", "stage"}, f"ListRoleTags: {tags}")
    iam.untag_role(RoleName="adapter", TagKeys=["stage"])
    iam.get_waiter("role_exists").wait(RoleName="adapter", WaiterConfig={"Delay": 1, "MaxAttempts": 2})
    return role["Arn"]


def sts_checks(sts):
    step("STS GetCallerIdentity -> the emulator's account")
    identity = sts.get_caller_identity()
    expect_status(identity, 200, "GetCallerIdentity")
    check(identity["Account"] == "000000000000", f"GetCallerIdentity: Account {identity['Account']!r}")
    check(identity["Arn"].startswith("arn:aws:iam::000000000000:"), f"GetCallerIdentity: Arn {identity['Arn']}")


def lambda_checks(lam, role_arn):
    step("Lambda CreateFunction (201) -> Pending, then Active")
    created = lam.create_function(
        FunctionName="sum",
        Role=role_arn,
        Runtime="nodejs22.x",
        Handler="index.handler",
        Code={"ZipFile": zip_of({"index.mjs": HANDLER})},
        Timeout=5,
    )
    expect_status(created, 201, "CreateFunction")
    wait_for(lambda: lam.get_function(FunctionName="sum")["Configuration"]["State"], lambda s: s == "Active", "Active")

    step("Lambda Invoke: result, then an Unhandled function error with the Node body")
    out = lam.invoke(FunctionName="sum", Payload=json.dumps({"items": [1, 2, 3]}))
    check(out["StatusCode"] == 200, f"Invoke: StatusCode {out['StatusCode']}")
    check(json.loads(out["Payload"].read()) == {"total": 6}, "Invoke: wrong result")
    failed = lam.invoke(FunctionName="sum", Payload=json.dumps({"fail": "x"}), LogType="Tail")
    check(failed["StatusCode"] == 200, "Invoke with a function error is not 200")
    check(failed.get("FunctionError") == "Unhandled", f"Invoke: FunctionError {failed.get('FunctionError')!r}")
    body = json.loads(failed["Payload"].read())
    check(body["errorType"] == "Error" and body["errorMessage"] == "boom: x", f"Invoke: error body {body}")
    check(isinstance(body.get("trace"), list), "Invoke: no trace list")
    check("START RequestId" in base64.b64decode(failed["LogResult"]).decode(), "Invoke: LogResult")
    event = lam.invoke(FunctionName="sum", InvocationType="Event", Payload=b'{"items": []}')
    check(event["StatusCode"] == 202, f"Invoke Event: StatusCode {event['StatusCode']}")

    step("Lambda AddPermission / GetPolicy / RemovePermission, with 409 and 404")
    added = lam.add_permission(
        FunctionName="sum",
        StatementId="bedrock-agent",
        Action="lambda:InvokeFunction",
        Principal="bedrock.amazonaws.com",
        SourceAccount="000000000000",
        SourceArn="arn:aws:bedrock:us-east-1:000000000000:agent/AGENT12345",
    )
    expect_status(added, 201, "AddPermission")
    statement = json.loads(added["Statement"])
    check(statement["Condition"]["ArnLike"]["AWS:SourceArn"].endswith("agent/AGENT12345"), f"statement {statement}")
    policy = json.loads(lam.get_policy(FunctionName="sum")["Policy"])
    check(policy["Statement"] == [statement] and policy["Id"] == "default", f"GetPolicy: {policy}")
    expect_error(
        lambda: lam.add_permission(
            FunctionName="sum", StatementId="bedrock-agent", Action="lambda:InvokeFunction", Principal="bedrock.amazonaws.com"
        ),
        "ResourceConflictException",
        409,
        "AddPermission duplicate",
    )
    removed = lam.remove_permission(FunctionName="sum", StatementId="bedrock-agent")
    check(removed["ResponseMetadata"]["HTTPStatusCode"] == 204, "RemovePermission is not 204")
    expect_error(lambda: lam.get_policy(FunctionName="sum"), "ResourceNotFoundException", 404, "GetPolicy empty")
    expect_error(lambda: lam.get_function(FunctionName="nope"), "ResourceNotFoundException", 404, "GetFunction")

    step("Lambda UpdateFunctionCode, FunctionUpdatedV2 waiter, DeleteFunction")
    lam.update_function_code(FunctionName="sum", ZipFile=zip_of({"index.mjs": "export const handler = async () => 'v2';"}))
    wait_for(
        lambda: lam.get_function(FunctionName="sum")["Configuration"]["LastUpdateStatus"],
        lambda s: s == "Successful",
        "update Successful",
    )
    check(json.loads(lam.invoke(FunctionName="sum")["Payload"].read()) == "v2", "Invoke after update")
    lam.delete_function(FunctionName="sum")
    expect_error(lambda: lam.get_function(FunctionName="sum"), "ResourceNotFoundException", 404, "GetFunction deleted")


def sns_checks(sns):
    step("SNS CreateTopic (idempotent), Publish with attributes, NotFound")
    arn = sns.create_topic(Name="order-events")["TopicArn"]
    check(arn == "arn:aws:sns:us-east-1:000000000000:order-events", f"CreateTopic: {arn}")
    check(sns.create_topic(Name="order-events")["TopicArn"] == arn, "CreateTopic is not idempotent")
    published = sns.publish(
        TopicArn=arn,
        Subject="Order failed",
        Message="sku 9 is out of stock",
        MessageAttributes={"orderId": {"DataType": "String", "StringValue": "o-1"}},
    )
    check(len(published["MessageId"]) > 0, "Publish: no MessageId")
    check({"TopicArn": arn} in sns.list_topics()["Topics"], "ListTopics misses the topic")
    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    check(attributes["TopicArn"] == arn, f"GetTopicAttributes: {attributes}")
    expect_error(
        lambda: sns.publish(TopicArn="arn:aws:sns:us-east-1:000000000000:ghost", Message="x"), "NotFound", 404, "Publish"
    )
    expect_error(lambda: sns.publish(TopicArn=arn, Message=""), "InvalidParameter", 400, "Publish empty")
    sns.delete_topic(TopicArn=arn)


def main():
    config = Config(retries={"max_attempts": 1})
    clients = {name: boto3.client(name, config=config) for name in ("iam", "sts", "lambda", "sns")}
    try:
        role_arn = iam_checks(clients["iam"])
        sts_checks(clients["sts"])
        lambda_checks(clients["lambda"], role_arn)
        sns_checks(clients["sns"])
    except (Mismatch, ClientError, BotoCoreError, KeyError) as e:
        print(f"MISMATCH at step {STEP[0]}: {type(e).__name__}: {e}", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
