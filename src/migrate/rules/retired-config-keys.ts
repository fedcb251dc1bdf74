/**
 * doctor's `runtime.retired-config-keys` migration (openclaw 2026.9.6), less its Discord voice part:
 * `agents.defaults.compaction.truncateAfterCompaction`, `tui`, `commands.modelsWrite` and
 * `tools.media.asyncCompletion` are removed, `messages.messagePrefix` becomes WhatsApp's `responsePrefix`,
 * `tools.message.allowCrossContextSend` (global and per agent) becomes `crossContext`, `tools.experimental.planTool`
 * becomes `tools.updatePlan`, `talk.realtime.voice` becomes `speakerVoice`, and media `deepgram` blocks become
 * `providerOptions.deepgram`. Paths and messages are openclaw's
 * interface.
 */
import { ensure, has, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { hasMediaDeepgram, mediaDeepgram } from './media-models.ts';
import { RUN, agentEntries } from './common.ts';

function truncateAfterCompaction(root: Rec, changes: string[]): void {
  const compaction = rec(rec(rec(root.agents)?.defaults)?.compaction);
  if (!has(compaction, 'truncateAfterCompaction')) return;
  if (compaction.truncateAfterCompaction === false && has(compaction, 'maxActiveTranscriptBytes')) {
    delete compaction.maxActiveTranscriptBytes;
    changes.push('Removed maxActiveTranscriptBytes to preserve truncateAfterCompaction: false.');
  }
  delete compaction.truncateAfterCompaction;
  changes.push('Removed retired agents.defaults.compaction.truncateAfterCompaction.');
}

function crossContext(root: Rec, changes: string[]): void {
  const globalMessage = rec(rec(root.tools)?.message);
  const globalBypass = globalMessage?.allowCrossContextSend;
  const globalCross = rec(globalMessage?.crossContext);
  const migrate = (message: Rec | undefined, path: string, agent: boolean) => {
    if (!message) return;
    const legacy = message.allowCrossContextSend;
    const inherited = agent && globalBypass === true;
    if (legacy === undefined && !inherited) return;
    const current = rec(message.crossContext) ?? {};
    if ((legacy ?? (agent ? globalBypass : undefined)) === true)
      message.crossContext = { ...current, allowWithinProvider: true, allowAcrossProviders: true };
    else if (inherited)
      message.crossContext = {
        ...current,
        allowWithinProvider: (current.allowWithinProvider ?? globalCross?.allowWithinProvider) !== false,
        allowAcrossProviders: (current.allowAcrossProviders ?? globalCross?.allowAcrossProviders) === true,
      };
    delete message.allowCrossContextSend;
    changes.push(`Moved ${path}.allowCrossContextSend → ${path}.crossContext.`);
  };
  for (const [agent, path] of agentEntries(root))
    migrate(rec(rec(agent.tools)?.message), `${path}.tools.message`, true);
  migrate(globalMessage, 'tools.message', false);
}

function apply(root: Rec, changes: string[]): void {
  truncateAfterCompaction(root, changes);
  if (has(root, 'tui')) {
    delete root.tui;
    changes.push('Removed retired tui config; the footer uses the default compact display.');
  }
  const commands = rec(root.commands);
  if (has(commands, 'modelsWrite')) {
    delete commands.modelsWrite;
    changes.push('Removed retired commands.modelsWrite.');
  }
  const messages = rec(root.messages);
  if (has(messages, 'messagePrefix')) {
    const whatsapp = ensure(ensure(root, 'channels'), 'whatsapp');
    if (whatsapp.responsePrefix === undefined) {
      whatsapp.responsePrefix = messages.messagePrefix;
      changes.push('Moved messages.messagePrefix → channels.whatsapp.responsePrefix.');
    } else changes.push('Removed messages.messagePrefix (channels.whatsapp.responsePrefix already set).');
    delete messages.messagePrefix;
  }
  const media = rec(rec(root.tools)?.media);
  if (has(media, 'asyncCompletion')) {
    delete media.asyncCompletion;
    changes.push('Removed retired tools.media.asyncCompletion.directSend.');
  }
  crossContext(root, changes);
  const tools = rec(root.tools);
  const experimental = rec(tools?.experimental);
  if (tools && experimental) {
    if (has(experimental, 'planTool') && tools.updatePlan === undefined) {
      tools.updatePlan = experimental.planTool;
      changes.push('Moved tools.experimental.planTool → tools.updatePlan.');
    } else changes.push('Removed tools.experimental; tools.updatePlan now owns the switch.');
    delete tools.experimental;
  }
  const realtime = rec(rec(root.talk)?.realtime);
  if (has(realtime, 'voice')) {
    if (realtime.speakerVoice === undefined) {
      realtime.speakerVoice = realtime.voice;
      changes.push('Moved talk.realtime.voice → talk.realtime.speakerVoice.');
    } else changes.push('Removed talk.realtime.voice (talk.realtime.speakerVoice already set).');
    delete realtime.voice;
  }
  mediaDeepgram(root, changes);
}

function detect(root: Rec): LegacyIssue[] {
  const out: LegacyIssue[] = [];
  const at = (path: string[]) => {
    let cursor: unknown = root;
    for (const key of path) cursor = rec(cursor)?.[key];
    return cursor;
  };
  const rule = (path: string[], message: string, hit = at(path) !== undefined) => {
    if (hit) out.push({ path: path.join('.'), message: `${message} ${RUN}` });
  };
  rule(['tui'], 'tui was retired and is ignored.');
  rule(['commands', 'modelsWrite'], 'commands.modelsWrite was retired and is ignored.');
  rule(['messages', 'messagePrefix'], 'messages.messagePrefix moved to channels.whatsapp.responsePrefix.');
  rule(['tools', 'media', 'asyncCompletion'], 'tools.media.asyncCompletion.directSend was retired and is ignored.');
  rule(
    ['tools', 'message', 'allowCrossContextSend'],
    'tools.message.allowCrossContextSend moved to tools.message.crossContext.',
  );
  rule(
    ['agents'],
    'Per-agent tools.message.allowCrossContextSend moved to tools.message.crossContext on the same agent.',
    root.agents !== undefined &&
      agentEntries({ agents: root.agents }).some(([agent]) =>
        has(rec(rec(agent.tools)?.message), 'allowCrossContextSend'),
      ),
  );
  rule(['tools', 'experimental'], 'tools.experimental.planTool moved to tools.updatePlan.');
  rule(['talk', 'realtime', 'voice'], 'talk.realtime.voice moved to talk.realtime.speakerVoice.');
  rule(
    ['tools', 'media'],
    'Legacy Deepgram options moved to providerOptions.deepgram.',
    hasMediaDeepgram(rec(root.tools)?.media),
  );
  rule(
    ['agents', 'defaults', 'compaction', 'truncateAfterCompaction'],
    'agents.defaults.compaction.truncateAfterCompaction is retired; byte-triggered compaction now opts in via maxActiveTranscriptBytes alone.',
  );
  return out;
}

export const RETIRED_CONFIG_KEYS_MIGRATION: Migration = { id: 'runtime.retired-config-keys', detect, apply };
