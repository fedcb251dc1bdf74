/**
 * `npm run migrate:conformance [-- FILTER…] [--verbose]`: our migration against the real `openclaw doctor --fix`'s
 * recorded answer (expected-migrate.json) for every case under test/conformance/cases that has one. Per case: doctor's
 * change lines, the migrated config (meta, doctor's wizard stamps and host-dependent skill disables ignored), and the
 * audit of the result.
 */
import { join } from 'node:path';
import { compareMigrateCase, listMigrateCases } from '../test/conformance/migrate-compare.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filters = args.filter((a) => !a.startsWith('--'));
const casesDir = join(import.meta.dirname, '..', 'test', 'conformance', 'cases');
const cases = listMigrateCases(casesDir).filter((c) => filters.length === 0 || filters.some((f) => c.includes(f)));

const tally = {
  cases: 0,
  changed: 0,
  lines: 0,
  config: 0,
  audit: 0,
  all: 0,
  changedAll: 0,
  changedConfig: 0,
  changedLines: 0,
  changedAudit: 0,
};
for (const name of cases) {
  const r = compareMigrateCase(join(casesDir, name));
  tally.cases++;
  if (r.changed) tally.changed++;
  if (r.linesMatch) tally.lines++;
  if (r.configMatch) tally.config++;
  if (r.auditMatch) tally.audit++;
  const all = r.linesMatch && r.configMatch && r.auditMatch;
  if (all) tally.all++;
  if (all && r.changed) tally.changedAll++;
  if (r.configMatch && r.changed) tally.changedConfig++;
  if (r.linesMatch && r.changed) tally.changedLines++;
  if (r.auditMatch && r.changed) tally.changedAudit++;
  if (all && !verbose) continue;
  console.log(
    `${all ? 'ok  ' : 'DIFF'}  ${name}${r.changed ? '' : ' (doctor wrote nothing)'}  lines:${r.linesMatch ? 'ok' : 'no'} config:${r.configMatch ? 'ok' : 'no'} audit:${r.auditMatch ? 'ok' : 'no'}`,
  );
  for (const l of r.errors) console.log(`    error ${l}`);
  for (const l of r.missingLines) console.log(`    - line   ${l.split('\n')[0]}`);
  for (const l of r.extraLines) console.log(`    + line   ${l.split('\n')[0]}`);
  for (const l of r.configDiff) console.log(`    config ${l}`);
  for (const l of r.auditDiff) console.log(`    audit  ${l}`);
}
console.log(`\nmigrate conformance over ${tally.cases} cases (${tally.changed} changed by doctor):`);
console.log(
  `  doctor's change lines reproduced: ${tally.lines}/${tally.cases} (${tally.changedLines}/${tally.changed} of the changed)`,
);
console.log(
  `  migrated config equal:            ${tally.config}/${tally.cases} (${tally.changedConfig}/${tally.changed} of the changed)`,
);
console.log(
  `  audit after equal:                ${tally.audit}/${tally.cases} (${tally.changedAudit}/${tally.changed} of the changed)`,
);
console.log(
  `  all three:                        ${tally.all}/${tally.cases} (${tally.changedAll}/${tally.changed} of the changed)`,
);
