// `npm run bench`: every benchmark, one after the other, figures printed as measured.
import { main as cli } from "./cli.js";
import { main as deploy } from "./deploy.js";
import { main as emulator } from "./emulator.js";
import { main as invokeAgent } from "./invoke-agent.js";
import { main as stepFunctions } from "./step-functions.js";
import { main as trace } from "./trace.js";
import { main as validate } from "./validate.js";
import { main as workflow } from "./workflow.js";

await cli();
console.log("");
await validate();
console.log("");
await emulator();
console.log("");
await invokeAgent();
console.log("");
await trace();
console.log("");
await stepFunctions();
console.log("");
await deploy();
console.log("");
await workflow();
