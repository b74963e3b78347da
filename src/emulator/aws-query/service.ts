import { AwsError } from "../aws-error.js";
import type { Reply } from "../server/reply.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";
import type { Database } from "../store/database.js";
import { QueryParams } from "./form.js";
import { element, escapeXml, type XmlValue } from "./xml.js";

/** One awsQuery operation. `run` returns the `<OpResult>` content, or undefined for "no output". */
export interface QueryOperation<C> {
  /** Writes run in one BEGIN IMMEDIATE transaction; reads in a snapshot. */
  mode: "read" | "write";
  run(ctx: C, params: QueryParams): XmlValue;
}

export interface QueryServiceSpec<C> {
  /** For messages: "IAM", "STS", "SNS". */
  title: string;
  version: string;
  /** Sent on every envelope; IAM/STS https, SNS http (§1.1). */
  namespace: string;
  operations: Readonly<Record<string, QueryOperation<C>>>;
  /** Maps emulator-wide codes (injected faults, busy database) to this service's own. */
  translate(err: AwsError): AwsError;
  db(ctx: C): Database;
}

const XML = "text/xml";

function successBody(op: string, namespace: string, result: XmlValue, requestId: string): string {
  const resultXml = result === undefined ? "" : element(`${op}Result`, result);
  return `<${op}Response xmlns="${namespace}">${resultXml}<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${op}Response>`;
}

/** The awsQuery error envelope: JS reads Error.Code, boto3 the same plus RequestId (§1.2). */
export function queryErrorReply(namespace: string, err: AwsError, requestId: string): Reply {
  const type = err.status >= 500 ? "Receiver" : "Sender";
  const body = `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
  return { status: err.status, headers: { "Content-Type": XML }, body: Buffer.from(body) };
}

/** An awsQuery service (POST / with Action=…) over the emulator's database. */
export function queryService<C>(ctx: C, spec: QueryServiceSpec<C>): Service {
  return {
    protocol: "awsQuery",
    errorReply: (err, requestId) => queryErrorReply(spec.namespace, spec.translate(err), requestId),
    route(request: NormalisedRequest) {
      const params = new QueryParams(request.body.toString("utf8"));
      const action = params.action;
      const operation = action === undefined ? undefined : spec.operations[action];
      return {
        operation: action ?? "Unknown",
        execute(): Reply {
          if (request.method !== "POST" || request.path !== "/") {
            throw new AwsError(
              "InvalidAction",
              400,
              `${spec.title} takes POST / with a form body; the local emulator has nothing at ${request.method} ${request.path}.`,
            );
          }
          if (action === undefined)
            throw new AwsError("MissingAction", 400, "The request must contain the parameter Action.");
          if (!operation) {
            throw new AwsError(
              "InvalidAction",
              400,
              `Could not find operation ${action} for version ${params.version ?? spec.version} (the local emulator's ${spec.title} implements ${Object.keys(spec.operations).join(", ")}).`,
            );
          }
          const db = spec.db(ctx);
          const run = () => operation.run(ctx, params);
          const result = operation.mode === "write" ? db.write(run) : db.read(run);
          const requestId = request.requestId ?? "";
          return {
            status: 200,
            headers: { "Content-Type": XML },
            body: Buffer.from(successBody(action, spec.namespace, result, requestId)),
          };
        },
      };
    },
  };
}
