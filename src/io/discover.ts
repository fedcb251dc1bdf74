/**
 * Finds the config files a user means by the paths they give (files, folders or globs), and the root they are
 * audited under. One folder walk, through the Host port, skips `.git` and `node_modules`, what `.gitignore` files
 * ignore (git's rules, nested files too) and what `exclude` names.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { escapeControlCharacters } from '../report/text.ts';
import { openFile, type Host, type OpenedFile } from '../core/host.ts';

const CONFIG_NAMES = ['openclaw.json', 'openclaw.json5', 'openclaw.jsonc'];
/** Folders never searched: git's own data and installed packages. Everything else is searched unless ignored. */
export const SKIPPED_FOLDERS = ['.git', 'node_modules'];
/** Bounds the folder walk on huge trees. */
export const MAX_DISCOVERY_FOLDERS = 20000;
/** A `.gitignore` larger than this is not read (real ones are a few kilobytes). */
const MAX_GITIGNORE_BYTES = 256 * 1024;
/**
 * Bounds the work of applying ignore rules: each path tested costs one unit per rule that applies to it (about a
 * microsecond each), so a committed `.gitignore` of thousands of rules over a large tree cannot stall the run.
 */
const MAX_IGNORE_WORK = 2_000_000;

export class UsageError extends Error {}

export interface DiscoverOptions {
  host: Host;
  /** Absolute folder relative paths are resolved from. */
  cwd: string;
  /**
   * The root as the user gave it (relative to `cwd`), or undefined: then the current folder when every named
   * path is inside it, else the git top-level (the nearest folder above with `.git`) holding the named path, else
   * its folder.
   */
  root?: string;
  /** Patterns in `.gitignore` syntax, relative to the root: matching files and folders are not discovered. */
  exclude?: readonly string[];
  /**
   * How the user spells the options in messages: `--root`/`--exclude` and bare paths for the CLI, `root:`/`exclude:`
   * and `config:` for the Action.
   */
  names?: Names;
}

export interface Skipped {
  /** Relative to the root, `/`-separated; a folder ends with `/`. */
  path: string;
  /** Why: the built-in list, a `.gitignore` rule, or an exclude pattern. */
  reason: string;
}

export interface Discovery {
  /** Absolute audit root. */
  root: string;
  /** Absolute config paths, in the order found, each once. */
  configs: string[];
  /** What the walk left out, in the order met. */
  skipped: Skipped[];
  /** The walk stopped at its folder limit: some folders were not searched. */
  truncated: boolean;
}

/** One log line for a skipped path; control characters and line breaks of hostile names are shown escaped. */
export function describeSkipped(skipped: Skipped): string {
  return escapeControlCharacters(`skipped ${skipped.path} (${skipped.reason})`).replace(/[\n\u2028\u2029]/g, '\\n');
}

interface Names {
  root: string;
  exclude: string;
  /** Put before a message about a given path (the Action's `config:`); none for the CLI. */
  paths?: string;
}

