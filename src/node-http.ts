/**
 * node:http and node:http2 as their CommonJS objects. An ES `import http from "node:http"`
 * builds a namespace of every export, and reading them all runs node:http's lazy getters
 * (WebSocket, MessageEvent…), which load Node's whole fetch implementation (undici): ~40 ms
 * of every agentctl process that only wanted a server or one request. Types are unchanged.
 * node:http2 is loaded on first use: most clients of the emulator speak HTTP/1.1.
 */
import type * as Http from "node:http";
import type * as Http2 from "node:http2";

export const http = process.getBuiltinModule("node:http") as typeof Http;

export function http2(): typeof Http2 {
  return process.getBuiltinModule("node:http2") as typeof Http2;
}
