/**
 * The settings file's `exclude:` applied to the configs discovery found: a config is left out when its path relative
 * to the root, or one of its parent folders, matches a pattern (.gitignore-like: a pattern without `/` matches a name
 * at any depth, a trailing `/` names a folder). When discovery itself takes an exclude list (`--exclude`), the list is
 * handed to it instead and this filter goes away.
 */
import { relative, sep } from 'node:path';
import { minimatch } from 'minimatch';

function excluded(rel: string, patterns: readonly string[]): boolean {
  const parts = rel.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return patterns.some((raw) => {
    const anchored = raw.startsWith('/');
    const pattern = raw.replace(/^\//, '').replace(/\/$/, '');
    const options = { dot: true, matchBase: !anchored && !pattern.includes('/') };
    return prefixes.some((p) => minimatch(p, pattern, options));
  });
}

export function excludeConfigs(configs: readonly string[], root: string, patterns: readonly string[]): string[] {
  if (patterns.length === 0) return [...configs];
  return configs.filter((abs) => !excluded(relative(root, abs).split(sep).join('/'), patterns));
}