const CLI_NAMES: Names = { root: '--root', exclude: '--exclude' };
const toPosix = (p: string) => p.split(sep).join('/');
const isGlob = (p: string) => /[*?[\]{}]/.test(p);

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree), found without git. */
function gitTopLevel(host: Host, dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (host.stat(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** The longest folder that holds every one of `dirs` (absolute). */
function commonFolder(dirs: readonly string[]): string {
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) while (!inside(dir, common)) common = dirname(common);
  return common;
}

/** The root when none is given: the current folder, unless a named path is outside it. */
/** The root `discoverConfigs` audits under (given, or the default), before any walk: where settings files are read. */
export function auditRoot(
  paths: readonly string[],
  options: Pick<DiscoverOptions, 'host' | 'cwd' | 'root' | 'names'>,
): string {
  const { host, cwd } = options;
  if (options.root === undefined) return defaultRoot(host, cwd, paths);
  const root = resolve(cwd, options.root);
  if (host.stat(root)?.kind !== 'directory') {
    throw new UsageError(
      `${(options.names ?? CLI_NAMES).root} ${options.root}: ${host.stat(root) ? 'not a folder' : 'no such folder'}`,
    );
  }
  return root;
}

function defaultRoot(host: Host, cwd: string, paths: readonly string[]): string {
  const roots = new Set<string>();
  for (const given of paths) {
    if (isGlob(given)) {
      roots.add(cwd);
      continue;
    }
    const abs = resolve(cwd, given);
    if (inside(abs, cwd)) {
      roots.add(cwd);
      continue;
    }
    const folder = host.stat(abs)?.kind === 'directory' ? abs : dirname(abs);
    roots.add(gitTopLevel(host, folder) ?? folder);
  }
  return roots.size === 0 ? cwd : commonFolder([...roots]);
}

interface IgnoreLevel {
  /** Absolute folder the rules are relative to. */
  base: string;
  rules: Ignore;
  /** How many rules (non-blank, non-comment lines). */
  count: number;
  /** Where the rules come from, for `--verbose`. */
  source: string;
}

/** The folder walk: config files (and, for globs, every file) under a folder, skipping what is ignored. */
class Walker {
  readonly skipped: Skipped[] = [];
  truncated = false;
  private dirs = 0;
  private work = 0;
  private readonly excludes: Ignore;
  /** The git top-level above the root, looked for on the first walk (an explicitly named file needs none). */
  private top: string | undefined | null = null;

  constructor(
    private readonly host: Host,
    private readonly root: string,
    private readonly exclude: readonly string[],
    private readonly names: Names,
  ) {
    this.excludes = ignore().add(exclude);
  }

  /** An ignore file's text; one that is a link, a FIFO or too large is not read (and ignores nothing). */
  private readText(path: string): string | undefined {
    let opened: OpenedFile;
    try {
      opened = openFile(this.host, path);
    } catch {
      return undefined;
    }
    try {
      const info = opened.info();
      const notALink = opened.realpath() === join(this.host.realpath(dirname(path)), basename(path));
      if (!notALink || info.kind !== 'file' || info.size > MAX_GITIGNORE_BYTES) return undefined;
      return new TextDecoder().decode(opened.read(MAX_GITIGNORE_BYTES));
    } catch {
      return undefined;
    } finally {
      opened.close();
    }
  }

  private levelFor(dir: string, file: string, source: string): IgnoreLevel | undefined {
    const text = this.readText(join(dir, file));
    if (text === undefined) return undefined;
    const count = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
    return { base: dir, rules: ignore().add(text), count, source };
  }

  /** `.git/info/exclude`, then every `.gitignore` from the git top-level down to `dir` (exclusive). */
  private ancestorLevels(dir: string): IgnoreLevel[] {
    if (this.top === null) this.top = gitTopLevel(this.host, this.root);
    const top = this.top;
    if (!top || !inside(dir, top)) return [];
    const levels: IgnoreLevel[] = [];
    const info = this.levelFor(top, join('.git', 'info', 'exclude'), '.git/info/exclude');
    if (info) levels.push(info);
    const chain: string[] = [];
    for (let d = dirname(dir); d !== dir && inside(d, top); d = dirname(d)) {
      chain.unshift(d);
      if (d === top) break;
    }
    for (const d of chain) {
      const level = this.levelFor(d, '.gitignore', toPosix(relative(this.root, join(d, '.gitignore'))));
      if (level) levels.push(level);
    }
    return levels;
  }

  /** Why `abs` is left out, or undefined. Deeper `.gitignore` files win over shallower ones, as in git. */
  private reasonToSkip(abs: string, isDir: boolean, name: string, levels: readonly IgnoreLevel[]): string | undefined {
    if (isDir && SKIPPED_FOLDERS.includes(name)) return 'always skipped';
    const rel = toPosix(relative(this.root, abs)) + (isDir ? '/' : '');
    if (inside(abs, this.root) && rel !== '/' && this.exclude.length > 0) {
      const hit = this.excludes.test(rel);
      if (hit.ignored) return `${this.names.exclude} ${hit.rule?.pattern ?? ''}`.trim();
    }
    this.work += this.exclude.length + levels.reduce((sum, level) => sum + level.count, 0);
    if (this.work > MAX_IGNORE_WORK) {
      throw new UsageError(
        `the .gitignore rules are too many to apply to a tree this large; name the folders to audit, or leave big folders out with ${this.names.exclude}`,
      );
    }
    let reason: string | undefined;
    for (const level of levels) {
      const result = level.rules.test(toPosix(relative(level.base, abs)) + (isDir ? '/' : ''));
      if (result.ignored) reason = `${level.source}: ${result.rule?.pattern ?? ''}`;
      else if (result.unignored) reason = undefined;
    }
    return reason;
  }

  private note(abs: string, isDir: boolean, reason: string): void {
    this.skipped.push({ path: toPosix(relative(this.root, abs)) + (isDir ? '/' : ''), reason });
  }

  /** Files under `dir`, depth first in name order; `all` lists every file, else only config names. */
  walk(dir: string, all: boolean): string[] {
    const out: string[] = [];
    this.visit(dir, all, this.ancestorLevels(dir), out);
    return out;
  }

  private visit(dir: string, all: boolean, inherited: readonly IgnoreLevel[], out: string[]): void {
    if (this.dirs++ >= MAX_DISCOVERY_FOLDERS) {
      this.truncated = true;
      return;
    }
    if (!this.host.list) throw new Error('this host cannot list folders');
    let entries;
    try {
      entries = this.host.list(dir);
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const own = entries.some((e) => e.name === '.gitignore' && e.kind === 'file')
      ? this.levelFor(dir, '.gitignore', toPosix(relative(this.root, join(dir, '.gitignore'))))
      : undefined;
    const levels = own ? [...inherited, own] : inherited;
    for (const entry of entries) {
      if (entry.kind === 'directory') continue;
      // Symlinked configs are listed too: the loader refuses one that leaves the root, with an error, not in silence.
      const wanted = all
        ? entry.kind === 'file'
        : (entry.kind === 'file' || entry.kind === 'link') && CONFIG_NAMES.includes(entry.name);
      if (!wanted) continue;
      const abs = join(dir, entry.name);
      const reason = this.reasonToSkip(abs, false, entry.name, levels);
      if (reason) {
        if (CONFIG_NAMES.includes(entry.name)) this.note(abs, false, reason);
        continue;
      }
      out.push(abs);
    }
    for (const entry of entries) {
      if (entry.kind !== 'directory') continue;
      const abs = join(dir, entry.name);
      const reason = this.reasonToSkip(abs, true, entry.name, levels);
      if (reason) this.note(abs, true, reason);
      else this.visit(abs, all, levels, out);
    }
  }
}

/**
 * Resolves CLI/Action paths to the audit root and the absolute config files under it. A file is taken as named; a
 * folder is searched; a glob (minimatch, relative to the root) is matched against the files the walk finds.
 * No path means the root. Throws a `UsageError` with a message for the user.
 */
export function discoverConfigs(paths: readonly string[], options: DiscoverOptions): Discovery {
  const { host, cwd } = options;
  const names = options.names ?? CLI_NAMES;
  const root = auditRoot(paths, options);
  const walker = new Walker(host, root, options.exclude ?? [], names);
  let everyFile: string[] | undefined;
  const about = names.paths ? `${names.paths} ` : '';
  const found: string[] = [];
  for (const given of paths.length > 0 ? paths : [root]) {
    if (isGlob(given)) {
      everyFile ??= walker.walk(root, true);
      const matches = everyFile.filter((abs) => minimatch(toPosix(relative(root, abs)), given, { dot: true }));
      if (matches.length === 0) throw new UsageError(`${about}no file matches ${given}`);
      found.push(...matches);
      continue;
    }
    const abs = resolve(cwd, given);
    const info = host.stat(abs);
    if (!info) throw new UsageError(`${about}no such file or folder: ${given}`);
    if (info.kind === 'directory') {
      const configs = walker.walk(abs, false);
      if (configs.length === 0) {
        const shown = given === root ? toPosix(relative(cwd, root)) || '.' : given;
        const skipped = walker.skipped.filter((s) => inside(resolve(root, s.path), abs)).map((s) => s.path);
        const note =
          skipped.length > 0
            ? `; skipped: ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ` and ${skipped.length - 5} more` : ''}`
            : '';
        throw new UsageError(`${about}no OpenClaw config (${CONFIG_NAMES.join(', ')}) under ${shown}${note}`);
      }
      found.push(...configs);
    } else {
      found.push(abs);
    }
  }
  for (const file of found) {
    if (!inside(file, root)) throw new UsageError(`${file} is outside the root ${root} (set ${names.root})`);
  }
  const skipped = [...new Map(walker.skipped.map((s) => [s.path, s])).values()];
  return { root, configs: [...new Set(found)], skipped, truncated: walker.truncated };
}
