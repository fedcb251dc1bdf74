/**
 * `npm run fuzz`: the robustness properties of test/robustness (random JSON5, corpus byte mutations, type confusion,
 * planted secrets), run long with a fresh seed. A failure prints the seed and the shrunk counterexample to replay:
 *   npm run fuzz -- --seed 123 --runs 50000 [--only mutations]
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { properties } from '../test/robustness/properties.ts';

const { values } = parseArgs({
  options: { seed: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' } },
});
const seed = values.seed !== undefined ? Number(values.seed) : (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
const runs = values.runs !== undefined ? Number(values.runs) : 25_000;
let failed = false;
console.log(`fuzz: seed ${seed}, ${runs} cases per property`);
for (const { name, property } of properties()) {
  if (values.only && !name.includes(values.only)) continue;
  const start = performance.now();
  const result = fc.check(property, { seed, numRuns: runs });
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  if (result.failed) {
    failed = true;
    console.log(`✖ ${name}: failed after ${result.numRuns} cases (${seconds} s)`);
    console.log(
      `  replay: npm run fuzz -- --seed ${seed} --runs ${runs} --only "${name}"  (path ${result.counterexamplePath})`,
    );
    console.log(`  counterexample: ${fc.stringify(result.counterexample).slice(0, 4000)}`);
    console.log(`  error: ${String(result.errorInstance).slice(0, 2000)}`);
  } else {
    console.log(`✔ ${name}: ${result.numRuns} cases in ${seconds} s`);
  }
}
process.exitCode = failed ? 1 : 0;
