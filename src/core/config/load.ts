/**
 * Loads one committed config the way openclaw 2026.9.6 does before it audits:
 * parse (JSON5) → `$include` → `env.vars` → `${VAR}` substitution. Validation is a separate step.
 */
import { dirname, relative, sep } from 'node:path';
import { openFile, type Host, type OpenedFile } from '../host.ts';
import type { ConfigIssue, ConfigPath, SourceLocation } from '../types.ts';
import { ConfigLoadError, ParseError } from '../errors.ts';
import { configEnvironment, pathKey, substituteEnv, type UnresolvedReference } from './env.ts';
import { createIncludeResolver, isInside } from './include.ts';
import { createLocator, type Locator } from './locate.ts';
import { toPlain, type ConfigNode } from './node.ts';
import { decodeUtf8, parseJson5, withBom } from './parse.ts';

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
  /** The text of the config file and of each included file (relative to the root) as the loader read it, BOM included. */
  texts: ReadonlyMap<string, string>;
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

export type LoadResult =
  { ok: true; config: LoadedConfig } | { ok: false; file: string; files: string[]; issue: ConfigIssue };

export function relativeTo(root: string): (absPath: string) => string {
  return (absPath) => relative(root, absPath).split(sep).join('/');
}

function resolvesInside(host: Host, realPath: string, root: string): boolean {
  try {
    return isInside(realPath, host.realpath(root));
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
  const budget = { used: 0 };
  const includes = createIncludeResolver({ host, boundary: dirname(configPath), display, budget });
  const fail = (issue: ConfigIssue): LoadResult => ({ ok: false, file, files: [file, ...includes.files], issue });
  try {
    // Opened once, and checked on what was opened: a pull request can plant a link to /proc/self/environ or ~/.ssh,
    // or swap one in while we read; a FIFO must not block the run.
    let opened: OpenedFile;
    try {
      opened = openFile(host, configPath);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message =
        code === 'ENOENT' || code === 'ENOTDIR'
          ? `Config file not found: ${file}`
          : code === 'ELOOP' // a link swapped in between resolving the path and opening it
            ? `Config file changed while it was being read, not read: ${file}`
            : `Config file cannot be read (${String(code ?? 'error')}): ${file}`;
      return fail({ path: '<root>', message, location: point() });
    }
    let bytes: Uint8Array;
    try {
      const real = opened.realpath();
      if (real === undefined)
        return fail({
          path: '<root>',
          message: `Config file changed while it was being read, not read: ${file}`,
          location: point(),
        });
      if (!resolvesInside(host, real, root)) {
        return fail({
          path: '<root>',
          message: `Config file resolves outside the root (symlink), not read: ${file}`,
          location: point(),
        });
      }
      const info = opened.info();
      if (info.kind === 'directory')
        return fail({ path: '<root>', message: `Config file not found: ${file}`, location: point() });
      if (info.kind !== 'file')
        return fail({
          path: '<root>',
          message: `Config file is not a regular file (a FIFO or device), not read: ${file}`,
          location: point(),
        });
      // Its other name could be anywhere (hard-linked includes are refused for the same reason).
      if (info.links > 1)
        return fail({
          path: '<root>',
          message: `Config file is a hard link, which is refused: ${file}`,
          location: point(),
        });
      if (info.size > MAX_CONFIG_BYTES) {
        return fail({
          path: '<root>',
          message: `Config file is larger than ${MAX_CONFIG_BYTES} bytes (${info.size})`,
          location: point(),
        });
      }
      bytes = opened.read(MAX_CONFIG_BYTES);
      if (bytes.length > MAX_CONFIG_BYTES)
        return fail({
          path: '<root>',
          message: `Config file is larger than ${MAX_CONFIG_BYTES} bytes`,
          location: point(),
        });
    } finally {
      opened.close();
    }
    const text = decodeUtf8(bytes, file);
    const parsed = parseJson5(text, file, budget);
    const tree = includes.resolve(parsed, configPath);
    const envSection = tree.kind === 'object' ? tree.members.get('env') : undefined;
    const env = Object.assign(
      configEnvironment(envSection ? { env: toPlain(envSection.value) } : {}),
      options.deployEnv,
    );
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
        texts: new Map([[file, withBom(bytes, text)], ...includes.texts]),
        locate: createLocator(tree, includes.chains),
        unresolvedAt: (path) => unresolved.get(pathKey(path)),
      },
    };
  } catch (error) {
    if (error instanceof ConfigLoadError) return fail(error.issue);
    if (error instanceof ParseError)
      return fail({ path: '<root>', message: error.message, location: { ...error.span, path: '<root>' } });
    // The scan's limits should make this unreachable; if the stack or a size limit of JavaScript is hit anyway, say which.
    if (error instanceof RangeError)
      return fail({ path: '<root>', message: `Config could not be loaded: ${error.message}`, location: point() });
    throw error;
  }
}
