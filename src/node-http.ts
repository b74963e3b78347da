/**
 * node:http and node:http2 as their CommonJS objects. An ES `import http from "node:http"`
 * builds a namespace of every export, and reading them all runs node:http's lazy getters
 * (WebSocket, MessageEvent…), which load Node's whole fetch implementation (undici): ~40 ms
 * of every agentctl process that only wanted a server or one request. Types are unchanged.
 */
import type * as Http from "node:http";
import type * as Http2 from "node:http2";

export const http = process.getBuiltinModule("node:http") as typeof Http;
export const http2 = process.getBuiltinModule("node:http2") as typeof Http2;
