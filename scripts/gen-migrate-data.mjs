#!/usr/bin/env node
/**
 * Generates src/migrate/data/retired-paths.json from the pinned openclaw package's dist: the lists of config paths
 * its doctor deletes as retired (tier-eval tranche, runtime tuning knobs). Data only (arrays of path segments, read as
 * JSON), no code. Run by hand when the pinned version changes; never by CI or tests:
 *
 *   mkdir -p /tmp/oc && cd /tmp/oc && npm pack openclaw@2026.9.6 && tar xzf openclaw-2026.9.6.tgz
 *   node scripts/gen-migrate-data.mjs /tmp/oc/package
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node scripts/gen-migrate-data.mjs <openclaw package folder>');
  process.exit(2);
}
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const dist = join(pkg, 'dist');
const LISTS = ['TIER_EVAL_RETIRED_ROOT_PATHS', 'TIER_EVAL_RETIRED_AGENT_PATHS', 'RETIRED_TUNING_PATHS', 'RETIRED_AGENT_TUNING_PATHS'];

/** The array literal assigned to `const NAME = [...]`, read as JSON (the bundler writes plain string arrays). */
function arrayLiteral(source, name) {
  const at = source.indexOf(`const ${name} = [`);
  if (at < 0) return undefined;
  let i = source.indexOf('[', at);
  const start = i;
  let depth = 0;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '"') { i = source.indexOf('"', i + 1); continue; }
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  return JSON.parse(source.slice(start, i + 1));
}

const out = { openclaw: version };
for (const file of readdirSync(dist).filter((f) => f.endsWith('.mjs')).sort()) {
  const source = readFileSync(join(dist, file), 'utf8');
  for (const name of LISTS) {
    if (out[name]) continue;
    const list = arrayLiteral(source, name);
    if (list) out[name] = list;
  }
}
for (const name of LISTS) if (!out[name]) throw new Error(`${name} not found in ${dist}`);
const target = join(import.meta.dirname, '..', 'src', 'migrate', 'data', 'retired-paths.json');
writeFileSync(target, JSON.stringify(out) + '\n');
console.log(`wrote ${target}: ${LISTS.map((n) => `${n} ${out[n].length}`).join(', ')}`);
