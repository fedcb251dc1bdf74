/** The Action's entry point (bundled to dist/action/index.js). */
import { run } from './main.ts';
import { nodePorts } from './node-ports.ts';

await run(nodePorts());
