/**
 * The one place that decides what in a config is secret, and how outputs keep it out.
 *
 * Redaction works from the structure the loader built, never by searching rendered output for words:
 * - `findSecrets` walks the located tree and returns the secret values of one config and the spans where they are
 *   written (whatever their spelling in the file: escapes, line continuations, either quote).
 * - Quoted config text (diff and suggestion lines, SARIF snippets) is never masked in place: a line that holds any
 *   part of a secret span, or a known token shape (comments included), is left out (`secretLines`).
 * - Free-text messages built from config values (details, notes, schema messages) get `maskSecretValues`: only this
 *   config's values, and only values distinctive enough that a match cannot be an ordinary word (`isDistinctive`).
 * - The Action registers with `::add-mask::` only what `actionMasks` returns (same rule, line by line).
 */
import type { ConfigNode } from './config/node.ts';
import { SENSITIVE_PATHS } from './sensitive-paths.ts';
import type { ConfigSecrets, SourceSpan } from './types.ts';

const REDACTED = '[redacted]';

export type { ConfigSecrets };

export const NO_SECRETS: ConfigSecrets = { values: [], spans: [] };

// --- what is a secret -----------------------------------------------------------------------------------------

/** openclaw's key patterns for sensitive config fields (src/config/sensitive-paths.ts), applied to the key. */
const OPENCLAW_SENSITIVE_KEY = [
  /token$/i,
  /password/i,
  /secret/i,
  /api.?key/i,
  /encrypt.?key/i,
  /private.?key/i,
  /serviceaccount(?:ref)?$/i,
];
const OPENCLAW_NOT_SENSITIVE_SUFFIXES = [
  'maxtokens',
  'maxoutputtokens',
  'maxinputtokens',
  'maxcompletiontokens',
  'contexttokens',
  'totaltokens',
  'tokencount',
  'tokenlimit',
  'tokenbudget',
  'passwordfile',
];
/** Further key names that hold credentials in practice. */
const OTHER_SECRET_KEY =
  /passwd|passphrase|credential|cookie|auth.?key|access.?key|signing.?key|bearer|authorization|^pwd$/i;

/** A key whose value is a secret. */
function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (OPENCLAW_NOT_SENSITIVE_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return false;
  return OPENCLAW_SENSITIVE_KEY.some((pattern) => pattern.test(key)) || OTHER_SECRET_KEY.test(key);
}

/**
 * Token shapes that are secrets wherever they appear. Each pattern is linear in the text: an unbounded repetition is
 * either last (an attempt succeeds or stops within a bounded length) or, for JWTs, can only start at the beginning
 * of a run of token characters, so no run is scanned again from each of its positions.
 */
const TOKEN_SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/g,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI / Anthropic style
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bxapp-[A-Za-z0-9-]{10,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{35}/g, // Google API key
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}/g, // Telegram bot token
  /\b(?:glpat|npm|pypi|hf|sk_live|sk_test|rk_live|whsec)[-_][A-Za-z0-9_-]{16,}/g,
];

/** The `[start, end)` ranges of known token shapes in a text. */
function tokenShapes(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const pattern of TOKEN_SHAPES) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) out.push([match.index, match.index + match[0].length]);
  }
  return out;
}

const SECRET_QUERY_PARAM = new Set([
  'token',
  'key',
  'api_key',
  'apikey',
  'secret',
  'access_token',
  'auth_token',
  'password',
  'pass',
  'passwd',
  'auth',
  'jwt',
  'sig',
  'signature',
  'client_secret',
  'refresh_token',
  'id_token',
  'private_key',
  'x_api_key',
]);

/** The credentials a URL carries: the password of `scheme://user:password@host`, and secret query parameters. */
export function urlCredentials(value: string): string[] {
  const out: string[] = [];
  const scheme = value.indexOf('://');
  if (scheme > 0) {
    const authorityEnd = [
      value.indexOf('/', scheme + 3),
      value.indexOf('?', scheme + 3),
      value.indexOf('#', scheme + 3),
    ].filter((i) => i >= 0);
    const end = authorityEnd.length > 0 ? Math.min(...authorityEnd) : value.length;
    const at = value.lastIndexOf('@', end);
    if (at > scheme) {
      const userinfo = value.slice(scheme + 3, at);
      const colon = userinfo.indexOf(':');
      const password = colon >= 0 ? userinfo.slice(colon + 1) : userinfo;
      if (password !== '' && !isPlaceholder(password)) out.push(password);
    }
  }
  const query = value.indexOf('?');
  if (query >= 0) {
    const hash = value.indexOf('#', query);
    for (const pair of value.slice(query + 1, hash >= 0 ? hash : value.length).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).toLowerCase().replace(/-/g, '_');
      const param = pair.slice(eq + 1);
      if ((SECRET_QUERY_PARAM.has(name) || name.endsWith('_token')) && param !== '' && !isPlaceholder(param))
        out.push(param);
    }
  }
  return out;
}

