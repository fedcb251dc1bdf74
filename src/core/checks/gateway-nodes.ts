/** gateway.nodes.*: the node commands the gateway allows or tries to deny. */
import { resolveGatewayAuth } from '../model/gateway-auth.ts';
import { dig } from '../records.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';

/** Node commands that stay off unless `gateway.nodes.commands.allow` names them (openclaw's order). */
const DANGEROUS_NODE_COMMANDS: readonly string[] = [
  'camera.snap',
  'camera.clip',
  'camera.ptz.control',
  'screen.record',
  'contacts.add',
  'calendar.add',
  'reminders.add',
  'sms.send',
  'sms.search',
  'health.summary',
];

/**
 * The node commands openclaw knows by default, in its discovery order: the pairing allowlists of an iPhone, Android,
 * macOS, Linux, Windows and unknown node, then a talk-capable node. `gateway.nodes.commands.allow` entries are
 * inserted after the iPhone list; the dangerous commands come last.
 */
const NODE_COMMANDS_IPHONE = [
  'camera.list',
  'location.get',
  'device.info',
  'device.status',
  'contacts.search',
  'calendar.events',
  'reminders.list',
  'photos.latest',
  'motion.activity',
  'motion.pedometer',
  'system.notify',
  'watch.status',
  'watch.notify',
];
const NODE_COMMANDS_OTHER_PLATFORMS = [
  'notifications.list',
  'notifications.actions',
  'device.permissions',
  'device.health',
  'device.apps',
  'callLog.search',
  'mobile.ui.observe',
  'mobile.ui.act',
  'camera.ptz.status',
  'system.run.prepare',
  'system.run',
  'system.which',
  'system.execApprovals.get',
  'system.execApprovals.set',
  'fs.listDir',
  'terminal.upload',
  'browser.proxy',
  'browser.proxy.upload.v1',
  'mcp.tools.call.v1',
  'agent.cli.claude.run.v1',
  'screen.snapshot',
  'desktop.stream',
  'computer.act',
  'talk.ptt.start',
  'talk.ptt.stop',
  'talk.ptt.cancel',
  'talk.ptt.once',
];
/** Worker-private commands openclaw never advertises, even when allowed. */
const PRIVATE_NODE_COMMANDS = new Set([
  'worker.bundle.install.v1',
  'worker.launch.v1',
  'worker.status.v1',
  'worker.cancel.v1',
  'worker.environment.stop.v1',
  'worker.workspace.exec.v1',
  'worker.workspace.prepare.v1',
  'worker.workspace.retain.v1',
  'worker.desktop.stream.v1',
  'worker.desktop.launch.v1',
  'worker.desktop.computer.v1',
  'worker.portal.stream.v1',
]);

export const rules = defineRules([
  {
    id: 'gateway.nodes.deny_commands_ineffective',
    severity: 'warn',
    title: 'Some gateway.nodes.commands.deny entries are ineffective',
    help:
      '`gateway.nodes.commands.deny` matches exact node command names only. Pattern-like entries (wildcards, regex ' +
      'syntax, spaces, `group:`) and names openclaw does not know never match, so they block nothing.',
    remediation:
      'Use exact command names (for example camera.list, location.get, device.info). For broader limits, remove risky ' +
      'commands from gateway.nodes.commands.allow and the default workflows and tighten tools.exec policy.',
    configPaths: ['gateway.nodes.commands.deny', 'gateway.nodes.commands.allow'],
  },
  {
    id: 'gateway.nodes.allow_commands_dangerous',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Dangerous node commands explicitly enabled',
    help:
      '`gateway.nodes.commands.allow` turns on node commands that are off by default because they act on devices or read ' +
      'sensitive data (camera, screen recording, contacts, calendar, reminders, SMS, health). Critical when the gateway ' +
      'is reachable beyond loopback.',
    remediation:
      'Remove these commands from gateway.nodes.commands.allow (recommended); if they stay, treat gateway auth as full ' +
      'operator access and keep the gateway local or tailnet-only.',
    configPaths: [
      'gateway.nodes.commands.allow',
      'gateway.nodes.commands.deny',
      'gateway.bind',
      'gateway.tailscale.mode',
    ],
  },
]);

function trimmedCommand(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The known node command names, in openclaw's discovery order. */
function knownNodeCommands(cfg: Json): Set<string> {
  const extra: Json[] = Array.isArray(dig(cfg, 'gateway', 'nodes', 'commands', 'allow'))
    ? dig(cfg, 'gateway', 'nodes', 'commands', 'allow')
    : [];
  const extras = extra.map(trimmedCommand).filter((cmd) => cmd && !PRIVATE_NODE_COMMANDS.has(cmd));
  const noDeviceApps = dig(cfg, 'wizard', 'appRecommendations') === false;
  const out = new Set<string>();
  for (const cmd of [...NODE_COMMANDS_IPHONE, ...extras, ...NODE_COMMANDS_OTHER_PLATFORMS]) {
    if (noDeviceApps && cmd === 'device.apps') continue;
    out.add(cmd);
  }
  for (const cmd of DANGEROUS_NODE_COMMANDS) out.add(cmd);
  return out;
}

function looksLikePattern(value: string): boolean {
  if (/[?*[\]{}(),|]/.test(value)) return true;
  if (value.startsWith('/') || value.endsWith('/') || value.startsWith('^') || value.endsWith('$')) return true;
  return /\s/.test(value) || value.includes('group:');
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return b.length;
  if (!b) return a.length;
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = temp;
    }
  }
  return dp[b.length]!;
}

