/**
 * The Telegram plugin's own compatibility migration beside its streaming aliases (openclaw's bundled telegram doctor
 * contract): retired tuning knobs removed from the channel, its accounts, groups, direct chats and topics.
 */
import { has, rec, type Rec } from './draft.ts';

const CHANNEL_KNOBS = ['timeoutSeconds', 'mediaGroupFlushMs', 'pollingStallThresholdMs', 'retry', 'errorCooldownMs'];
type Scope = 'channel' | 'account' | 'chat' | 'topic';

function strip(entry: Rec, scope: Scope): boolean {
  let changed = false;
  for (const key of scope === 'channel' || scope === 'account' ? CHANNEL_KNOBS : ['errorCooldownMs'])
    if (has(entry, key)) {
      delete entry[key];
      changed = true;
    }
  const maps = scope === 'topic' ? [] : scope === 'chat' ? ['topics'] : ['groups', 'direct'];
  if (scope === 'channel') maps.push('accounts');
  for (const key of maps) {
    const children = rec(entry[key]);
    for (const id of Object.keys(children ?? {})) {
      const child = rec(children![id]);
      const childScope: Scope = key === 'accounts' ? 'account' : key === 'topics' ? 'topic' : 'chat';
      if (child && strip(child, childScope)) changed = true;
    }
  }
  return changed;
}

/** Removes Telegram's retired tuning knobs (doctor prints one line for all of them). */
export function stripTelegramTuning(root: Rec, changes: string[]): void {
  const telegram = rec(rec(root.channels)?.telegram);
  if (telegram && strip(telegram, 'channel')) changes.push('Removed retired Telegram tuning knobs.');
}
