/**
 * The entry point of the emulator's worker thread (emulator-thread.ts starts it): loads the
 * emulator as soon as the thread exists, starts it when told, and stops it when told. The
 * build bundles it as dist/bundle/emulator-worker.js.
 */
import { parentPort } from "node:worker_threads";
import { type RunningEmulator, startEmulator } from "../../emulator/index.js";
import { serializeError } from "../../thread-errors.js";
import type { FromEmulatorThread, ToEmulatorThread } from "./emulator-thread-protocol.js";
import { localRuntimeOptions } from "./runtime-options.js";
import { type WarmUp, warmUp } from "./warm-up.js";

const port = parentPort;
if (!port) throw new Error("emulator-worker.js runs only as a worker thread (emulator-thread.ts).");
const reply = (message: FromEmulatorThread) => port.postMessage(message);

let emulator: RunningEmulator | undefined;
let warming: WarmUp | undefined;

port.on("message", (message: ToEmulatorThread) => {
  if (message.type === "start") {
    const { settings } = message;
    startEmulator({
      dbPath: settings.dbPath,
      port: 0,
      region: settings.region,
      ...(settings.latency ? { latency: settings.latency } : {}),
      ...(settings.faults ? { faults: settings.faults } : {}),
      runtime: localRuntimeOptions(settings.projectDir, settings.vars),
    }).then(
      (started) => {
        emulator = started;
        reply({
          type: "started",
          endpoint: started.endpoint,
          region: started.region,
          dbPath: started.dbPath,
        });
        if (!settings.faults && settings.latency !== "realistic") warming = warmUp(started.endpoint);
      },
      (err: unknown) => reply({ type: "failed", error: serializeError(err) }),
    );
  } else if (message.type === "close") {
    // Step Functions work in flight drains first (emulator close()); then the thread may end.
    (warming?.stop() ?? Promise.resolve())
      .then(() => emulator?.close())
      .then(
        () => reply({ type: "closed" }),
        (err: unknown) => reply({ type: "failed", error: serializeError(err) }),
      );
  }
});
