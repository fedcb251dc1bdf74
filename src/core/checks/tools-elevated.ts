/** tools.elevated.allowFrom.<provider>.*: who may use elevated tools (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'tools.elevated.allowFrom.<provider>.wildcard',
    severity: 'critical',
    title: 'Elevated exec allowlist contains wildcard',
    help:
      'An elevated allowlist entry of `"*"` lets every sender on that provider switch the agent into elevated mode, ' +
      'where exec runs on the host outside the sandbox.',
    remediation:
      'Replace `"*"` in `tools.elevated.allowFrom.<provider>` with the exact sender ids that need elevated mode, or turn elevated tools off (`tools.elevated.enabled: false`).',
    remediationInReport: false,
    configPaths: ['tools.elevated.enabled', 'tools.elevated.allowFrom.<provider>'],
  },
  {
    id: 'tools.elevated.allowFrom.<provider>.large',
    severity: 'warn',
    title: 'Elevated exec allowlist is large',
    help: 'More than 25 senders on one provider may use elevated mode; a list that long is hard to review and easy to grow by accident.',
    remediation:
      'Cut `tools.elevated.allowFrom.<provider>` down to the few operators who need elevated mode (25 or fewer); everyone else keeps the normal tools.',
    remediationInReport: false,
    configPaths: ['tools.elevated.enabled', 'tools.elevated.allowFrom.<provider>'],
  },
]);

/** More entries than this make an elevated allowlist "large". */
const ELEVATED_ALLOWFROM_MAX = 25;

/** Trimmed, stringified, non-empty entries (openclaw's allowFrom normalization). */
function normalizeAllowFrom(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) =>
      typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean' || typeof entry === 'bigint'
        ? String(entry).trim()
        : '',
    )
    .filter((entry) => entry.length > 0);
}

export function collectElevatedAllowFrom(ctx: CheckContext): void {
  const elevated = ctx.config?.tools?.elevated;
  if (!isObject(elevated) || elevated.enabled === false || !isObject(elevated.allowFrom)) return;
  for (const [provider, list] of Object.entries(elevated.allowFrom)) {
    const entries = normalizeAllowFrom(list);
    const path = ['tools', 'elevated', 'allowFrom', provider];
    if (entries.includes('*')) {
      const index = Array.isArray(list) ? list.findIndex((e: unknown) => String(e).trim() === '*') : -1;
      ctx.report(`tools.elevated.allowFrom.${provider}.wildcard`, {
        detail: `tools.elevated.allowFrom.${provider} contains "*", so anyone on ${provider} can turn on elevated mode.`,
        path: index >= 0 ? [...path, index] : path,
      });
    } else if (entries.length > ELEVATED_ALLOWFROM_MAX) {
      ctx.report(`tools.elevated.allowFrom.${provider}.large`, {
        detail: `tools.elevated.allowFrom.${provider} lists ${entries.length} entries (more than ${ELEVATED_ALLOWFROM_MAX}).`,
        path,
      });
    }
  }
}
