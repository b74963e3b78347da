/**
 * The bridge between the agent loop (which pushes encoded messages as they happen) and the
 * HTTP response (which pulls them): an unbounded queue that ends or fails once.
 */
export class StreamSink implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private waiting: (() => void) | undefined;
  private done = false;

  push(frame: Uint8Array): void {
    if (this.done) return;
    this.queue.push(frame);
    this.wake();
  }

  end(): void {
    this.done = true;
    this.wake();
  }

  private wake(): void {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const frame = this.queue.shift();
      if (frame !== undefined) {
        yield frame;
        continue;
      }
      if (this.done) return;
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }
}
