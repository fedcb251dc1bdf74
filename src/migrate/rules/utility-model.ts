/**
 * doctor's `runtime.utility-model-separation` migration: utility work no longer falls back to the primary model, and
 * an agent without a primary no longer runs the first model of the first configured provider catalog. Where a config
 * relied on that implicit primary (a provider catalog lists models, or a utility model is set, and no primary is),
 * doctor writes the model it used to pick as `agents.defaults.model.primary` (or per agent). Its
 * `meta.migrations.utilityModelSeparation` marker is not written (a config committed to a repository needs none).
 * Configs split over `$include` files are left alone, as doctor does.
 */
import { isRec, rec, type Rec } from '../draft.ts';
import { hasAuthProfile } from '../model-refs.ts';
import type { LegacyIssue, MigrationContext } from '../migration.ts';

const DEFAULT_REF = 'openai/gpt-6-astra';

const primaryOf = (model: unknown): string | undefined => {
  const v = typeof model === 'string' ? model : rec(model)?.primary;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const validModelParent = (m: unknown) =>
  m === undefined || typeof m === 'string' || (isRec(m) && (m.primary === undefined || typeof m.primary === 'string'));

function markerSet(cfg: Rec): boolean {
  return rec(rec(cfg.meta)?.migrations)?.utilityModelSeparation === true;
}

function canMaterialize(cfg: Rec): boolean {
  if (cfg.meta !== undefined && !isRec(cfg.meta)) return false;
  const migrations = rec(cfg.meta)?.migrations;
  if (migrations !== undefined && !isRec(migrations)) return false;
  const marker = rec(migrations)?.utilityModelSeparation;
  if (marker !== undefined && marker !== true) return false;
  if (cfg.agents !== undefined && !isRec(cfg.agents)) return false;
  const defaults = rec(cfg.agents)?.defaults;
  if ((defaults !== undefined && !isRec(defaults)) || !validModelParent(rec(defaults)?.model)) return false;
  const agents = rec(cfg.agents);
  if (agents && agents.entries !== undefined)
    return isRec(agents.entries) && Object.values(agents.entries).every((e) => isRec(e) && validModelParent(e.model));
  if (agents && agents.list !== undefined)
    return (
      Array.isArray(agents.list) &&
      agents.list.every((e) => isRec(e) && typeof e.id === 'string' && validModelParent(e.model))
    );
  return true;
}

function providers(cfg: Rec): Array<[string, Rec]> {
  const p = rec(rec(cfg.models)?.providers);
  return Object.keys(p ?? {}).flatMap((k) => (isRec(p![k]) ? [[k, p![k] as Rec] as [string, Rec]] : []));
}

/** The primary an agent without one used to run: OpenAI's default, unless a catalog lists models without it. */
function legacyImplicitPrimary(cfg: Rec): string {
  const all = providers(cfg);
  if (all.length === 0 && !rec(rec(cfg.models)?.providers)) return DEFAULT_REF;
  const openai = all.find(([k]) => k.trim().toLowerCase() === 'openai')?.[1];
  const rows = Array.isArray(openai?.models) ? openai.models : [];
  if (rows.some((m) => rec(m)?.id) && rows.some((m) => rec(m)?.id === 'gpt-6-astra')) return DEFAULT_REF;
  for (const [id, provider] of all) {
    const models = provider.models;
    if (!Array.isArray(models) || !rec(models[0])?.id) continue;
    const row = models.map(rec).find((m) => m?.id);
    if (row) return `${id.trim().toLowerCase()}/${String(row.id)}`;
  }
  return DEFAULT_REF;
}

function hasCatalogRoute(cfg: Rec, ref: string): boolean {
  return providers(cfg).some(
    ([id, p]) =>
      Array.isArray(p.models) &&
      p.models.some(
        (m) => typeof rec(m)?.id === 'string' && `${id.trim().toLowerCase()}/${String(rec(m)!.id)}` === ref,
      ),
  );
}

function canPin(cfg: Rec, primary: string): boolean {
  if (primary.includes('${') || hasAuthProfile(primary)) return false;
  return providers(cfg).every(
    ([, p]) =>
      !Array.isArray(p.models) ||
      p.models.every((m) => typeof rec(m)?.id !== 'string' || !String(rec(m)!.id).includes('${')),
  );
}

/** Agent entries (keyed, or the legacy list) with the path doctor prints. */
function entries(cfg: Rec): Array<{ id: string; entry: Rec; path: string }> {
  const agents = rec(cfg.agents);
  const keyed = rec(agents?.entries);
  if (keyed)
    return Object.keys(keyed).flatMap((k) =>
      isRec(keyed[k]) ? [{ id: k.trim().toLowerCase(), entry: keyed[k] as Rec, path: `agents.entries.${k}` }] : [],
    );
  if (Array.isArray(agents?.list))
    return agents.list.flatMap((e, i) =>
      isRec(e) && typeof e.id === 'string'
        ? [{ id: e.id.trim().toLowerCase(), entry: e, path: `agents.list[${i}]` }]
        : [],
    );
  return [];
}

const withPrimary = (model: unknown, primary: string) => ({ ...(rec(model) ?? {}), primary });

/** Applies the migration to `cfg` (the config being migrated), judged against `previous` (the config as written). */
function separate(cfg: Rec, previous: Rec, changes: string[]): void {
  if (!canMaterialize(cfg) || markerSet(previous) || !canMaterialize(previous)) return;
  const prevDefaults = rec(rec(previous.agents)?.defaults);
  const hadConfiguredModel = providers(previous).some(
    ([, p]) => Array.isArray(p.models) && Boolean(rec(p.models[0])?.id),
  );
  const prevPrimary = primaryOf(prevDefaults?.model);
  const nextPrimary = primaryOf(rec(rec(cfg.agents)?.defaults)?.model);
  const implicit = legacyImplicitPrimary(previous);
  const removedRoute = hasCatalogRoute(previous, implicit) && !hasCatalogRoute(cfg, implicit);
  const legacy = removedRoute ? legacyImplicitPrimary(cfg) : implicit;
  const priorById = new Map(entries(previous).map((e) => [e.id, e.entry]));
  const utilityInherited = (id: string, entry: Rec) => {
    const prior = priorById.get(id);
    return (
      prior !== undefined &&
      !primaryOf(prior.model) &&
      !primaryOf(entry.model) &&
      text(prior.utilityModel ?? prevDefaults?.utilityModel) !== undefined
    );
  };
  const relied = hadConfiguredModel || text(prevDefaults?.utilityModel) !== undefined;
  if (
    !prevPrimary &&
    !nextPrimary &&
    (relied || entries(cfg).some((e) => utilityInherited(e.id, e.entry))) &&
    (!canPin(previous, legacy) || (removedRoute && !canPin(cfg, legacy)))
  )
    return;
  if (!prevPrimary && !nextPrimary && relied) {
    const agents = rec(cfg.agents) ?? {};
    if (!rec(cfg.agents)) cfg.agents = agents;
    const defaults = rec(agents.defaults) ?? {};
    if (!rec(agents.defaults)) agents.defaults = defaults;
    defaults.model = withPrimary(defaults.model, legacy);
    changes.push(`Preserved the implicit primary model in agents.defaults.model.primary (${legacy}).`);
  }
  if (prevPrimary || primaryOf(rec(rec(cfg.agents)?.defaults)?.model)) return;
  for (const { id, entry, path } of entries(cfg)) {
    if (!utilityInherited(id, entry)) continue;
    entry.model = withPrimary(entry.model, legacy);
    changes.push(`Preserved the implicit primary model in ${path}.model.primary (${legacy}).`);
  }
}

export function detectUtilityModelSeparation(root: Rec): LegacyIssue[] {
  if (root.agents === undefined) return [];
  const changes: string[] = [];
  separate(structuredClone(root), root, changes);
  return changes.length > 0
    ? [
        {
          path: 'agents',
          message:
            'Legacy implicit primary model selection needs preservation before separating utility models. Run "openclaw doctor --fix"; dynamic catalog IDs need an explicit primary model.',
        },
      ]
    : [];
}

export function migrateUtilityModelSeparation(root: Rec, changes: string[], context?: MigrationContext): void {
  if (context?.includes) return;
  separate(root, context?.authored ?? root, changes);
}
