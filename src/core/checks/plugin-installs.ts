/**
 * plugins.installs_*: the supply-chain state of npm plugin install records. openclaw keeps those records on the machine;
 * this audit sees them only after a migration, where `openclaw doctor --fix` keeps a config's retired
 * `plugins.installs` as the machine's install records (see `OfflineDoctorState`).
 */
import { isRecord } from '../records.ts';
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules([
  {
    id: 'plugins.installs_unpinned_npm_specs',
    severity: 'warn',
    title: 'Plugin index includes unpinned npm specs',
    help:
      'A plugin installed from npm by a spec without an exact version (a bare package name, a range, a tag, a git URL) ' +
      'gets whatever the registry serves on the next install or update, so a compromised or changed package reaches ' +
      'the gateway unreviewed. openclaw reads install records from its machine state; openclaw-audit sees them only in ' +
      "the audit after a migration, where doctor keeps a config's retired `plugins.installs` as those records.",
    remediation:
      'Pin install specs to exact versions (for example, `@scope/pkg@1.2.3`) for higher supply-chain stability.',
    configPaths: ['plugins.installs'],
  },
  {
    id: 'plugins.installs_missing_integrity',
    severity: 'warn',
    title: 'Plugin index is missing integrity metadata',
    help:
      'An npm plugin install record without an integrity hash cannot show that the package on disk is the one that was ' +
      'reviewed and installed. Reported, like the unpinned specs, only in the audit after a migration.',
    remediation: 'Reinstall or update plugins to refresh install metadata with resolved integrity hashes.',
    configPaths: ['plugins.installs'],
  },
]);

/** openclaw's pinned form: `<name>@<exact version>` (an optional `v`, prerelease and build tags allowed). */
function isPinnedSpec(spec: string): boolean {
  const value = spec.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at >= value.length - 1) return false;
  return /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(value.slice(at + 1).trim());
}

/** The npm install records the audit after a migration sees (none otherwise), in record order. */
export function collectPluginInstalls(ctx: CheckContext): void {
  const records = ctx.offlineDoctor?.installRecords ?? {};
  const npm = Object.keys(records).flatMap((id) => {
    const record = records[id];
    return isRecord(record) && record.source === 'npm' ? [{ id, record }] : [];
  });
  const unpinned = npm
    .filter(({ record }) => typeof record.spec === 'string' && !isPinnedSpec(record.spec))
    .map(({ id, record }) => `${id} (${String(record.spec)})`);
  const missing = npm
    .filter(({ record }) => typeof record.integrity !== 'string' || record.integrity.trim() === '')
    .map(({ id }) => id);
  if (unpinned.length > 0)
    ctx.report('plugins.installs_unpinned_npm_specs', {
      detail: `Unpinned plugin index install records:\n${unpinned.map((entry) => `- ${entry}`).join('\n')}`,
      path: ['plugins', 'installs'],
    });
  if (missing.length > 0)
    ctx.report('plugins.installs_missing_integrity', {
      detail: `Plugin index records missing integrity:\n${missing.map((entry) => `- ${entry}`).join('\n')}`,
      path: ['plugins', 'installs'],
    });
}
