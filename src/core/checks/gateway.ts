/** gateway.*, discovery.*, mcp.*: the gateway config block and the gateway HTTP and node-command checks. */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('gateway', []);

export function collectGatewayConfig(_ctx: CheckContext): void {}

export function collectGatewayHttpNoAuth(_ctx: CheckContext): void {}

export function collectGatewayHttpSessionKey(_ctx: CheckContext): void {}

export function collectNodesDenyCommands(_ctx: CheckContext): void {}

export function collectNodesAllowCommands(_ctx: CheckContext): void {}
