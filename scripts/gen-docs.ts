/**
 * `npm run gen:docs` writes docs/checks/<checkId>.md for every rule of the registry and the index table, and the
 * README's checks table and Action inputs/outputs tables (from action.yml);
 * `npm run gen:docs -- --check` fails when a file is missing or stale (the test suite runs the check).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { findRule } from '../src/core/checks/registry.ts';
import { renderInputsTable, renderOutputsTable, type ActionMetadata } from '../src/report/action-docs.ts';
import { renderCheckDocs, type CheckExample } from '../src/report/docs.ts';
import { replaceBetweenMarkers } from '../src/report/markers.ts';

const root = join(import.meta.dirname, '..');
const docsDir = join(root, 'docs', 'checks');
const casesDir = join(root, 'test', 'conformance', 'cases');

/** For each rule, the smallest of our own conformance cases (own-*) in which the real tool reported it. */
function examplesFromCases(): Map<string, CheckExample> {
  const best = new Map<string, CheckExample>();
  for (const name of readdirSync(casesDir)
    .filter((n) => n.startsWith('own-'))
    .sort()) {
    const expectedPath = join(casesDir, name, 'expected.json');
    const configPath = join(casesDir, name, 'openclaw.json');
    if (!existsSync(expectedPath) || !existsSync(configPath)) continue;
    const config = readFileSync(configPath, 'utf8');
    if (config.includes('$include') || config.length > 1500) continue;
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { findings?: Array<{ checkId: string }> };
    for (const finding of expected.findings ?? []) {
      const rule = findRule(finding.checkId);
      if (!rule || rule.id === 'summary.attack_surface') continue;
      const current = best.get(rule.id);
      if (!current || config.length < current.config.length)
        best.set(rule.id, { casePath: `test/conformance/cases/${name}`, config });
    }
  }
  return best;
}

const files = renderCheckDocs(examplesFromCases());
const check = process.argv.includes('--check');
const stale: string[] = [];
if (!check) mkdirSync(docsDir, { recursive: true });
for (const [name, text] of files) {
  const path = join(docsDir, name);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  if (check) stale.push(name);
  else writeFileSync(path, text);
}
// The README carries generated tables between markers: the checks (from the same registry) and the Action's
// inputs and outputs (from action.yml).
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const checksTable = files
  .get('README.md')!
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) => line.replace(/\]\(/g, '](docs/checks/'))
  .join('\n');
const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionMetadata;
let nextReadme = replaceBetweenMarkers(readme, 'checks', checksTable);
nextReadme = replaceBetweenMarkers(nextReadme, 'action-inputs', renderInputsTable(action));
nextReadme = replaceBetweenMarkers(nextReadme, 'action-outputs', renderOutputsTable(action));
if (nextReadme !== readme) {
  if (check) stale.push('README.md (generated tables)');
  else writeFileSync(readmePath, nextReadme);
}
const orphans = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md') && !files.has(f)) : [];
if (check) {
  if (stale.length > 0 || orphans.length > 0) {
    console.error(
      `generated docs are stale (run npm run gen:docs): ${[...stale, ...orphans.map((o) => `${o} (orphan)`)].join(', ')}`,
    );
    process.exit(1);
  }
  console.log(`docs/checks and the README tables are up to date (${files.size} files)`);
} else {
  if (orphans.length > 0) console.log(`orphan pages to delete: ${orphans.join(', ')}`);
  console.log(`wrote docs/checks (${files.size} files)`);
}
