/** The Action's inputs, read once from `INPUT_*` into typed values; a bad value is a ConfigurationError naming the input. */
import { isAbsolute, resolve } from 'node:path';
import { FAIL_LEVELS, type FailLevel } from '../report/gate.ts';

export class ConfigurationError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`input ${input}: ${message}`);
  }
}

export type Auto = 'auto' | boolean;

export interface ActionInputs {
  /** Files, folders or globs, one per line; empty = discover under the root. */
  config: string[];
  /** Absolute audit root. */
  root: string;
  /** `.gitignore`-syntax patterns (relative to the root) that discovery skips, one per line. */
  exclude: string[];
  failOn: FailLevel;
  /** Absolute path of the SARIF file to write. */
  sarifFile: string;
  uploadSarif: boolean;
  /** SARIF `runAutomationDetails.id`; undefined = the reporter's default. */
  category?: string;
  annotations: boolean;
  checkRun: Auto;
  prComment: Auto;
  onlyNew: boolean;
  /** Post each `--fix` edit on lines the PR changes as a review suggestion. */
  suggestFixes: boolean;
  suppressed: 'sarif' | 'omit';
  token: string;
  lenient: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The runner's spelling: `INPUT_` + the name upper-cased, spaces as `_` (hyphens stay). */
export function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function raw(env: Env, name: string): string {
  return (env[inputVar(name)] ?? '').trim();
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** YAML 1.2 core schema booleans only (`yes`/`on`/`1` are refused, as `core.getBooleanInput` does). */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new ConfigurationError(
    name,
    `expected true or false (YAML 1.2 core: true | True | TRUE | false | False | FALSE), got ${JSON.stringify(value)}`,
  );
}

function parseAuto(name: string, value: string): Auto {
  if (value === '' || value === 'auto') return 'auto';
  try {
    return parseBoolean(name, value, false);
  } catch {
    throw new ConfigurationError(name, `expected auto, true or false, got ${JSON.stringify(value)}`);
  }
}

function parseChoice<T extends string>(name: string, value: string, choices: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(name, `expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
}

/** One entry per line (globs may contain commas, so lines are the only separator); `#` starts a comment line. */
function parseList(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function readInputs(env: Env, cwd: string): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE || cwd;
  const rootInput = raw(env, 'root');
  const root = resolve(workspace, rootInput || '.');
  const sarifInput = raw(env, 'sarif-file') || 'openclaw-audit.sarif';
  const category = raw(env, 'category');
  if (/[\r\n]/.test(category)) throw new ConfigurationError('category', 'must be one line');
  return {
    config: parseList(env[inputVar('config')] ?? ''),
    root,
    exclude: parseList(env[inputVar('exclude')] ?? ''),
    failOn: parseChoice('fail-on', raw(env, 'fail-on'), FAIL_LEVELS, 'critical'),
    sarifFile: isAbsolute(sarifInput) ? sarifInput : resolve(workspace, sarifInput),
    uploadSarif: parseBoolean('upload-sarif', raw(env, 'upload-sarif'), false),
    ...(category ? { category } : {}),
    annotations: parseBoolean('annotations', raw(env, 'annotations'), true),
    checkRun: parseAuto('check-run', raw(env, 'check-run')),
    prComment: parseAuto('pr-comment', raw(env, 'pr-comment')),
    onlyNew: parseBoolean('only-new', raw(env, 'only-new'), false),
    suggestFixes: parseBoolean('suggest-fixes', raw(env, 'suggest-fixes'), false),
    suppressed: parseChoice('suppressed', raw(env, 'suppressed'), ['sarif', 'omit'] as const, 'sarif'),
    token: raw(env, 'token'),
    lenient: parseBoolean('lenient', raw(env, 'lenient'), false),
  };
}
