/**
 * Requests an emulator sends itself right after it starts, on its own thread, while the command
 * that started it is still loading the SDK: the first request of each protocol (awsQuery for
 * STS, restJson for Bedrock, awsJson for Step Functions) runs cold code on both sides, ~12 ms
 * more than the next; answered here first, the command's own first calls find the server side
 * warm. They only read, name nothing of the user's, and are skipped when faults are injected
 * (they would draw from the fault sequence a test seeded).
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

export async function warmUp(endpoint: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  try {
    for (const r of REQUESTS) await send(endpoint, r, agent).catch(() => {});
  } finally {
    agent.destroy();
  }
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
