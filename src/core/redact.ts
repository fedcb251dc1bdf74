/** Secret values found in a config, so that no output ever prints them (and the Action can mask them). */
import { isObject } from './checks/util.ts';

const SECRET_KEY = /(token|password|passwd|secret|api[-_]?key|apikey|private[-_]?key|credential|auth[-_]?key|cookie|webhook[-_]?url|signing)/i;
const MIN_SECRET_LENGTH = 4;
const REDACTED = '[redacted]';

/** String values under secret-looking keys (and every string inside a SecretRef-free secret object), longest first. */
export function collectSecretValues(config: unknown): string[] {
  const found = new Set<string>();
  const stack: Array<{ value: unknown; secret: boolean }> = [{ value: config, secret: false }];
  while (stack.length > 0) {
    const { value, secret } = stack.pop()!;
    if (typeof value === 'string') {
      const text = value.trim();
      if (secret && text.length >= MIN_SECRET_LENGTH && !/^\$\{[A-Z_][A-Z0-9_]*\}$/.test(text)) found.add(text);
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, secret });
    } else if (isObject(value)) {
      const isRef = typeof value.source === 'string' && typeof value.id === 'string';
      for (const [key, child] of Object.entries(value)) {
        // The top-level `secrets` section configures providers (source kinds, modes, commands), not secret values.
        const secretKey = SECRET_KEY.test(key) && !(value === config && key === 'secrets');
        stack.push({ value: child, secret: !isRef && (secret || secretKey) });
      }
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * One pattern for all secrets, longest first, so a text is scanned once whatever the number of secrets (a monorepo
 * audit has one or more per config; a loop of `includes` over the whole output was quadratic).
 */
function secretPattern(secrets: readonly string[]): RegExp | undefined {
  const usable = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return undefined;
  try {
    return new RegExp(usable.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  } catch {
    return undefined; // too large for one pattern: the caller falls back to one secret at a time
  }
}

function replaceEach(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Replaces every occurrence of a secret value in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  return replaceAll(text, secrets, secretPattern(secrets));
}

/** V8 compiles a pattern lazily and may find it too large only when it is used: then one secret at a time. */
function replaceAll(text: string, secrets: readonly string[], pattern: RegExp | undefined): string {
  if (!pattern) return replaceEach(text, secrets);
  try {
    return text.replace(pattern, REDACTED);
  } catch {
    return replaceEach(text, secrets);
  }
}

function containsAny(text: string, forms: readonly string[], pattern: RegExp | undefined): boolean {
  if (pattern) {
    try {
      pattern.lastIndex = 0;
      return pattern.test(text);
    } catch {
      // fall through to the plain search
    }
  }
  return forms.some((s) => s.length > 0 && text.includes(s));
}

/**
 * Redacts a JSON document value by value, so that a secret that happens to be a common word (`true`, `file`) can
 * never break the document's syntax or its keys.
 */
export function redactJson(text: string, secrets: readonly string[]): string {
  const forms = [...secrets, ...secrets.map((s) => JSON.stringify(s).slice(1, -1))];
  if (!containsAny(text, forms, secretPattern(forms))) return text;
  const pattern = secretPattern(secrets);
  const redact = (value: string) => replaceAll(value, secrets, pattern);
  const redacted = JSON.stringify(JSON.parse(text), (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value), 2);
  return text.endsWith('\n') ? `${redacted}\n` : redacted;
}
