/**
 * Requests an emulator sends itself right after it starts, on its own thread, while the command
 * that started it is still loading the SDK: the first request of each protocol (awsQuery for
 * STS, restJson for Bedrock, awsJson for Step Functions) runs cold code on both sides, ~12 ms
 * more than the next; answered here first, the command's own first calls find the server side
 * warm. They only read and name nothing of the user's. They are skipped when faults are injected
 * (they would draw from the fault sequence a test seeded) or latency is realistic (which they
 * would only add to), and a command that is done before they are stops them.
 */
import { http } from "../../node-http.js";

/** Signed for no one (the emulator checks no signature), scoped to the service like a real client's. */
const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=agentctl-warm-up/20260101/us-east-1/${service}/aws4_request`;

const REQUESTS: { path: string; headers: Record<string, string>; body: string }[] = [
  {
    path: "/",
    headers: {
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      authorization: auth("sts"),
    },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  },
  {
    path: "/agents/",
    headers: { "content-type": "application/json", authorization: auth("bedrock") },
    body: "{}",
  },
  {
    path: "/",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "AWSStepFunctions.ListStateMachines",
      authorization: auth("states"),
    },
    body: "{}",
  },
];

export interface WarmUp {
  /** Aborts what is still in flight; resolves once nothing is. */
  stop(): Promise<void>;
}

export function warmUp(endpoint: string): WarmUp {
  const agent = new http.Agent({ keepAlive: true });
  let stopped = false;
  const done = (async () => {
    for (const r of REQUESTS) {
      if (stopped) break;
      await send(endpoint, r, agent).catch(() => {});
    }
    agent.destroy();
  })();
  return {
    stop() {
      stopped = true;
      agent.destroy();
      return done;
    },
  };
}

function send(endpoint: string, r: (typeof REQUESTS)[number], agent: InstanceType<typeof http.Agent>) {
  return new Promise<void>((resolve, reject) => {
    const req = http.request(`${endpoint}${r.path}`, { method: "POST", headers: r.headers, agent }, (res) => {
      res.resume();
      res.on("end", resolve);
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(r.body);
  });
}
