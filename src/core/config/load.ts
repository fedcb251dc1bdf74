/**
 * Loads one committed config the way openclaw 2026.9.6 does before it audits:
 * parse (JSON5) → `$include` → `env.vars` → `${VAR}` substitution. Validation is a separate step.
 */
import { dirname, relative, sep } from 'node:path';
import type { Host } from '../host.ts';
import type { ConfigIssue, ConfigPath, SourceLocation } from '../types.ts';
import { ConfigLoadError } from './errors.ts';
import { configEnvironment, pathKey, substituteEnv, type UnresolvedReference } from './env.ts';
import { createIncludeResolver, isInside } from './include.ts';
import { createLocator, type Locator } from './locate.ts';
import { toPlain, type ConfigNode } from './node.ts';
import { ParseError, decodeUtf8, parseJson5 } from './parse.ts';

/** The largest top-level config file we read. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export interface LoadedConfig {
  /** The config file, relative to the root. */
  file: string;
  /** The config file first, then every included file, relative to the root. */
  files: string[];
  /** The merged, substituted config as plain data. */
  value: unknown;
  tree: ConfigNode;
  /** The environment built from `env.vars` (the only environment the audit uses). */
  env: Record<string, string>;
  locate: Locator;
  /** The `${VAR}` reference left unresolved at a path, if any. */
  unresolvedAt(path: ConfigPath): UnresolvedReference | undefined;
}

export interface LoadOptions {
  host: Host;
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute audit root: paths are printed relative to it, and nothing outside it is read. */
  root: string;
  /** Deploy-time variables (`--env`): set, over `env.vars`, to stand-in values (see core/deploy-env.ts). */
  deployEnv?: Readonly<Record<string, string>>;
}

export type LoadResult = { ok: true; config: LoadedConfig } | { ok: false; file: string; files: string[]; issue: ConfigIssue };

export function relativeTo(root: string): (absPath: string) => string {
  return (absPath) => relative(root, absPath).split(sep).join('/');
}

function resolvesInside(host: Host, path: string, root: string): boolean {
  try {
    return isInside(host.realpath(path), host.realpath(root));
  } catch {
    return false;
  }
}

export function loadConfig(options: LoadOptions): LoadResult {
  const { host, configPath, root } = options;
  const display = relativeTo(root);
  const file = display(configPath);
  const point = (line = 1, column = 1): SourceLocation => ({
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
    path: '<root>',
  });
  const includes = createIncludeResolver({ host, boundary: dirname(configPath), display });
  const fail = (issue: ConfigIssue): LoadResult => ({ ok: false, file, files: [file, ...includes.files], issue });
  try {
    const info = host.stat(configPath);
    if (!info || info.kind !== 'file') return fail({ path: '<root>', message: `Config file not found: ${file}`, location: point() });
    // A pull request can replace the config with a symlink to /proc/self/environ or ~/.ssh: never read through one.
    if (!resolvesInside(host, configPath, root)) {
      return fail({ path: '<root>', message: `Config file resolves outside the root (symlink), not read: ${file}`, location: point() });
    }
    if (info.size > MAX_CONFIG_BYTES) {
      return fail({ path: '<root>', message: `Config file is larger than ${MAX_CONFIG_BYTES} bytes (${info.size})`, location: point() });
    }
    const parsed = parseJson5(decodeUtf8(host.readFile(configPath), file), file);
    const tree = includes.resolve(parsed, configPath);
    const env = Object.assign(configEnvironment(toPlain(tree)), options.deployEnv);
    const unresolved = substituteEnv(tree, env);
    const value = toPlain(tree);
    return {
      ok: true,
      config: {
        file,
        files: [file, ...includes.files],
        value,
        tree,
        env,
        locate: createLocator(tree, includes.chains),
        unresolvedAt: (path) => unresolved.get(pathKey(path)),
      },
    };
  } catch (error) {
    if (error instanceof ConfigLoadError) return fail(error.issue);
    if (error instanceof ParseError) return fail({ path: '<root>', message: error.message, location: { ...error.span, path: '<root>' } });
    if (error instanceof RangeError) return fail({ path: '<root>', message: 'Config is nested too deeply to load', location: point() });
    throw error;
  }
}
