/**
 * The deploy engine's ports built from the client factory's SDK clients: the one
 * place the engine's narrow interfaces meet the SDK. Each method is one call (or
 * one paginated listing); errors propagate untouched so the caller can name the
 * operation, the AWS error name and the request id.
 */
import type { AwsClients } from "../../aws/clients.js";
import type { AgentsApi, DeployPorts, IamApi, LambdaApi, PolicyStatement, StsApi } from "./ports.js";
import { lazyStateMachines, lazyTopics } from "./sdk-workflow-ports.js";

type Sendable = { send(command: unknown): Promise<unknown> };

export async function createDeployPorts(clients: AwsClients): Promise<DeployPorts> {
  // Every deploy reads STS, IAM and Lambda soon after Bedrock: load their SDK modules while
  // the first Bedrock calls wait on the network instead of one after another.
  for (const load of [clients.sts, clients.iam, clients.lambda]) load().catch(() => {});
  const region = clients.settings.region ?? (await (await clients.bedrockAgent()).config.region());
  return {
    agents: await bedrockAgentPort(clients),
    iam: lazyIam(clients),
    lambda: lazyLambda(clients),
    sts: lazySts(clients),
    sfn: lazyStateMachines(clients),
    sns: lazyTopics(clients),
    region,
  };
}

