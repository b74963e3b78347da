import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";

export interface AccountServices {
  iam: Service;
  sts: Service;
  sns?: Service;
  lambda: Service;
}

/** Path prefixes of Lambda's restJson1 API versions (functions, tags, event-invoke configs…). */
const LAMBDA_PREFIXES = new Set([
  "2015-03-31",
  "2016-08-19",
  "2017-03-31",
  "2017-10-31",
  "2018-10-31",
  "2019-09-25",
  "2019-09-30",
  "2020-04-22",
  "2020-06-30",
  "2021-10-31",
]);

const QUERY_VERSIONS: Record<string, keyof AccountServices> = {
  "2010-05-08": "iam",
  "2011-06-15": "sts",
  "2010-03-31": "sns",
};

/** The service name in the SigV4 credential scope: `Credential=AKID/20240501/us-east-1/iam/aws4_request`. */
export function signingService(authorization: string | string[] | undefined): string | undefined {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const match =
    header === undefined
      ? null
      : /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/.exec(header);
  return match?.[1];
}

/**
 * Which account-level service a request without X-Amz-Target addresses
 * (aws-iam-sts-lambda-sns.md §1.1): by the signing scope when it names one
 * (any region: IAM is signed with the client's region under an endpoint
 * override), else — unsigned requests such as curl — by the form's Version
 * for `POST /` or by Lambda's dated path prefix. Undefined: not theirs (Bedrock).
 */
export function claimAccountService(
  request: NormalisedRequest,
  services: AccountServices,
): Service | undefined {
  const scope = signingService(request.headers.authorization);
  if (scope === "iam" || scope === "sts" || scope === "sns" || scope === "lambda")
    return services[scope] ?? undefined;
  if (scope !== undefined) return undefined;
  if (LAMBDA_PREFIXES.has(request.segments[0] ?? "")) return services.lambda;
  if (request.method === "POST" && request.path === "/") {
    const version = new URLSearchParams(request.body.toString("utf8")).get("Version");
    const name = version === null ? undefined : QUERY_VERSIONS[version];
    if (name) return services[name];
  }
  return undefined;
}
