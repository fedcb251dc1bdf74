/** summary.attack_surface: the inventory that opens every report. */
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'summary.attack_surface',
    severity: 'info',
    title: 'Attack surface summary',
    help:
      'Always the first finding: an inventory of the surfaces that matter for security — open and allowlisted group ' +
      'channels, elevated tools, webhooks, internal hooks, browser control — and a reminder of the trust model (one ' +
      'trusted operator per gateway).',
    remediation:
      'Nothing to fix: this is an inventory. Look for surfaces you did not mean to open (open groups, elevated tools, webhooks, browser control) and follow the findings that name them.',
    remediationInReport: false,
    configPaths: [
      'channels.*.groupPolicy',
      'tools.elevated.enabled',
      'hooks.enabled',
      'hooks.internal',
      'browser.enabled',
      'plugins.enabled',
      'plugins.allow',
      'plugins.deny',
      'plugins.entries.browser.enabled',
    ],
  },
]);

const TRUST_MODEL =
  'trust model: personal assistant (one trusted operator boundary), not hostile multi-tenant on one shared gateway. ' +
  'For multiple users or organizations, run one isolated Gateway cell per tenant: https://docs.openclaw.ai/gateway/multi-tenant-hosting';

function internalHooksEnabled(cfg: Json): boolean {
  const internal = isObject(cfg) && isObject(cfg.hooks) ? cfg.hooks.internal : undefined;
  if (!isObject(internal)) return false;
  if (internal.enabled === false) return false;
  if (internal.enabled === true) return true;
  const entries = isObject(internal.entries) ? Object.values(internal.entries) : [];
  if (entries.some((entry) => !isObject(entry) || entry.enabled !== false)) return true;
  const extraDirs = isObject(internal.load) && Array.isArray(internal.load.extraDirs) ? internal.load.extraDirs : [];
  return extraDirs.some((dir: unknown) => typeof dir === 'string' && dir.trim().length > 0);
}

/** Browser control is on unless the browser or its bundled plugin is switched off. */
function browserControlEnabled(cfg: Json): boolean {
  if (isObject(cfg) && isObject(cfg.browser) && cfg.browser.enabled === false) return false;
  const plugins = isObject(cfg) ? cfg.plugins : undefined;
  if (!isObject(plugins)) return true;
  if (plugins.enabled === false) return false;
  const ids = (list: unknown) =>
    Array.isArray(list) ? list.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : '')).filter(Boolean) : [];
  if (ids(plugins.deny).includes('browser')) return false;
  if (isObject(plugins.entries) && isObject(plugins.entries.browser) && plugins.entries.browser.enabled === false)
    return false;
  const allow = ids(plugins.allow);
  if (allow.length > 0 && !allow.includes('browser')) return false;
  return true;
}

export function collectAttackSurface(ctx: CheckContext): void {
  const cfg = ctx.config;
  let open = 0;
  let allowlist = 0;
  const channels = isObject(cfg) ? cfg.channels : undefined;
  if (channels && typeof channels === 'object') {
    for (const value of Object.values(channels as Record<string, Json>)) {
      if (!value || typeof value !== 'object') continue;
      if (value.groupPolicy === 'open') open += 1;
      else if (value.groupPolicy === 'allowlist') allowlist += 1;
    }
  }
  const onOff = (on: boolean) => (on ? 'enabled' : 'disabled');
  const elevated = !(
    isObject(cfg) &&
    isObject(cfg.tools) &&
    isObject(cfg.tools.elevated) &&
    cfg.tools.elevated.enabled === false
  );
  const webhooks = isObject(cfg) && isObject(cfg.hooks) && cfg.hooks.enabled === true;
  ctx.report('summary.attack_surface', {
    detail: [
      `groups: open=${open}, allowlist=${allowlist}`,
      `tools.elevated: ${onOff(elevated)}`,
      `hooks.webhooks: ${onOff(webhooks)}`,
      `hooks.internal: ${onOff(internalHooksEnabled(cfg))}`,
      `browser control: ${onOff(browserControlEnabled(cfg))}`,
      TRUST_MODEL,
    ].join('\n'),
    path: [],
  });
}
