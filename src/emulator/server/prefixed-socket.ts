import type { Socket } from "node:net";
import { Duplex } from "node:stream";

/**
 * A socket whose first bytes were already read (to sniff the protocol), replayed
 * in front of the rest. The HTTP/2 server reads from the socket's native handle,
 * so `socket.unshift()` would be invisible to it; a JS stream wrapper is not.
 */
export class PrefixedSocket extends Duplex {
  private readonly socket: Socket;
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;

  constructor(socket: Socket, head: Buffer) {
    super();
    this.socket = socket;
    this.remoteAddress = socket.remoteAddress;
    this.remotePort = socket.remotePort;
    this.push(head);
    socket.on("data", (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (err) => this.destroy(err));
    socket.on("close", () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.socket.write(chunk, encoding, callback);
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.socket.destroy();
    callback(err);
  }
}
