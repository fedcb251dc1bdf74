#!/usr/bin/env tsx
// Compares our schema validation with the real openclaw 2026.9.6 answers recorded in test/conformance/cases.
// Usage: npx tsx scripts/schema-conformance.ts [--verbose] [case-substring...]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCase, compareCase } from './lib/schema-conformance-case.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filters = args.filter((a) => !a.startsWith('--'));
const root = join(import.meta.dirname, '..', 'test', 'conformance', 'cases');
let rejected = 0,
  rejectedExact = 0,
  accepted = 0,
  falseRejections = 0,
  skipped = 0;
let worst = 0;
for (const name of readdirSync(root).sort()) {
  if (filters.length && !filters.some((f) => name.includes(f))) continue;
  const c = loadCase(join(root, name));
  if (!c) continue;
  if (c.skip) {
    skipped++;
    continue;
  }
  const t0 = performance.now();
  const r = compareCase(c);
  worst = Math.max(worst, performance.now() - t0);
  if (c.expected.length === 0) {
    accepted++;
    if (!r.ok) {
      falseRejections++;
      console.log(`FALSE REJECTION ${name}`);
      for (const l of r.extra) console.log(`   + ${l}`);
    }
  } else {
    rejected++;
    if (r.ok) rejectedExact++;
    else {
      console.log(`DIFF ${name}`);
      for (const l of r.missing) console.log(`   - ${l}`);
      for (const l of r.extra) console.log(`   + ${l}`);
    }
  }
  if (verbose && r.ok) console.log(`ok ${name}`);
}
console.log(
  `\nrejected cases exact: ${rejectedExact}/${rejected}; accepted: ${accepted}, false rejections: ${falseRejections}; skipped (parse/include errors, loader's job): ${skipped}; slowest validation: ${worst.toFixed(1)} ms`,
);
