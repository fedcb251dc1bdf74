/**
 * `${VAR}` substitution as openclaw applies it, with one difference by design: the only environment is the
 * config's own `env.vars` (what openclaw's cold audit sees in CI), never the process environment of this tool.
 * A reference that stays unresolved is kept as literal text and recorded, as openclaw does.
 */
import type { ConfigPath, PathSegment } from '../types.ts';
import type { ConfigNode } from './node.ts';
import { isRecord } from '../records.ts';
import { pushAll } from '../arrays.ts';

const NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Names openclaw never copies from `env.vars` into its environment. */
const BLOCKED_NAMES = new Set([
  'OPENCLAW_INCLUDE_ROOTS',
  'OPENCLAW_CONFIG_READONLY',
  'OPENCLAW_ALLOW_OLDER_BINARY_DESTRUCTIVE_ACTIONS',
  'PATH',
  'NODE_OPTIONS',
  'NODE_PATH',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'BASH_ENV',
  'ENV',
  'SHELL',
  'HOME',
]);

export interface UnresolvedReference {
  /** The whole string is one reference (`"${TOKEN}"`), which openclaw treats as an env SecretRef template. */
  whole: boolean;
  names: string[];
}

/** The environment openclaw would build from the config's `env` section. */
export function configEnvironment(config: unknown): Record<string, string> {
  const env: Record<string, string> = Object.create(null);
  if (!isRecord(config) || !isRecord(config.env)) return env;
  const section = config.env;
  const candidates: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(section)) {
    if (key !== 'vars' && key !== 'shellEnv') candidates.push([key, value]);
  }
  if (isRecord(section.vars)) pushAll(candidates, Object.entries(section.vars));
  for (const [name, value] of candidates) {
    if (typeof value !== 'string' || value.trim() === '' || value.includes('${')) continue;
    if (BLOCKED_NAMES.has(name.toUpperCase()) || name.startsWith('DYLD_') || name.startsWith('LD_')) continue;
    env[name] = value;
  }
  return env;
}

/** Substitutes references in every string value of the tree in place; returns the paths left unresolved. */
export function substituteEnv(root: ConfigNode, env: Record<string, string>): Map<string, UnresolvedReference> {
  const unresolved = new Map<string, UnresolvedReference>();
  // Each entry knows its parent, so a path is built only for a string that holds a reference.
  interface Entry {
    node: ConfigNode;
    key: PathSegment;
    parent: Entry | undefined;
  }
  const pathOf = (entry: Entry): ConfigPath => {
    const path: PathSegment[] = [];
    for (let e: Entry | undefined = entry; e?.parent; e = e.parent) path.push(e.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ node: root, key: '', parent: undefined }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const node = entry.node;
    if (node.kind === 'object') {
      for (const [key, member] of node.members) stack.push({ node: member.value, key, parent: entry });
    } else if (node.kind === 'array') {
      node.items.forEach((item, index) => stack.push({ node: item, key: index, parent: entry }));
    } else if (typeof node.value === 'string' && node.value.includes('${')) {
      const text = node.value;
      const missing: string[] = [];
      const replaced = replaceReferences(text, (match, name) => {
        if (!NAME.test(name)) return match;
        if (match.startsWith('$$')) return match.slice(1);
        const value = env[name];
        if (value === undefined || value === '') {
          missing.push(name);
          return match;
        }
        return value;
      });
      node.value = replaced;
      if (missing.length > 0) {
        unresolved.set(pathKey(pathOf(entry)), { whole: /^\$\{[A-Z_][A-Z0-9_]*\}$/.test(text), names: missing });
      }
    }
  }
  return unresolved;
}

/**
 * `text.replace(/\$?\$\{([^}]*)\}/g, replace)` in one left-to-right pass. The regex retries at every `$` and scans to
 * the end for a `}` each time, which is quadratic on a run of `${` with no `}`; here the first missing `}` ends the
 * search, since no later reference can close either.
 */
export function replaceReferences(text: string, replace: (match: string, name: string) => string): string {
  let out = '';
  let copied = 0;
  let at = text.indexOf('$');
  while (at !== -1) {
    const open = text[at + 1] === '{' ? at + 1 : text[at + 1] === '$' && text[at + 2] === '{' ? at + 2 : -1;
    if (open === -1) {
      at = text.indexOf('$', at + 1);
      continue;
    }
    const close = text.indexOf('}', open + 1);
    if (close === -1) break;
    out += text.slice(copied, at) + replace(text.slice(at, close + 1), text.slice(open + 1, close));
    copied = close + 1;
    at = text.indexOf('$', copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A stable string key for a config path (used for lookups, not for display). */
export function pathKey(path: ConfigPath): string {
  return path.map(String).join('\u0000');
}
