/** Small readers that apply openclaw's notion of "set" to loosely typed config values. */
import type { Json } from './rule.ts';

export function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed string, or undefined when the value is not a string or is blank. */
export function trimmed(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

export function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value : [];
}

/** `{ source: "env" | "file" | "exec", provider?, id }` — a secret that openclaw resolves at run time. */
export function isSecretRef(value: unknown): value is { source: string; provider?: string; id: string } {
  return isObject(value) && typeof value.source === 'string' && typeof value.id === 'string';
}
