/**
 * Action-group handler for notify (functions defined in agents/notification.yaml):
 * sendNotification records a notification for the operations team. Records are
 * kept in memory (readable through `recordedNotifications`) and, when
 * NOTIFICATIONS_FILE names a file, appended to it as JSON lines; on Lambda, send
 * them to SNS or a table instead.
 */
import { appendFile } from "node:fs/promises";
import type { FunctionEvent, FunctionResponse } from "./bedrock-action-group.js";

export interface NotificationRecord {
  id: string;
  orderId: string;
  severity: "info" | "warning" | "error";
  message: string;
  recordedAt: string;
}

export const recordedNotifications: NotificationRecord[] = [];

export async function handler(event: FunctionEvent): Promise<FunctionResponse> {
  const respond = (body: string, responseState?: "FAILURE" | "REPROMPT"): FunctionResponse => ({
    messageVersion: "1.0",
    response: {
      actionGroup: event.actionGroup,
      function: event.function,
      functionResponse: { ...(responseState ? { responseState } : {}), responseBody: { TEXT: { body } } },
    },
    sessionAttributes: event.sessionAttributes ?? {},
    promptSessionAttributes: event.promptSessionAttributes ?? {},
  });

  if (event.function !== "sendNotification") {
    return respond(`Unknown function ${event.function}; the only function is sendNotification.`, "REPROMPT");
  }
  const param = (name: string) => event.parameters?.find((p) => p.name === name)?.value.trim();
  const orderId = param("orderId");
  const message = param("message");
  if (!orderId || !message) return respond("sendNotification needs orderId and message.", "REPROMPT");
  const severity = param("severity")?.toLowerCase();
  const record: NotificationRecord = {
    id: `NTF-${hash(`${orderId}\n${message}`).toString(16).padStart(8, "0")}`,
    orderId,
    severity: severity === "info" || severity === "warning" ? severity : "error",
    message,
    recordedAt: new Date().toISOString(),
  };
  recordedNotifications.push(record);
  const file = process.env.NOTIFICATIONS_FILE;
  if (file) await appendFile(file, `${JSON.stringify(record)}\n`, "utf8");
  return respond(`Notification ${record.id} recorded for order ${orderId}.`);
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
