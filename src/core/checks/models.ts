/** models.legacy and models.weak_tier. */
import type { ConfigPath } from '../types.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'models.legacy',
    severity: 'warn',
    title: 'Some configured models look legacy',
    help:
      'A configured primary or fallback model belongs to a legacy family (GPT-3.5, Claude 2/Instant, early GPT-4 ' +
      'snapshots). Older models resist prompt injection and tool misuse less well.',
    remediation: 'Use modern, instruction-hardened models for every bot that can run tools.',
    configPaths: [
      'agents.defaults.model',
      'agents.defaults.imageModel',
      'agents.entries.*.model',
      'agents.defaults.models.*.alias',
    ],
  },
  {
    id: 'models.weak_tier',
    severity: 'warn',
    title: 'Some configured models are below recommended tiers',
    help:
      'A configured primary or fallback model is a smaller or older tier (Haiku, below GPT-5, below Claude 4.5). Such ' +
      'models are more susceptible to prompt injection and tool misuse.',
    remediation:
      'Give bots with tools or untrusted inboxes the latest top-tier model: avoid Haiku tiers, prefer GPT-5+ and Claude 4.5+.',
    configPaths: [
      'agents.defaults.model',
      'agents.defaults.imageModel',
      'agents.entries.*.model',
      'agents.defaults.models.*.alias',
    ],
  },
]);

const DEFAULT_PROVIDER = 'openai';

const LEGACY_PATTERNS = [
  { re: /\bgpt-3\.5\b/i, label: 'GPT-3.5 family' },
  { re: /\bclaude-(instant|2)\b/i, label: 'Claude 2/Instant family' },
  { re: /\bgpt-4-(0314|0613)\b/i, label: 'Legacy GPT-4 snapshots' },
];
const HAIKU = /\bhaiku\b/i;
const GPT = /\bgpt-/i;
const GPT5_PLUS = /\bgpt-5(?:\b|[.-])/i;
const CLAUDE = /\bclaude-/i;
/** A Claude 4.5+ version mark somewhere after `claude-` (before any space or `/`). */
const CLAUDE45_VERSION = /-4-?(?:[5-9]|[1-9]\d)\b|4\.(?:[5-9]|[1-9]\d)\b|-[5-9](?:\b|[.-])/i;
const NAME_RUN = /[^\s/]*/y;

/**
 * `/\bclaude-[^\s/]*?(?:<CLAUDE45_VERSION>)/i.test(id)`, in linear time: that regex rescans the rest of the name from
 * every `claude-` in it (quadratic on `claude-claude-…`). A later `claude-` in the same run of name characters
 * cannot match where an earlier one did not, so each run is searched once.
 */
export function isClaude45Plus(id: string): boolean {
  let searchedTo = -1;
  for (const match of id.matchAll(/\bclaude-/gi)) {
    if (match.index < searchedTo) continue;
    const from = match.index + match[0].length;
    NAME_RUN.lastIndex = from;
    NAME_RUN.test(id);
    searchedTo = NAME_RUN.lastIndex;
    // One character past the run, so a `\b` at its end sees what follows it.
    if (CLAUDE45_VERSION.test(id.slice(from, searchedTo + 1))) return true;
  }
  return false;
}

interface ModelRef {
  /** `provider/model` after alias resolution. */
  id: string;
  /** openclaw's source label: `agents.defaults.model.primary`, `agents.entries.<id>.model.fallbacks`, … */
  source: string;
  /** Where the ref is written. */
  path: ConfigPath;
}

function modelKey(raw: string): string {
  const slash = raw.indexOf('/');
  if (slash > 0) return `${raw.slice(0, slash).trim().toLowerCase()}/${raw.slice(slash + 1).trim()}`;
  return `${DEFAULT_PROVIDER}/${raw}`;
}

/** Aliases from `agents.defaults.models.<ref>.alias` (case-insensitive, the last one wins). */
function aliasIndex(cfg: Json): Map<string, string> {
  const index = new Map<string, string>();
  const models =
    isObject(cfg) && isObject(cfg.agents) && isObject(cfg.agents.defaults) ? cfg.agents.defaults.models : undefined;
  if (!isObject(models)) return index;
  for (const [key, entry] of Object.entries(models)) {
    if (key.includes('*') || !isObject(entry) || !Object.hasOwn(entry, 'alias')) continue;
    const alias = typeof entry.alias === 'string' ? entry.alias.trim() : '';
    if (!alias) continue;
    const ref = modelKey(key.trim());
    index.set(alias.toLowerCase(), ref);
    index.set(`${ref.slice(0, ref.indexOf('/'))}/${alias.toLowerCase()}`, ref);
  }
  return index;
}