/** `${NAME}` left as is (an unresolved reference names a variable, it holds no secret). */
function isPlaceholder(value: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value.trim());
}

/** A dotted pattern (`models.providers.*.apiKey`, `hooks.mappings[].sessionKey`) as segments; `*` any key, `[]` any index. */
interface PathTrie {
  children: Map<string, PathTrie>;
  end: boolean;
}

function buildTrie(paths: readonly string[]): PathTrie {
  const root: PathTrie = { children: new Map(), end: false };
  for (const path of paths) {
    let node = root;
    for (const segment of path.replace(/\[\]/g, '.[]').split('.')) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map(), end: false }));
      node = next;
    }
    node.end = true;
  }
  return root;
}

const SENSITIVE_TRIE = buildTrie(SENSITIVE_PATHS);

/** Keys that name an entry of a record (an account, a provider), not a field: never judged by their name. */
const RECORD_CONTAINERS = new Set(['accounts', 'providers', 'entries', 'servers', 'profiles', 'peers', 'personas']);

function step(nodes: readonly PathTrie[], segment: string | number): PathTrie[] {
  const out: PathTrie[] = [];
  for (const node of nodes) {
    const exact = node.children.get(String(segment));
    if (exact) out.push(exact);
    const any = node.children.get(typeof segment === 'number' ? '[]' : '*');
    if (any) out.push(any);
  }
  return out;
}

interface Visit {
  node: ConfigNode;
  /** Everything under this node is secret. */
  secret: boolean;
  sensitive: PathTrie[];
  /** The first key of the path (`env`, `secrets`, …), the key of the parent and the node's own key, and the depth. */
  top: string | number | undefined;
  parentKey: string | number | undefined;
  key: string | number | undefined;
  depth: number;
}

function isSecretRef(node: ConfigNode): boolean {
  if (node.kind !== 'object') return false;
  const source = node.members.get('source')?.value;
  const id = node.members.get('id')?.value;
  return (
    source?.kind === 'scalar' &&
    typeof source.value === 'string' &&
    id?.kind === 'scalar' &&
    typeof id.value === 'string'
  );
}

/** `secrets.providers.<name>` with `source: "exec"`. */
function isExecProvider(visit: Visit): boolean {
  const { node } = visit;
  if (node.kind !== 'object' || visit.depth !== 3 || visit.top !== 'secrets' || visit.parentKey !== 'providers')
    return false;
  const source = node.members.get('source')?.value;
  return source?.kind === 'scalar' && source.value === 'exec';
}

/**
 * The secrets of one loaded config, in order of authority: the fields openclaw's schema marks sensitive, keys that
 * openclaw (or common practice) treats as secret, an exec secret provider's `command`, `args` and `env`, the
 * credentials in any URL value (this covers the URLs openclaw tags `url-secret`), and any value holding a known
 * token shape. SecretRef objects and unresolved `${VAR}` are not
 * secrets; an `env.vars` value that another secret took through `${VAR}` is.
 */
export function findSecrets(tree: ConfigNode): ConfigSecrets {
  const values = new Set<string>();
  const spans: SourceSpan[] = [];
  const envScalars: Array<{ value: string; span: SourceSpan }> = [];
  const stack: Visit[] = [
    {
      node: tree,
      secret: false,
      sensitive: [SENSITIVE_TRIE],
      top: undefined,
      parentKey: undefined,
      key: undefined,
      depth: 0,
    },
  ];
  const addSecret = (value: string, span: SourceSpan) => {
    if (value.trim() !== '') values.add(value);
    spans.push(span);
  };
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { node } = visit;
    if (node.kind === 'scalar') {
      if (typeof node.value !== 'string') {
        if (visit.secret && typeof node.value === 'number') spans.push(node.span);
        continue;
      }
      const value = node.value;
      if (visit.top === 'env') envScalars.push({ value, span: node.span });
      if (value.trim() === '' || isPlaceholder(value)) continue;
      if (visit.secret) {
        addSecret(value, node.span);
        continue;
      }
      const credentials = urlCredentials(value);
      const shapes = tokenShapes(value).map(([start, end]) => value.slice(start, end));
      if (credentials.length > 0 || shapes.length > 0) {
        for (const part of [...credentials, ...shapes]) values.add(part);
        spans.push(node.span);
      }
      continue;
    }
    if (node.kind === 'array') {
      node.items.forEach((item, index) => {
        stack.push({
          node: item,
          secret: visit.secret,
          sensitive: step(visit.sensitive, index),
          top: visit.top ?? index,
          parentKey: visit.key,
          key: index,
          depth: visit.depth + 1,
        });
      });
      continue;
    }
    const exec = isExecProvider(visit);
    for (const [key, member] of node.members) {
      const sensitive = step(visit.sensitive, key);
      const child = member.value;
      // The top-level `secrets` section configures providers (kinds, commands), it holds no value itself.
      const named = !(visit.depth === 0 && key === 'secrets') && !RECORD_CONTAINERS.has(String(visit.key));
      const keySecret = named && isSecretKey(key);
      const execPart = exec && (key === 'command' || key === 'args' || key === 'env');
      const secret = !isSecretRef(child) && (visit.secret || execPart || keySecret || sensitive.some((t) => t.end));
      stack.push({
        node: child,
        secret,
        sensitive,
        top: visit.top ?? key,
        parentKey: visit.key,
        key,
        depth: visit.depth + 1,
      });
    }
  }
  // A secret that came from `${VAR}` is written in `env.vars`: that literal is a secret too.
  for (const scalar of envScalars) if (values.has(scalar.value)) spans.push(scalar.span);
  return { values: [...values].sort((a, b) => b.length - a.length), spans };
}

