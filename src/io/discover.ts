/** Finds the config files a user means by the paths they give (files, folders or globs). */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';

export const CONFIG_NAMES = ['openclaw.json', 'openclaw.json5', 'openclaw.jsonc'];
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'vendor']);
/** Bounds the folder walk on huge trees. */
const MAX_DIRS = 20000;

export class UsageError extends Error {}

function walk(dir: string, out: string[], budget: { dirs: number }): void {
  if (budget.dirs-- <= 0) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Symlinked configs are listed too: the loader refuses one that leaves the root, with an error, not in silence.
    if ((entry.isFile() || entry.isSymbolicLink()) && CONFIG_NAMES.includes(entry.name)) out.push(join(dir, entry.name));
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name), out, budget);
  }
}

/** Config files under a folder, depth first in name order: `openclaw.json`, `openclaw.json5`, `.openclaw/openclaw.json`, … */
export function findConfigs(dir: string): string[] {
  const out: string[] = [];
  walk(dir, out, { dirs: MAX_DIRS });
  return out;
}

/** Resolves CLI/Action paths to absolute config files inside the root; a glob is matched against files under the root. */
export function resolveConfigPaths(paths: readonly string[], cwd: string, root: string): string[] {
  const found: string[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    if (/[*?[\]{}]/.test(given)) {
      const matches = findAllFiles(root).filter((abs) => minimatch(relative(root, abs).split(sep).join('/'), given, { dot: true }));
      if (matches.length === 0) throw new UsageError(`no file matches ${given}`);
      found.push(...matches);
      continue;
    }
    const abs = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (stats.isDirectory()) {
      const configs = findConfigs(abs);
      if (configs.length === 0) throw new UsageError(`no OpenClaw config (${CONFIG_NAMES.join(', ')}) under ${given}`);
      found.push(...configs);
    } else {
      found.push(abs);
    }
  }
  for (const file of found) {
    const rel = relative(root, file);
    if (rel.startsWith('..') || resolve(root, rel) !== file) throw new UsageError(`${file} is outside the root ${root} (set --root)`);
  }
  return [...new Set(found)];
}

function findAllFiles(dir: string, out: string[] = [], budget = { dirs: MAX_DIRS }): string[] {
  if (budget.dirs-- <= 0) return out;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) findAllFiles(path, out, budget);
    } else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}
