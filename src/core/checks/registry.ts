/** Every rule we implement, in one list: the engine, SARIF `rules[]`, docs and tests read it. */
import { rules as agentRoster } from './agent-roster.ts';
import { rules as channels } from './channels.ts';
import { rules as dangerousFlags } from './dangerous-flags.ts';
import { rules as exec } from './exec.ts';
import { rules as exposure } from './exposure.ts';
import { rules as gateway } from './gateway.ts';
import { rules as hooks } from './hooks.ts';
import { rules as models } from './models.ts';
import type { Rule } from './rule.ts';
import { rules as sandbox } from './sandbox.ts';
import { rules as secrets } from './secrets.ts';
import { rules as smallParams } from './small-params.ts';
import { rules as summary } from './summary.ts';
import { rules as toolsElevated } from './tools-elevated.ts';
import { rules as toolsProfile } from './tools-profile.ts';
import { rules as trustModel } from './trust-model.ts';
import { rules as suppressions } from '../suppressions.ts';
import { rules as configInvalid } from './config-invalid.ts';

export const RULES: readonly Rule[] = [
  ...summary,
  ...agentRoster,
  ...gateway,
  ...dangerousFlags,
  ...toolsElevated,
  ...exec,
  ...hooks,
  ...sandbox,
  ...toolsProfile,
  ...secrets,
  ...models,
  ...smallParams,
  ...exposure,
  ...trustModel,
  ...channels,
  ...suppressions,
  ...configInvalid,
];

const exact = new Map(RULES.map((rule) => [rule.id, rule]));
const templates = RULES.filter((rule) => rule.id.includes('<')).map((rule) => ({ rule, parts: rule.id.split(/<[^>]+>/) }));

/**
 * Does `checkId` fill the template's placeholders (`channels.<provider>.routing.owner_missing.<accountId>`)? A
 * placeholder stands for any text, since openclaw puts object keys there as written (`ops team`, `a.b`, even ``):
 * the first part must start the id, the last end it, and the middle ones follow in order, leftmost first.
 */
function fillsTemplate(parts: readonly string[], checkId: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (checkId.length < first.length + last.length || !checkId.startsWith(first) || !checkId.endsWith(last)) return false;
  let at = first.length;
  const end = checkId.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = checkId.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** The rule for a concrete checkId: exact first, then a template such as `channels.<provider>.dm.open`. */
export function findRule(checkId: string): Rule | undefined {
  return exact.get(checkId) ?? templates.find((t) => fillsTemplate(t.parts, checkId))?.rule;
}