async function bedrockAgentPort(clients: AwsClients): Promise<AgentsApi> {
  const sdk = await import("@aws-sdk/client-bedrock-agent");
  const client = (await clients.bedrockAgent()) as unknown as Sendable;
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's command classes are typed per operation; this adapter owns the mapping.
  const send = (command: unknown): Promise<any> => client.send(command);
  /** Follows nextToken to the end (pages are at most 10 items, aws-behaviour.md §2.4). */
  const all = async <T>(make: (nextToken?: string) => unknown, key: string): Promise<T[]> => {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const page = await send(make(nextToken));
      items.push(...((page[key] as T[] | undefined) ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return items;
  };
  const routing = (version?: string) =>
    version ? { routingConfiguration: [{ agentVersion: version }] } : {};
  return {
    listAgents: () => all((nextToken) => new sdk.ListAgentsCommand({ nextToken }), "agentSummaries"),
    getAgent: async (agentId) => (await send(new sdk.GetAgentCommand({ agentId }))).agent,
    createAgent: async (fields) => (await send(new sdk.CreateAgentCommand(fields as never))).agent,
    updateAgent: async (agentId, fields) =>
      (await send(new sdk.UpdateAgentCommand({ agentId, ...fields } as never))).agent,
    deleteAgent: async (agentId) => {
      await send(new sdk.DeleteAgentCommand({ agentId, skipResourceInUseCheck: true }));
    },
    prepareAgent: async (agentId) => {
      await send(new sdk.PrepareAgentCommand({ agentId }));
    },
    getAgentVersion: async (agentId, agentVersion) =>
      (await send(new sdk.GetAgentVersionCommand({ agentId, agentVersion }))).agentVersion,
    listAgentVersions: (agentId) =>
      all((nextToken) => new sdk.ListAgentVersionsCommand({ agentId, nextToken }), "agentVersionSummaries"),
    deleteAgentVersion: async (agentId, agentVersion) => {
      await send(new sdk.DeleteAgentVersionCommand({ agentId, agentVersion }));
    },
    listActionGroups: (agentId, agentVersion) =>
      all(
        (nextToken) => new sdk.ListAgentActionGroupsCommand({ agentId, agentVersion, nextToken }),
        "actionGroupSummaries",
      ),
    getActionGroup: async (agentId, agentVersion, actionGroupId) =>
      (await send(new sdk.GetAgentActionGroupCommand({ agentId, agentVersion, actionGroupId })))
        .agentActionGroup,
    createActionGroup: async (agentId, fields) =>
      (
        await send(
          new sdk.CreateAgentActionGroupCommand({ agentId, agentVersion: "DRAFT", ...fields } as never),
        )
      ).agentActionGroup,
    updateActionGroup: async (agentId, actionGroupId, fields) =>
      (
        await send(
          new sdk.UpdateAgentActionGroupCommand({
            agentId,
            agentVersion: "DRAFT",
            actionGroupId,
            ...fields,
          } as never),
        )
      ).agentActionGroup,
    deleteActionGroup: async (agentId, actionGroupId) => {
      await send(
        new sdk.DeleteAgentActionGroupCommand({
          agentId,
          agentVersion: "DRAFT",
          actionGroupId,
          skipResourceInUseCheck: true,
        }),
      );
    },
    listKnowledgeBases: (agentId, agentVersion) =>
      all(
        (nextToken) => new sdk.ListAgentKnowledgeBasesCommand({ agentId, agentVersion, nextToken }),
        "agentKnowledgeBaseSummaries",
      ),
    associateKnowledgeBase: async (agentId, fields) => {
      await send(new sdk.AssociateAgentKnowledgeBaseCommand({ agentId, agentVersion: "DRAFT", ...fields }));
    },
    disassociateKnowledgeBase: async (agentId, knowledgeBaseId) => {
      await send(
        new sdk.DisassociateAgentKnowledgeBaseCommand({ agentId, agentVersion: "DRAFT", knowledgeBaseId }),
      );
    },
    listCollaborators: (agentId, agentVersion) =>
      all(
        (nextToken) => new sdk.ListAgentCollaboratorsCommand({ agentId, agentVersion, nextToken }),
        "agentCollaboratorSummaries",
      ),
    getCollaborator: async (agentId, agentVersion, collaboratorId) =>
      (await send(new sdk.GetAgentCollaboratorCommand({ agentId, agentVersion, collaboratorId })))
        .agentCollaborator,
    associateCollaborator: async (agentId, fields) =>
      (await send(new sdk.AssociateAgentCollaboratorCommand({ agentId, agentVersion: "DRAFT", ...fields })))
        .agentCollaborator,
    updateCollaborator: async (agentId, collaboratorId, fields) =>
      (
        await send(
          new sdk.UpdateAgentCollaboratorCommand({
            agentId,
            agentVersion: "DRAFT",
            collaboratorId,
            ...fields,
          }),
        )
      ).agentCollaborator,
    disassociateCollaborator: async (agentId, collaboratorId) => {
      await send(
        new sdk.DisassociateAgentCollaboratorCommand({ agentId, agentVersion: "DRAFT", collaboratorId }),
      );
    },
    listAliases: (agentId) =>
      all((nextToken) => new sdk.ListAgentAliasesCommand({ agentId, nextToken }), "agentAliasSummaries"),
    getAlias: async (agentId, agentAliasId) =>
      (await send(new sdk.GetAgentAliasCommand({ agentId, agentAliasId }))).agentAlias,
    createAlias: async (agentId, input) =>
      (
        await send(
          new sdk.CreateAgentAliasCommand({
            agentId,
            agentAliasName: input.name,
            ...(input.description ? { description: input.description } : {}),
            ...routing(input.version),
            tags: input.tags,
          }),
        )
      ).agentAlias,
    updateAlias: async (agentId, agentAliasId, input) =>
      (
        await send(
          new sdk.UpdateAgentAliasCommand({
            agentId,
            agentAliasId,
            agentAliasName: input.name,
            ...(input.description ? { description: input.description } : {}),
            ...routing(input.version),
          }),
        )
      ).agentAlias,
    deleteAlias: async (agentId, agentAliasId) => {
      await send(new sdk.DeleteAgentAliasCommand({ agentId, agentAliasId }));
    },
    listTags: async (resourceArn) =>
      (await send(new sdk.ListTagsForResourceCommand({ resourceArn }))).tags ?? {},
    tag: async (resourceArn, tags) => {
      await send(new sdk.TagResourceCommand({ resourceArn, tags }));
    },
    untag: async (resourceArn, tagKeys) => {
      await send(new sdk.UntagResourceCommand({ resourceArn, tagKeys }));
    },
  };
}

/** IAM/Lambda/STS are loaded on first use: a deploy with existing roles and no Lambda never pays for them. */
function lazyIam(clients: AwsClients): IamApi {
  const load = async () => {
    const sdk = await import("@aws-sdk/client-iam");
    const client = (await clients.iam()) as unknown as Sendable;
    // biome-ignore lint/suspicious/noExplicitAny: see bedrockAgentPort.
    return { sdk, send: (c: unknown): Promise<any> => client.send(c) };
  };
  const isMissing = (err: unknown) => (err as { name?: string }).name === "NoSuchEntityException";
  const parseDocument = (text: string | undefined) =>
    text ? JSON.parse(decodeURIComponent(text)) : undefined;
  return {
    async getRole(name) {
      const { sdk, send } = await load();
      try {
        const { Role } = await send(new sdk.GetRoleCommand({ RoleName: name }));
        const tags = Object.fromEntries(
          ((Role.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
        );
        return { arn: Role.Arn, trustPolicy: parseDocument(Role.AssumeRolePolicyDocument), tags };
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async createRole(input) {
      const { sdk, send } = await load();
      const { Role } = await send(
        new sdk.CreateRoleCommand({
          RoleName: input.name,
          Path: input.path,
          Description: input.description,
          AssumeRolePolicyDocument: JSON.stringify(input.trustPolicy),
          Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return { arn: Role.Arn, trustPolicy: input.trustPolicy, tags: input.tags };
    },
    async updateTrustPolicy(name, trustPolicy) {
      const { sdk, send } = await load();
      await send(
        new sdk.UpdateAssumeRolePolicyCommand({
          RoleName: name,
          PolicyDocument: JSON.stringify(trustPolicy),
        }),
      );
    },
    async getRolePolicy(roleName, policyName) {
      const { sdk, send } = await load();
      try {
        const out = await send(new sdk.GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
        return parseDocument(out.PolicyDocument);
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async putRolePolicy(roleName, policyName, document) {
      const { sdk, send } = await load();
      await send(
        new sdk.PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: policyName,
          PolicyDocument: JSON.stringify(document),
        }),
      );
    },
    async deleteRolePolicy(roleName, policyName) {
      const { sdk, send } = await load();
      await send(new sdk.DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
    },
    async listRolePolicies(roleName) {
      const { sdk, send } = await load();
      const names: string[] = [];
      let marker: string | undefined;
      do {
        const page = await send(new sdk.ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
        names.push(...(page.PolicyNames ?? []));
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
      return names;
    },
    async deleteRole(name) {
      const { sdk, send } = await load();
      await send(new sdk.DeleteRoleCommand({ RoleName: name }));
    },
  };
}

function lazyLambda(clients: AwsClients): LambdaApi {
  const load = async () => {
    const sdk = await import("@aws-sdk/client-lambda");
    const client = (await clients.lambda()) as unknown as Sendable;
    // biome-ignore lint/suspicious/noExplicitAny: see bedrockAgentPort.
    return { sdk, send: (c: unknown): Promise<any> => client.send(c) };
  };
  const isMissing = (err: unknown) => (err as { name?: string }).name === "ResourceNotFoundException";
  return {
    async getFunction(name) {
      const { sdk, send } = await load();
      try {
        const out = await send(new sdk.GetFunctionCommand({ FunctionName: name }));
        const c = out.Configuration ?? {};
        return {
          arn: c.FunctionArn,
          state: c.State,
          tags: out.Tags ?? {},
          codeSha256: c.CodeSha256,
          lastUpdateStatus: c.LastUpdateStatus,
          role: c.Role,
          handler: c.Handler,
          runtime: c.Runtime,
          timeout: c.Timeout,
          memorySize: c.MemorySize,
        };
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async createFunction(input) {
      const { sdk, send } = await load();
      const out = await send(
        new sdk.CreateFunctionCommand({
          FunctionName: input.name,
          Role: input.roleArn,
          Handler: input.handler,
          Runtime: input.runtime as never,
          Code: { ZipFile: input.zip },
          Description: input.description,
          Tags: input.tags,
          ...(input.timeout !== undefined ? { Timeout: input.timeout } : {}),
          ...(input.memorySize !== undefined ? { MemorySize: input.memorySize } : {}),
        }),
      );
      return { arn: out.FunctionArn, state: out.State, tags: input.tags };
    },
    async updateFunctionCode(name, zip) {
      const { sdk, send } = await load();
      await send(new sdk.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
    },
    async updateFunctionConfiguration(name, settings) {
      const { sdk, send } = await load();
      await send(
        new sdk.UpdateFunctionConfigurationCommand({
          FunctionName: name,
          Role: settings.roleArn,
          Handler: settings.handler,
          Runtime: settings.runtime as never,
          Timeout: settings.timeout,
          MemorySize: settings.memorySize,
        }),
      );
    },
    async deleteFunction(name) {
      const { sdk, send } = await load();
      await send(new sdk.DeleteFunctionCommand({ FunctionName: name }));
    },
    async getPolicyStatements(name) {
      const { sdk, send } = await load();
      try {
        const out = await send(new sdk.GetPolicyCommand({ FunctionName: name }));
        const policy = out.Policy ? (JSON.parse(out.Policy) as { Statement?: PolicyStatement[] }) : {};
        return policy.Statement ?? [];
      } catch (err) {
        if (isMissing(err)) return [];
        throw err;
      }
    },
    async addPermission(input) {
      const { sdk, send } = await load();
      await send(
        new sdk.AddPermissionCommand({
          FunctionName: input.functionName,
          StatementId: input.statementId,
          Action: "lambda:InvokeFunction",
          Principal: input.principal,
          SourceAccount: input.sourceAccount,
          SourceArn: input.sourceArn,
        }),
      );
    },
    async removePermission(functionName, statementId) {
      const { sdk, send } = await load();
      await send(new sdk.RemovePermissionCommand({ FunctionName: functionName, StatementId: statementId }));
    },
  };
}

function lazySts(clients: AwsClients): StsApi {
  let account: Promise<string> | undefined;
  return {
    callerAccount() {
      account ??= (async () => {
        const sdk = await import("@aws-sdk/client-sts");
        const client = (await clients.sts()) as unknown as Sendable;
        const out = (await client.send(new sdk.GetCallerIdentityCommand({}))) as { Account?: string };
        if (!out.Account) throw new Error("STS GetCallerIdentity returned no account id.");
        return out.Account;
      })();
      return account;
    },
  };
}
