// `npm run bench`: every benchmark, one after the other, figures printed as measured.
import { main as cli } from "./cli.js";
import { main as deploy } from "./deploy.js";
import { main as emulator } from "./emulator.js";

await cli();
console.log("");
await emulator();
console.log("");
await deploy();
