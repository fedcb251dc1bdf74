#!/usr/bin/env node
// Bundles the CLI (dist/cli, no @actions/*) and the Action (dist/action) with @vercel/ncc, minified.
// The CLI is two bundles: index.js, a small launcher that turns on Node's compile cache, and run.js, which it loads.
// ncc copies the schema data (openclaw-schema.jsonl) beside each bundle that reads it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const bundles = [
  { src: 'src/cli/run.ts', out: 'dist/cli', name: 'run.js' },
  { src: 'src/cli/index.ts', out: 'dist/cli', name: 'index.js' },
  { src: 'src/action/index.ts', out: 'dist/action', name: 'index.js' },
];
const outs = [...new Set(bundles.map((b) => b.out))];
for (const out of outs) rmSync(out, { recursive: true, force: true });
for (const { src, out, name } of bundles) {
  const staging = mkdtempSync(join(tmpdir(), 'oca-build-'));
  execFileSync(
    process.execPath,
    [ncc, 'build', src, '-o', staging, '-m', '--no-source-map-register', '-q', '--license', 'licenses.txt'],
    { stdio: 'inherit' },
  );
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(staging)) {
    const target = join(out, file === 'index.js' ? name : file);
    // Bundles sharing a folder write the same package.json; the first licenses.txt is the one with the dependencies.
    if (file !== 'index.js' && existsSync(target)) continue;
    renameSync(join(staging, file), target);
  }
  rmSync(staging, { recursive: true, force: true });
}
for (const out of outs) {
  const size = readdirSync(out).reduce((n, f) => n + statSync(join(out, f)).size, 0);
  console.log(`${out}: ${(size / 1024).toFixed(1)} kB`);
}
