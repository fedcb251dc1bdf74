/** The Action's entry point (bundled to dist/action/index.js). */
import { run } from './main.ts';

await run();
