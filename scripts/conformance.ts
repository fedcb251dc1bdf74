/**
 * `npm run conformance [-- FILTER…] [--verbose]`: our audit against the real openclaw's recorded answer for every case
 * under test/conformance/cases. Compares the multiset of (checkId, severity) and titles (host-only `fs.*` ignored) for
 * accepted configs, and the multiset of (path, message) issues for rejected ones.
 */

import { join } from 'node:path';
import { compareCase, listCases } from '../test/conformance/compare.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filters = args.filter((a) => !a.startsWith('--'));
const casesDir = join(import.meta.dirname, '..', 'test', 'conformance', 'cases');
const cases = listCases(casesDir).filter((c) => filters.length === 0 || filters.some((f) => c.includes(f)));

let exact = 0;
const failures: string[] = [];
for (const name of cases) {
  const result = compareCase(join(casesDir, name));
  if (result.exact) {
    exact += 1;
    if (verbose) console.log(`ok    ${name}`);
    continue;
  }
  failures.push(name);
  console.log(`DIFF  ${name} (${result.kind})`);
  for (const line of result.missing) console.log(`  - missing ${line}`);
  for (const line of result.extra) console.log(`  + extra   ${line}`);
}
console.log(
  `\nconformance: ${exact}/${cases.length} cases exact${failures.length ? `; differing: ${failures.length}` : ''}`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
