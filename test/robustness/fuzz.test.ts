/**
 * Seeded property-based fuzzing of loader + engine (fast-check): a fixed seed and a bounded number of cases, so the
 * run is reproducible and finishes in seconds. `npm run fuzz` runs the same properties much longer with new seeds.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { properties } from './properties.ts';

const SEED = 20260906;
const RUNS: Record<string, number> = {
  'random JSON5 documents': 1500,
  'byte mutations of the corpus': 800,
  'type confusion on the corpus': 500,
  'planted secrets never printed': 400,
};

for (const { name, property } of properties()) {
  test(`fuzz (seed ${SEED}, ${RUNS[name]} cases): ${name}`, () => {
    fc.assert(property, { seed: SEED, numRuns: RUNS[name] ?? 200, endOnFailure: true });
  });
}
