/** mcp.*: MCP features that widen what configured MCP servers can do. */
import { dig } from '../records.ts';
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules([
  {
    id: 'mcp.apps.enabled',
    severity: 'warn',
    title: 'MCP Apps UI bridge enabled',
    help:
      '`mcp.apps.enabled=true` lets configured MCP servers render interactive HTML views. The views are CSP-restricted and ' +
      'origin-isolated but can call app-visible tools of their MCP server while the session runtime is active.',
    remediation:
      'Keep it on only for MCP servers you trust; turn it off with `openclaw config set mcp.apps.enabled false --strict-json` when unused.',
    configPaths: ['mcp.apps.enabled'],
  },
]);

/** Part of openclaw's gateway config block. */
export function checkMcpApps(ctx: CheckContext): void {
  const cfg = ctx.config;
  if (dig(cfg, 'mcp', 'apps', 'enabled') === true) {
    ctx.report('mcp.apps.enabled', {
      detail:
        'mcp.apps.enabled=true lets configured MCP servers provide interactive HTML. The views are CSP-restricted and ' +
        'origin-isolated, yet they can call app-visible tools on their MCP server while the session runtime is active.',
      path: ['mcp', 'apps', 'enabled'],
    });
  }
}
