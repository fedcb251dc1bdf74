/** openclaw's compact "(allowed: …)" hint: up to 12 distinct values, each label capped at 160 characters. */
const MAX_SHOWN = 12;
const MAX_LABEL = 160;

export interface AllowedSummary {
  values: unknown[];
  hiddenCount: number;
  formatted: string;
}

function cap(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}... (+${text.length - cut.length} chars)`;
}

function stringify(value: unknown): string {
  if (value === undefined) return '';
  try {
    const s = JSON.stringify(value);
    if (s !== undefined) return s;
  } catch {
    /* fall through */
  }
  return String(value);
}

export function summarizeAllowedValues(values: readonly unknown[]): AllowedSummary | null {
  if (values.length === 0) return null;
  const seen = new Set<string>();
  const entries: { value: unknown; label: string }[] = [];
  for (const item of values) {
    const asValue = typeof item === 'string' ? item : stringify(item);
    const key = `${item === null ? 'null' : typeof item}:${asValue}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({
      value: asValue,
      label: typeof item === 'string' ? JSON.stringify(cap(item, MAX_LABEL)) : cap(stringify(item), MAX_LABEL),
    });
  }
  const shown = entries.slice(0, MAX_SHOWN);
  const hiddenCount = entries.length - shown.length;
  const core = shown.map((e) => e.label).join(', ');
  return {
    values: shown.map((e) => e.value),
    hiddenCount,
    formatted: hiddenCount > 0 ? `${core}, ... (+${hiddenCount} more)` : core,
  };
}

export function appendAllowedValuesHint(message: string, summary: AllowedSummary): string {
  const lower = message.toLowerCase();
  if (lower.includes('(allowed:') || lower.includes('expected one of')) return message;
  return `${message} (allowed: ${summary.formatted})`;
}
