/**
 * doctor's smaller provider-catalog migrations: the retired client-side `models.pricing` toggle, unrecognized
 * `compat.thinkingFormat` values, and context windows the catalog corrected since (the formats and the corrections
 * come from the pinned package, `scripts/gen-migrate-data.mjs`).
 */
import data from '../data/doctor-data.json' with { type: 'json' };
import { has, isRec, rec, type Rec } from '../draft.ts';
import type { LegacyIssue } from '../migration.ts';

const DATA = data as unknown as {
  MODEL_THINKING_FORMATS: string[];
  STALE_CONTEXT_WINDOW_FIXES: Record<string, { stale: number; correct: number }>;
};

const providersOf = (root: Rec) => rec(rec(root.models)?.providers);

/** Each `models.providers.<id>.models[i]` row that is a record. */
function eachModel(root: Rec, visit: (providerId: string, index: number, model: Rec) => void): void {
  const providers = providersOf(root);
  for (const id of Object.keys(providers ?? {})) {
    const models = rec(providers![id])?.models;
    if (Array.isArray(models))
      models.forEach((model, index) => {
        if (isRec(model)) visit(id, index, model);
      });
  }
}

export function detectModelsPricing(root: Rec): LegacyIssue[] {
  return has(rec(root.models), 'pricing')
    ? [
        {
          path: 'models.pricing',
          message:
            'models.pricing is retired because pricing ships with the hosted catalog; run "openclaw doctor --fix" to remove it.',
        },
      ]
    : [];
}

export function migrateModelsPricing(root: Rec, changes: string[]): void {
  const models = rec(root.models);
  if (!has(models, 'pricing')) return;
  delete models.pricing;
  changes.push('Removed models.pricing (pricing now ships with the hosted model catalog).');
}

const invalidFormat = (model: Rec) => {
  const format = rec(model.compat)?.thinkingFormat;
  return typeof format === 'string' && !DATA.MODEL_THINKING_FORMATS.includes(format) ? format : undefined;
};

export function detectThinkingFormat(root: Rec): LegacyIssue[] {
  let found = false;
  eachModel(root, (_id, _i, model) => (found ||= invalidFormat(model) !== undefined));
  return found
    ? [
        {
          path: 'models.providers',
          message:
            'models.providers.<id>.models[*].compat.thinkingFormat has an unrecognized value; run "openclaw doctor --fix" to remove it and restore the runtime default.',
        },
      ]
    : [];
}

export function migrateThinkingFormat(root: Rec, changes: string[]): void {
  eachModel(root, (id, index, model) => {
    const format = invalidFormat(model);
    if (format === undefined) return;
    delete rec(model.compat)!.thinkingFormat;
    changes.push(
      `Removed models.providers.${id}.models.${index}.compat.thinkingFormat (unrecognized value ${JSON.stringify(format)}; runtime default applies).`,
    );
  });
}

/** The catalog's correction for a row's context window, when the configured value is the stale one. */
function staleFix(providerId: string, model: Rec): { stale: number; correct: number } | undefined {
  if (typeof model.id !== 'string' || !model.id || typeof model.contextWindow !== 'number') return undefined;
  const provider = providerId.trim().toLowerCase();
  const id = model.id.trim().toLowerCase();
  const key = `${provider}/${id.startsWith(`${provider}/`) ? id.slice(provider.length + 1) : id}`;
  const fix = Object.prototype.hasOwnProperty.call(DATA.STALE_CONTEXT_WINDOW_FIXES, key)
    ? DATA.STALE_CONTEXT_WINDOW_FIXES[key]
    : undefined;
  return fix && model.contextWindow === fix.stale ? fix : undefined;
}

export function detectStaleContextWindow(root: Rec): LegacyIssue[] {
  let found = false;
  eachModel(root, (id, _i, model) => (found ||= staleFix(id, model) !== undefined));
  return found
    ? [
        {
          path: 'models.providers',
          message:
            'models.providers.<id>.models[*].contextWindow has a stale catalog value; run "openclaw doctor --fix" to repair it.',
        },
      ]
    : [];
}

export function migrateStaleContextWindow(root: Rec, changes: string[]): void {
  eachModel(root, (id, index, model) => {
    const fix = staleFix(id, model);
    if (!fix) return;
    const was = model.contextWindow;
    model.contextWindow = fix.correct;
    changes.push(
      `Repaired models.providers.${id}.models[${index}].${model.id as string}.contextWindow (${String(was)} → ${fix.correct} to match catalog default).`,
    );
  });
}
