// `npm run bench`: every benchmark, one after the other, figures printed as measured.
import { main as cli } from "./cli.js";

await cli();
console.log("");
try {
  const { main: emulator } = await import("./emulator.js");
  await emulator();
} catch (err) {
  console.log(`emulator benchmark unavailable: ${err instanceof Error ? err.message : String(err)}`);
}