/** Every configured primary and fallback model, in openclaw's order (defaults, image model, then each agent). */
function tierModelRefs(cfg: Json): ModelRef[] {
  const aliases = aliasIndex(cfg);
  const out: ModelRef[] = [];
  const add = (raw: unknown, source: string, path: ConfigPath) => {
    if (typeof raw !== 'string') return;
    const t = raw.trim();
    if (!t) return;
    const lower = t.toLowerCase();
    const slash = t.indexOf('/');
    const viaProvider =
      slash > 0
        ? aliases.get(
            `${t.slice(0, slash).trim().toLowerCase()}/${t
              .slice(slash + 1)
              .trim()
              .toLowerCase()}`,
          )
        : undefined;
    out.push({ id: aliases.get(lower) ?? viaProvider ?? modelKey(t), source, path });
  };
  const addModel = (model: Json, base: string, path: ConfigPath, withPrimarySuffix: boolean) => {
    if (typeof model === 'string') add(model, withPrimarySuffix ? `${base}.primary` : base, path);
    else if (isObject(model)) {
      add(model.primary, `${base}.primary`, [...path, 'primary']);
      if (Array.isArray(model.fallbacks))
        model.fallbacks.forEach((fallback, i) => add(fallback, `${base}.fallbacks`, [...path, 'fallbacks', i]));
    }
  };
  const defaults = isObject(cfg) && isObject(cfg.agents) && isObject(cfg.agents.defaults) ? cfg.agents.defaults : {};
  addModel(defaults.model, 'agents.defaults.model', ['agents', 'defaults', 'model'], true);
  addModel(defaults.imageModel, 'agents.defaults.imageModel', ['agents', 'defaults', 'imageModel'], true);
  const agents = isObject(cfg) ? cfg.agents : undefined;
  if (isObject(agents) && Object.hasOwn(agents, 'entries') && agents.entries !== undefined) {
    if (isObject(agents.entries)) {
      for (const [id, entry] of Object.entries(agents.entries)) {
        if (isObject(entry))
          addModel(entry.model, `agents.entries.${id}.model`, ['agents', 'entries', id, 'model'], false);
      }
    }
  } else if (isObject(agents) && Array.isArray(agents.list)) {
    agents.list.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const id = typeof entry.id === 'string' ? entry.id : '';
      addModel(entry.model, `agents.entries.${id}.model`, ['agents', 'list', index, 'model'], false);
    });
  }
  return out;
}

function listLines(items: Array<{ line: string }>): string {
  const lines = items
    .slice(0, 12)
    .map((i) => i.line)
    .join('\n');
  return items.length > 12 ? `${lines}\n…${items.length - 12} more` : lines;
}

export function collectModelTiers(ctx: CheckContext): void {
  const models = tierModelRefs(ctx.config);
  if (models.length === 0) return;
  const weak = new Map<string, { ref: ModelRef; reasons: string[] }>();
  const addWeak = (ref: ModelRef, reason: string) => {
    const key = `${ref.id}@@${ref.source}`;
    const existing = weak.get(key);
    if (!existing) weak.set(key, { ref, reasons: [reason] });
    else if (!existing.reasons.includes(reason)) existing.reasons.push(reason);
  };
  for (const ref of models) {
    if (HAIKU.test(ref.id)) addWeak(ref, 'Haiku tier (smaller model)');
    if (GPT.test(ref.id) && !GPT5_PLUS.test(ref.id)) addWeak(ref, 'Below GPT-5 family');
    if (CLAUDE.test(ref.id) && !isClaude45Plus(ref.id)) addWeak(ref, 'Below Claude 4.5');
  }
  const legacy: Array<{ ref: ModelRef; reason: string }> = [];
  for (const ref of models) {
    const hit = LEGACY_PATTERNS.find((p) => p.re.test(ref.id));
    if (hit) legacy.push({ ref, reason: hit.label });
  }
  if (legacy.length > 0) {
    ctx.report('models.legacy', {
      detail:
        'Older or legacy models are less robust against prompt injection and tool misuse.\n' +
        listLines(legacy.map((m) => ({ line: `- ${m.ref.id} (${m.reason}) @ ${m.ref.source}` }))),
      path: legacy[0]!.ref.path,
      related: legacy.slice(1).map((m) => m.ref.path),
    });
  }
  if (weak.size > 0) {
    const entries = [...weak.values()];
    ctx.report('models.weak_tier', {
      detail:
        'Smaller or older models are generally more susceptible to prompt injection and tool misuse.\n' +
        listLines(entries.map((m) => ({ line: `- ${m.ref.id} (${m.reasons.join('; ')}) @ ${m.ref.source}` }))),
      path: entries[0]!.ref.path,
      related: entries.slice(1).map((m) => m.ref.path),
    });
  }
}
