/**
 * The Telegram plugin's own compatibility migration beside its streaming aliases (openclaw's bundled telegram doctor
 * contract), in its order: retired tuning knobs removed (channel, accounts, groups, direct chats, topics), the retired
 * `dm` block and `direct.<chat>.threadReplies`, the native draft preview keys, `includeGroupHistoryContext`, and
 * `groupMentionsOnly` moved to `groups."*".requireMention`.
 */
import { has, isRec, put, rec, type Rec } from './draft.ts';
import { RUN } from './rules/common.ts';

const CHANNEL_KNOBS = ['timeoutSeconds', 'mediaGroupFlushMs', 'pollingStallThresholdMs', 'retry', 'errorCooldownMs'];
type Scope = 'channel' | 'account' | 'chat' | 'topic';

function stripTuning(entry: Rec, scope: Scope): boolean {
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
      if (child && stripTuning(child, childScope)) changed = true;
    }
  }
  return changed;
}

function removeRetiredDm(entry: Rec, prefix: string, changes: string[]): void {
  const dm = rec(entry.dm);
  if (dm) {
    delete entry.dm;
    changes.push(
      dm.threadReplies === undefined
        ? `Removed ${prefix}.dm.`
        : `Removed ${prefix}.dm.threadReplies; DM topic sessions now follow Telegram getMe.has_topics_enabled.`,
    );
  }
  const direct = rec(entry.direct);
  for (const chatId of Object.keys(direct ?? {})) {
    const chat = rec(direct![chatId]);
    if (!chat || chat.threadReplies === undefined) continue;
    delete chat.threadReplies;
    changes.push(
      `Removed ${prefix}.direct.${chatId}.threadReplies; DM topic sessions now follow Telegram getMe.has_topics_enabled.`,
    );
  }
}

function removeNativeDraft(entry: Rec, prefix: string, changes: string[]): void {
  const streaming = rec(entry.streaming);
  const preview = rec(streaming?.preview);
  if (!streaming || !preview) return;
  if (preview.nativeToolProgress === undefined && preview.nativeToolProgressAllowFrom === undefined) return;
  delete preview.nativeToolProgress;
  delete preview.nativeToolProgressAllowFrom;
  if (Object.keys(preview).length === 0) delete streaming.preview;
  if (Object.keys(streaming).length === 0) delete entry.streaming;
  changes.push(
    `Removed ${prefix}.streaming.preview native draft keys; Telegram previews now use rich send/edit messages.`,
  );
}

function removeGroupHistoryContext(entry: Rec, prefix: string, changes: string[], recentLimit?: number): void {
  if (entry.includeGroupHistoryContext === undefined) return;
  const mode = entry.includeGroupHistoryContext;
  const hadLimit = entry.historyLimit !== undefined;
  delete entry.includeGroupHistoryContext;
  let note = '';
  if (mode === 'none') {
    entry.historyLimit = 0;
    note = ' and set historyLimit to 0';
  } else if (mode === 'recent' && recentLimit !== undefined && !hadLimit) {
    entry.historyLimit = recentLimit;
    note = ` and set historyLimit to ${recentLimit}`;
  }
  changes.push(
    `Removed ${prefix}.includeGroupHistoryContext${note}; Telegram group history is always on for groups and bounded by historyLimit.`,
  );
}

function moveGroupMentionsOnly(entry: Rec, changes: string[]): void {
  if (entry.groupMentionsOnly === undefined) return;
  const groups = entry.groups;
  const wildcard = isRec(groups) && has(groups, '*') ? groups['*'] : undefined;
  if ((groups !== undefined && !isRec(groups)) || (wildcard !== undefined && !isRec(wildcard))) {
    changes.push(
      'Skipped channels.telegram.groupMentionsOnly migration because channels.telegram.groups already has an incompatible shape; fix remaining issues manually.',
    );
    return;
  }
  const target: Rec = rec(wildcard) ?? {};
  if (target.requireMention === undefined) {
    target.requireMention = entry.groupMentionsOnly;
    const map: Rec = rec(groups) ?? {};
    put(map, '*', target);
    entry.groups = map;
    changes.push('Moved channels.telegram.groupMentionsOnly → channels.telegram.groups."*".requireMention.');
  } else changes.push('Removed channels.telegram.groupMentionsOnly (channels.telegram.groups."*" already set).');
  delete entry.groupMentionsOnly;
}