function suggestCommands(unknown: string, known: Set<string>): string[] {
  const needle = unknown.trim();
  if (!needle) return [];
  const prefix = needle.includes('.') ? needle.split('.').slice(0, 2).join('.') : needle;
  const prefixHits = [...known].filter((cmd) => cmd.startsWith(prefix)).slice(0, 3);
  if (prefixHits.length > 0) return prefixHits;
  const ranked = [...known]
    .map((cmd) => ({ cmd, d: editDistance(needle, cmd) }))
    .sort((a, b) => a.d - b.d || a.cmd.localeCompare(b.cmd));
  const threshold = Math.max(2, Math.min(4, ranked[0]?.d ?? Infinity));
  return ranked
    .filter((r) => r.d <= threshold)
    .slice(0, 3)
    .map((r) => r.cmd);
}

export function collectNodesDenyCommands(ctx: CheckContext): void {
  const denyRaw = dig(ctx.config, 'gateway', 'nodes', 'commands', 'deny');
  if (!Array.isArray(denyRaw) || denyRaw.length === 0) return;
  const indexed = denyRaw.map((entry, index) => ({ entry: trimmedCommand(entry), index })).filter((e) => e.entry);
  if (indexed.length === 0) return;
  const known = knownNodeCommands(ctx.config);
  const patterns = indexed.filter((e) => looksLikePattern(e.entry));
  const unknown = indexed.filter((e) => !looksLikePattern(e.entry) && !known.has(e.entry));
  if (patterns.length === 0 && unknown.length === 0) return;
  const lines: string[] = [];
  if (patterns.length > 0)
    lines.push(
      `- Pattern-like entries (exact matching does not support them): ${patterns.map((e) => e.entry).join(', ')}`,
    );
  if (unknown.length > 0) {
    const described = unknown.map(({ entry }) => {
      const suggestions = suggestCommands(entry, known);
      return suggestions.length === 0 ? entry : `${entry} (did you mean: ${suggestions.join(', ')})`;
    });
    lines.push(
      `- Unknown command names (not in the defaults or gateway.nodes.commands.allow): ${described.join(', ')}`,
    );
  }
  const examples = [...known].slice(0, 8);
  const offending = [...patterns, ...unknown].sort((a, b) => a.index - b.index);
  ctx.report('gateway.nodes.deny_commands_ineffective', {
    detail:
      'gateway.nodes.commands.deny matches node command names exactly (for example `system.run`); it does not filter shell text inside a command payload.\n' +
      lines.join('\n'),
    remediation:
      `Use exact command names (for example: ${examples.join(', ')}). For broader limits, remove risky command IDs from ` +
      'gateway.nodes.commands.allow and the default workflows, and tighten tools.exec policy.',
    path: ['gateway', 'nodes', 'commands', 'deny', offending[0]!.index],
    related: offending.slice(1).map((e) => ['gateway', 'nodes', 'commands', 'deny', e.index]),
  });
}

export function collectNodesAllowCommands(ctx: CheckContext): void {
  const allowRaw = dig(ctx.config, 'gateway', 'nodes', 'commands', 'allow');
  if (!Array.isArray(allowRaw) || allowRaw.length === 0) return;
  const allow = new Set(allowRaw.map(trimmedCommand).filter(Boolean));
  if (allow.size === 0) return;
  const denyRaw = dig(ctx.config, 'gateway', 'nodes', 'commands', 'deny');
  const deny = new Set((Array.isArray(denyRaw) ? denyRaw : []).map(trimmedCommand));
  const dangerous = DANGEROUS_NODE_COMMANDS.filter((cmd) => allow.has(cmd) && !deny.has(cmd));
  if (dangerous.length === 0) return;
  const model = resolveGatewayAuth(ctx);
  const indices = dangerous.map((cmd) => allowRaw.findIndex((entry) => trimmedCommand(entry) === cmd));
  ctx.report('gateway.nodes.allow_commands_dangerous', {
    severity: model.remoteExposure ? 'critical' : 'warn',
    detail:
      `gateway.nodes.commands.allow includes: ${dangerous.join(', ')}. These commands can trigger high-impact device ` +
      'actions or read sensitive data (desktop input/camera/screen/contacts/calendar/reminders/health/SMS/file).',
    path: ['gateway', 'nodes', 'commands', 'allow', indices[0]!],
    related: indices.slice(1).map((i) => ['gateway', 'nodes', 'commands', 'allow', i]),
  });
}
