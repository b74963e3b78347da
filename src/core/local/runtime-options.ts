/**
 * How an emulator started by agentctl runs agents: model scripts named in agent
 * tags resolve against the project directory, and the `bedrock` model adapter
 * calls the real Converse API with the user's own AWS identity (profile and
 * region from the environment), never through the emulator.
 */
import { createAwsClients } from "../../aws/clients.js";
import type { RuntimeOptions } from "../../emulator/runtime/service.js";

export function localRuntimeOptions(
  projectDir: string,
  vars: Readonly<Record<string, string | undefined>>,
): RuntimeOptions {
  let clients: ReturnType<typeof createAwsClients> | undefined;
  return {
    projectDir,
    bedrockRuntime: () => {
      clients ??= createAwsClients({
        ...(vars.AGENTCTL_BEDROCK_REGION || vars.AWS_REGION || vars.AWS_DEFAULT_REGION
          ? { region: vars.AGENTCTL_BEDROCK_REGION || vars.AWS_REGION || vars.AWS_DEFAULT_REGION }
          : {}),
        ...(vars.AWS_PROFILE ? { profile: vars.AWS_PROFILE } : {}),
      });
      return clients.bedrockRuntime();
    },
  };
}
