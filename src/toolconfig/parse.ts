/**
 * `.openclaw-audit.yml`: openclaw-audit's own settings, parsed with `yaml` (which keeps positions) and validated
 * against schemas/config.schema.json through the validator generated from it. Every problem is one error at the
 * file, line and column of the offending key or value. Pure: text in, settings or an error out.
 */
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type { FailLevel } from '../report/gate.ts';
import { validate } from './schema-validator.generated.ts';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;

/**
 * `yaml` is loaded on first use: most runs have no settings file, and evaluating the library costs several
 * milliseconds of start-up. In the bundle webpack turns `require('yaml')` into its own lazy load; from source, Node's.
 */
function yaml(): Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load above; an import would run at start-up
  yamlModule ??= (typeof require === 'function' ? require('yaml') : createRequire(import.meta.url)('yaml')) as Yaml;
  return yamlModule;
}

export interface ToolConfig {
  /** The file, as messages name it. */
  file: string;
  exclude?: string[];
  checks?: { select?: string[]; ignore?: string[] };
  failOn?: FailLevel;
  /** As written: relative to the root. */
  baseline?: string;
  env?: string[];
}

export class ToolConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

const KEYS = ['exclude', 'checks', 'fail-on', 'baseline', 'env'];
const CHECK_KEYS = ['select', 'ignore'];
/** Aliases are expanded by toJS: bound them, so a small file cannot expand into a huge one. */
const MAX_ALIASES = 100;

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(error: AjvError, path: readonly string[]): string {
  const where =
    path.length === 0
      ? 'the file'
      : path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = path.length === 0 ? KEYS : path[0] === 'checks' ? CHECK_KEYS : [];
      return `unknown key ${JSON.stringify(error.params.additionalProperty)} in ${where}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${where} must be ${error.params.type === 'array' ? 'a list' : error.params.type === 'object' ? 'a mapping' : `a ${String(error.params.type)}`}`;
    case 'pattern':
      return path[0] === 'env'
        ? `${where} must be a variable name (A-Z, 0-9, _; not starting with a digit)`
        : `${where} must not be blank`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function offsetOf(doc: Document, error: AjvError): number {
  const { isMap, isPair, isScalar } = yaml();
  const path = segments(error.instancePath);
  const node = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as Node | null | undefined;
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const pair = node.items.find(
      (p) => isPair(p) && isScalar(p.key) && p.key.value === error.params.additionalProperty,
    );
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return node?.range?.[0] ?? 0;
}

export function parseToolConfig(text: string, file: string): ToolConfig {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, detail: string) => {
    const pos = lines.linePos(offset);
    return new ToolConfigError(file, pos.line, pos.col, detail);
  };
  const syntax = doc.errors[0];
  if (syntax)
    throw at(syntax.pos[0], `YAML: ${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw at(0, `YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || value === undefined) return { file };
  if (!validate(value)) {
    const errors = (validate as unknown as { errors: AjvError[] }).errors;
    // The first error in document order: what a reader fixes first.
    const located = errors.map((e) => ({ e, offset: offsetOf(doc, e) })).sort((a, b) => a.offset - b.offset);
    const first = located[0]!;
    throw at(first.offset, describe(first.e, segments(first.e.instancePath)));
  }
  const v = value as {
    exclude?: string[];
    checks?: { select?: string[]; ignore?: string[] };
    'fail-on'?: FailLevel;
    baseline?: string;
    env?: string[];
  };
  return {
    file,
    ...(v.exclude ? { exclude: v.exclude } : {}),
    ...(v.checks ? { checks: v.checks } : {}),
    ...(v['fail-on'] ? { failOn: v['fail-on'] } : {}),
    ...(v.baseline ? { baseline: v.baseline } : {}),
    ...(v.env ? { env: v.env } : {}),
  };
}
