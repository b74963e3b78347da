/**
 * The exact IAM documents agentctl writes (aws-iam-sts-lambda-sns.md §4): the agent service
 * role's trust and permissions, the Lambda resource-policy statement for an executor, and
 * the execution role of a function agentctl creates from a local handler. Pure functions.
 */

export const AGENT_POLICY_NAME = "agentctl-agent";
export const FUNCTION_POLICY_NAME = "agentctl-logs";
export const BEDROCK_PRINCIPAL = "bedrock.amazonaws.com";

export interface AgentPermissionsInput {
  region: string;
  account: string;
  model: string;
  knowledgeBaseIds: readonly string[];
  guardrail?: string;
  /** Alias ARNs of the collaborators (supervisors only). */
  collaboratorAliasArns: readonly string[];
}

/** Trust bedrock.amazonaws.com for this account, and for exactly this agent once its id is known. */
export function agentTrustPolicy(region: string, account: string, agentId?: string): unknown {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: BEDROCK_PRINCIPAL },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: { "aws:SourceArn": `arn:aws:bedrock:${region}:${account}:agent/${agentId ?? "*"}` },
        },
      },
    ],
  };
}

/** Cross-Region inference-profile ids start with a geography: us.anthropic.claude-… */
const PROFILE_PREFIX = /^(us|eu|apac|us-gov|jp|au|ca|global)\.(.+)$/;

/**
 * The resources InvokeModel needs for a model id or ARN. An inference profile needs both the
 * profile and its underlying model in every destination Region; the Regions come from
 * GetInferenceProfile, which agentctl does not call (the client factory has no `bedrock`
 * client), so the model is granted in any Region (`*`) — still exactly that model (unverified
 * whether AWS also wants bedrock:GetInferenceProfile; the reference says so, §6).
 */
export function modelResources(model: string, region: string, account: string): string[] {
  if (model.startsWith("arn:")) {
    const profile = /:inference-profile\/(.+)$/.exec(model);
    const base = profile?.[1] ? PROFILE_PREFIX.exec(profile[1])?.[2] : undefined;
    return base ? [model, `arn:aws:bedrock:*::foundation-model/${base}`] : [model];
  }
  const profile = PROFILE_PREFIX.exec(model);
  if (profile?.[2]) {
    return [
      `arn:aws:bedrock:${region}:${account}:inference-profile/${model}`,
      `arn:aws:bedrock:*::foundation-model/${profile[2]}`,
    ];
  }
  return [`arn:aws:bedrock:${region}::foundation-model/${model}`];
}

export function agentPermissionsPolicy(input: AgentPermissionsInput): unknown {
  const { region, account } = input;
  const statements: unknown[] = [
    {
      Sid: "InvokeModel",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: modelResources(input.model, region, account),
    },
  ];
  if (input.knowledgeBaseIds.length > 0) {
    statements.push({
      Sid: "RetrieveFromKnowledgeBases",
      Effect: "Allow",
      Action: ["bedrock:Retrieve"],
      Resource: input.knowledgeBaseIds.map(
        (id) => `arn:aws:bedrock:${region}:${account}:knowledge-base/${id}`,
      ),
    });
  }
  if (input.guardrail) {
    const arn = input.guardrail.startsWith("arn:")
      ? input.guardrail
      : `arn:aws:bedrock:${region}:${account}:guardrail/${input.guardrail}`;
    statements.push({
      Sid: "ApplyGuardrail",
      Effect: "Allow",
      Action: ["bedrock:ApplyGuardrail"],
      Resource: [arn],
    });
  }
  if (input.collaboratorAliasArns.length > 0) {
    statements.push({
      Sid: "InvokeCollaborators",
      Effect: "Allow",
      Action: ["bedrock:GetAgentAlias", "bedrock:InvokeAgent"],
      Resource: [...input.collaboratorAliasArns].sort(),
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The statement id agentctl uses on an executor's resource policy: one per agent. */
export function permissionStatementId(agentId: string): string {
  return `agentctl-${agentId}`;
}

/** The statement AddPermission produces (aws-behaviour.md §4.5), for checking what exists. */
export function lambdaPermissionStatement(functionArn: string, account: string, agentArn: string): unknown {
  return {
    Effect: "Allow",
    Principal: { Service: BEDROCK_PRINCIPAL },
    Action: "lambda:InvokeFunction",
    Resource: functionArn.split(":").slice(0, 7).join(":"),
    Condition: {
      StringEquals: { "AWS:SourceAccount": account },
      ArnLike: { "AWS:SourceArn": agentArn },
    },
  };
}

export function functionTrustPolicy(account: string): unknown {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
}

/** CloudWatch Logs for the function's own log group, nothing else. */
export function functionLogsPolicy(region: string, account: string, functionName: string): unknown {
  const group = `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${functionName}`;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "CreateLogGroup", Effect: "Allow", Action: ["logs:CreateLogGroup"], Resource: [group] },
      {
        Sid: "WriteLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [`${group}:*`],
      },
    ],
  };
}
