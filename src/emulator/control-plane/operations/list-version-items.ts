import type { Collection } from "../../store/collection.js";
import { versionScope } from "../../store/index.js";
import type { Operation } from "../context.js";
import { requiredString } from "../input.js";
import { paginate } from "../pagination.js";
import { requireVersionExists } from "../resources.js";

/**
 * The List* operation of a sub-resource of an agent version (action groups,
 * collaborators, knowledge-base associations): DRAFT or a numbered version,
 * paged, each item reduced to its summary shape.
 */
export function listVersionItems<T extends object>(
  operation: string,
  resultKey: string,
  collection: (ctx: Parameters<Operation["run"]>[0]) => Collection<T>,
  toSummary: (item: T) => object,
): Operation {
  return {
    mode: "read",
    run(ctx, input) {
      const agentId = requiredString(input, "agentId");
      const version = requiredString(input, "agentVersion");
      requireVersionExists(ctx, agentId, version);
      const scope = versionScope(agentId, version);
      const page = paginate(collection(ctx), scope, input, `${operation}:${scope}`);
      return {
        status: 200,
        body: {
          [resultKey]: page.items.map(toSummary),
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        },
      };
    },
  };
}
