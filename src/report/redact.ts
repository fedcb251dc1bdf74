/**
 * Keeps secret-looking values out of reports. The reporters see only finding text, never the config values, so this
 * works on text: known token shapes, `key: value` pairs whose key names a secret, credentials in URLs, and long
 * random-looking strings. It errs on the side of redacting.
 */

export const REDACTED = '<redacted>';

/** A key name that usually holds a secret: `token`, `botToken`, `apiKey`, `password`, `clientSecret`, … */
const SECRET_KEY = /(?:token|secret|passw(?:or)?d|passphrase|pwd|api[-_]?key|access[-_]?key|private[-_]?key|signing[-_]?key|credential|cookie|authorization|bearer)/i;

/** `true` when the last segment of a dotted config path (`channels.telegram.botToken`) names a secret. */
export function isSecretPath(path: string): boolean {
  const segments = path.split('.');
  return segments.some((segment) => SECRET_KEY.test(segment));
}

/** Token shapes that are secrets wherever they appear. */
const KNOWN_TOKENS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}/g, // OpenAI / Anthropic style
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bxapp-[A-Za-z0-9-]{10,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{35}/g, // Google API key
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}/g, // Telegram bot token
  /\b(?:glpat|npm|pypi|hf|sk_live|sk_test|rk_live|whsec)[-_][A-Za-z0-9_-]{16,}/g,
];

/** `token: "value"`, `apiKey=value`, `"password": "value"` — the value goes (quoted, or unquoted of 8+ characters). */
const KEY_VALUE = new RegExp(
  String.raw`((?:["'\x60]?)[A-Za-z0-9_.-]*` +
    SECRET_KEY.source +
    String.raw`[A-Za-z0-9_.-]*(?:["'\x60]?)\s*[:=]\s*)(?:"([^"\n]*)"|'([^'\n]*)'|\x60([^\x60\n]*)\x60|([^\s"'\x60,;)}\]]{8,}))`,
  'gi',
);

/** Credentials in a URL: `https://user:password@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):([^/\s@]+)@/gi;

/** `Bearer abc…`, `Basic abc…`. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** Candidates for the generic check: long runs of token characters. */
const LONG_RUN = /[A-Za-z0-9_+/=-]{20,}/g;

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A long run of token characters that looks random rather than like a word, path or identifier. */
function looksRandom(run: string): boolean {
  const core = run.replace(/^[/=+_-]+|[/=+_-]+$/g, '');
  if (core.length < 20) return false;
  // Paths (`/home/me/workspace`) and dashed or underscored words are not secrets.
  if (core.includes('/') && core.split('/').every((part) => part === '' || /^[A-Za-z][a-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/.test(part))) return false;
  const letters = /[A-Za-z]/.test(core);
  const digits = /[0-9]/.test(core);
  if (!letters || !digits) return /^[0-9a-f]{32,}$/i.test(core) && entropy(core) >= 3;
  const mixedCase = /[a-z]/.test(core) && /[A-Z]/.test(core);
  if (!mixedCase && core.length < 32) return false;
  return entropy(core) >= 3.5;
}

function isPlaceholder(value: string): boolean {
  return value === '' || value === REDACTED || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value) || /^\*+$/.test(value);
}

/** The text with every secret-looking value replaced by `<redacted>`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of KNOWN_TOKENS) out = out.replace(pattern, REDACTED);
  out = out.replace(URL_USERINFO, (_m, head: string, secret: string) => (isPlaceholder(secret) ? _m : `${head}:${REDACTED}@`));
  out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(KEY_VALUE, (match, head: string, dq?: string, sq?: string, bq?: string, bare?: string) => {
    const value = dq ?? sq ?? bq ?? bare ?? '';
    if (isPlaceholder(value)) return match;
    // An unquoted plain word (`token: configured`) is prose, not a value.
    if (bare !== undefined && /^[A-Za-z]+$/.test(bare) && bare.length < 16) return match;
    const quote = dq !== undefined ? '"' : sq !== undefined ? "'" : bq !== undefined ? '`' : '';
    return `${head}${quote}${REDACTED}${quote}`;
  });
  out = out.replace(LONG_RUN, (run) => (looksRandom(run) ? REDACTED : run));
  return out;
}

/** `true` when the text holds something that `redactSecrets` would hide. */
export function containsSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}
