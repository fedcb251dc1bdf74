#!/usr/bin/env node
// Bundles the CLI (dist/cli, no @actions/*) and the Action (dist/action, minified) with @vercel/ncc.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const entries = [
  { src: 'src/cli/index.ts', out: 'dist/cli' },
  { src: 'src/action/index.ts', out: 'dist/action' },
];
for (const { src, out } of entries) {
  if (!existsSync(src)) continue;
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', src, '-o', out, '-m', '--no-source-map-register', '-q', '--license', 'licenses.txt'], { stdio: 'inherit' });
  const size = readdirSync(out).reduce((n, f) => n + statSync(join(out, f)).size, 0);
  console.log(`${out}: ${(size / 1024).toFixed(1)} kB`);
}