/** The rest of Telegram's compatibility migration (after its streaming aliases). */
export function telegramCompatibility(root: Rec, changes: string[]): void {
  const telegram = rec(rec(root.channels)?.telegram);
  if (!telegram) return;
  if (stripTuning(telegram, 'channel')) changes.push('Removed retired Telegram tuning knobs.');
  const rootMode = telegram.includeGroupHistoryContext;
  const groupChat = rec(rec(root.messages)?.groupChat);
  const limitBefore =
    typeof telegram.historyLimit === 'number'
      ? telegram.historyLimit
      : typeof groupChat?.historyLimit === 'number'
        ? groupChat.historyLimit
        : 50;
  const prefix = 'channels.telegram';
  removeRetiredDm(telegram, prefix, changes);
  removeNativeDraft(telegram, prefix, changes);
  removeGroupHistoryContext(telegram, prefix, changes);
  moveGroupMentionsOnly(telegram, changes);
  const accounts = rec(telegram.accounts);
  for (const id of Object.keys(accounts ?? {})) {
    const account = rec(accounts![id]);
    if (!account) continue;
    const at = `${prefix}.accounts.${id}`;
    removeRetiredDm(account, at, changes);
    removeNativeDraft(account, at, changes);
    removeGroupHistoryContext(account, at, changes, rootMode === 'none' ? limitBefore : undefined);
  }
}

const hasRetiredDm = (e: unknown) =>
  isRec(e) && (isRec(e.dm) || Object.values(rec(e.direct) ?? {}).some((d) => rec(d)?.threadReplies !== undefined));
const hasNativeDraft = (e: unknown) => {
  const preview = rec(rec(rec(e)?.streaming)?.preview);
  return preview?.nativeToolProgress !== undefined || preview?.nativeToolProgressAllowFrom !== undefined;
};
const hasGroupHistoryContext = (e: unknown) => rec(e)?.includeGroupHistoryContext !== undefined;

/** The "Legacy config keys detected" lines of Telegram's retired keys (beside its streaming aliases). */
export function telegramLegacyIssues(telegram: Rec): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const accounts = Object.values(rec(telegram.accounts) ?? {});
  if (telegram.groupMentionsOnly !== undefined)
    out.push({
      path: 'channels.telegram.groupMentionsOnly',
      message: `channels.telegram.groupMentionsOnly was removed; use channels.telegram.groups."*".requireMention instead. ${RUN}`,
    });
  const rules: Array<[(e: unknown) => boolean, string]> = [
    [
      hasRetiredDm,
      'dm and direct.<chatId>.threadReplies were removed; DM topic sessions now follow Telegram getMe.has_topics_enabled, so topics-enabled bots may use thread-scoped DM sessions.',
    ],
    [
      hasNativeDraft,
      'streaming.preview.nativeToolProgress and nativeToolProgressAllowFrom were removed; Telegram previews now use rich send/edit messages.',
    ],
    [
      hasGroupHistoryContext,
      'includeGroupHistoryContext was removed; Telegram group history is always on for groups and bounded by historyLimit.',
    ],
  ];
  for (const [match, text] of rules) {
    if (match(telegram)) out.push({ path: 'channels.telegram', message: `channels.telegram.${text} ${RUN}` });
    if (accounts.some(match))
      out.push({ path: 'channels.telegram.accounts', message: `channels.telegram.accounts.<id>.${text} ${RUN}` });
  }
  return out;
}
