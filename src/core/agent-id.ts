/** openclaw's canonical agent id (lowercase, `[a-z0-9_-]`, at most 64 characters; `main` when nothing is left). */
export function normalizeAgentId(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  const lower = trimmed.toLowerCase();
  if (/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(trimmed)) return lower;
  const id = lower.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '').replace(/-+$/, '').slice(0, 64);
  return id || 'main';
}