/** The secrets of several configs (a file two configs share is quoted with both configs' secrets in mind). */
export function mergeSecrets(list: readonly ConfigSecrets[]): ConfigSecrets {
  return {
    values: [...new Set(list.flatMap((s) => s.values))].sort((a, b) => b.length - a.length),
    spans: list.flatMap((s) => s.spans),
  };
}

// --- quoted config text ---------------------------------------------------------------------------------------

/** Offsets where lines start: after every `\n` (physical lines), or also after a lone `\r` (the parser's lines). */
function lineStarts(text: string, loneCr: boolean): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && loneCr && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line holding an offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * The 1-based numbers of the physical lines (split at `\n`) of `file`, whose full text is `text`, that hold any part
 * of a secret: the span of a secret value, or a known token shape anywhere in the text, comments included. Such
 * lines are never quoted.
 */
export function secretLines(file: string, text: string, secrets: ConfigSecrets): Set<number> {
  const out = new Set<number>();
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const physical = lineStarts(text, false);
  const parser = lineStarts(text.slice(bom), true);
  const offset = (line: number, column: number) => bom + (parser[Math.min(line, parser.length) - 1] ?? 0) + column - 1;
  const mark = (start: number, end: number) => {
    for (let line = lineOf(physical, start); line <= lineOf(physical, Math.max(start, end - 1)); line++) out.add(line);
  };
  for (const span of secrets.spans)
    if (span.file === file) mark(offset(span.line, span.column), offset(span.endLine, span.endColumn));
  for (const [start, end] of tokenShapes(text)) mark(start, end);
  return out;
}

/** `true` when a single line of config text (a snippet) shows a known token shape. */
export function showsTokenShape(text: string): boolean {
  return tokenShapes(text).length > 0;
}

// --- free text and masks --------------------------------------------------------------------------------------

/** Shortest value that is masked in free text or registered with `::add-mask::`. */
const MIN_MASK_LENGTH = 8;

/**
 * A value that cannot be an ordinary word or a fragment of our own text: at least 8 characters, and either 16 or
 * more or containing a character other than letters, `.`, `-`, `_` and spaces (`password`, `critical`,
 * `trusted-proxy` are not distinctive; `hunter22`, `s3cr3t-value` are).
 */
export function isDistinctive(value: string): boolean {
  if (value.length < MIN_MASK_LENGTH || value.includes('\n') || value.includes('\r')) return false;
  return value.length >= 16 || /[^A-Za-z._\- ]/.test(value);
}

/**
 * Masks this config's distinctive secret values in a message built from config values. Short or word-like values are
 * never searched for: they are kept out of messages where they enter them (see `redactedValue`).
 */
export function maskSecretValues(text: string, secrets: ConfigSecrets): string {
  let out = text;
  for (const value of secrets.values) {
    for (const form of [value, value.trim()])
      if (isDistinctive(form) && out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** What a message shows in place of a secret value it would otherwise quote. */
export function redactedValue(value: string): string {
  return value === '' ? value : REDACTED;
}

/**
 * The strings the Action registers with `::add-mask::`: each secret value, or each line of a multi-line one, that is
 * distinctive. A runner masks every occurrence in every later log line, so a short or word-like value (`info`, `a`)
 * would blank out unrelated text; such values never reach the log in the first place.
 */
export function actionMasks(secrets: ConfigSecrets): string[] {
  const out = new Set<string>();
  for (const value of secrets.values) {
    for (const line of value.split(/\r?\n|\r/)) {
      const trimmedLine = line.trim();
      if (isDistinctive(trimmedLine)) out.add(trimmedLine);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}
