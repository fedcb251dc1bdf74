/**
 * Smaller doctor migrations of openclaw 2026.9.6, grouped by where doctor runs them: the legacy audio transcriber
 * (`audio.transcription` → a `tools.media.models` entry) and retired queue modes (before the agent group); the cron
 * webhook/run-log and gRPC telemetry removals (before the gateway group); the onboarding-owned local-model lean
 * marker and retired internal hook handlers (among the retired keys); session aliases and retired session/Skill
 * Workshop settings (before the tool-name renames). Paths and messages are openclaw's interface.
 */
import { isSafeExecutable, isValidDuration } from '../../core/schema/refinements.ts';
import { deletePath, ensure, has, put, rec, type Rec } from '../draft.ts';
import type { Migration } from '../migration.ts';
import { RUN, present } from './common.ts';

// --- audio ------------------------------------------------------------------------------------------------------

function transcriberModel(value: unknown): Rec | undefined {
  const transcriber = rec(value);
  const command = Array.isArray(transcriber?.command) ? (transcriber.command as unknown[]) : undefined;
  if (!command || command.length === 0 || !command.every((part) => typeof part === 'string')) return undefined;
  const executable = (command[0] as string).trim();
  if (!executable || !isSafeExecutable(executable)) return undefined;
  const args = (command.slice(1) as string[]).map((part) => part.split('{input}').join('{{AttachmentPath}}'));
  const out: Rec = { command: executable, type: 'cli' };
  if (args.length > 0) out.args = args;
  if (typeof transcriber!.timeoutSeconds === 'number') out.timeoutSeconds = transcriber!.timeoutSeconds;
  return out;
}

const AUDIO_TRANSCRIPTION: Migration = {
  id: 'audio.transcription-v2',
  detect: present(['audio', 'transcription'], 'Use a capability-tagged tools.media.models entry instead.'),
  apply: (root, changes) => {
    const audio = rec(root.audio);
    if (audio?.transcription === undefined) return;
    const mapped = transcriberModel(audio.transcription);
    if (!mapped) changes.push('Removed audio.transcription (invalid or empty command).');
    else {
      const media = ensure(ensure(root, 'tools'), 'media');
      const mediaAudio = ensure(media, 'audio');
      const models = Array.isArray(media.models) ? (media.models as unknown[]) : [];
      const audioCapable = (value: unknown) => {
        const model = rec(value);
        return model !== undefined && (!Array.isArray(model.capabilities) || model.capabilities.includes('audio'));
      };
      if ((Array.isArray(mediaAudio.models) && mediaAudio.models.some(audioCapable)) || models.some(audioCapable))
        changes.push('Removed audio.transcription (tools.media.models already set).');
      else {
        mediaAudio.enabled = true;
        mediaAudio.preferredModel = `cli:${mapped.command as string}`;
        media.models = [...models, { ...mapped, capabilities: ['audio'] }];
        changes.push('Moved audio.transcription → tools.media.models.');
      }
    }
    delete audio.transcription;
    if (Object.keys(audio).length === 0) delete root.audio;
  },
};

// --- queue ------------------------------------------------------------------------------------------------------

const RETIRED_QUEUE_MODES = new Set(['queue', 'steer-backlog', 'steer+backlog']);
const retiredQueueMode = (value: unknown) => typeof value === 'string' && RETIRED_QUEUE_MODES.has(value);

const QUEUE_MODES: Migration = {
  id: 'messages.queue.retired-steering-modes',
  detect: (root) => [
    ...present(
      ['messages', 'queue', 'mode'],
      `messages.queue.mode uses a retired queue mode; use steer, followup, collect, or interrupt. ${RUN}`,
      retiredQueueMode,
    )(root),
    ...present(
      ['messages', 'queue', 'byChannel'],
      `messages.queue.byChannel contains a retired queue mode; use steer, followup, collect, or interrupt. ${RUN}`,
      (v) => Object.values(rec(v) ?? {}).some(retiredQueueMode),
    )(root),
  ],
  apply: (root, changes) => {
    const queue = rec(rec(root.messages)?.queue);
    if (!queue) return;
    const migrate = (owner: Rec, key: string, path: string) => {
      const value = owner[key];
      if (!retiredQueueMode(value)) return;
      const replacement = value === 'queue' ? 'steer' : 'followup';
      put(owner, key, replacement);
      changes.push(
        `Moved deprecated ${path} "${value as string}" → "${replacement}"; use "steer" for default active-run steering.`,
      );
    };
    migrate(queue, 'mode', 'messages.queue.mode');
    const byChannel = rec(queue.byChannel);
    for (const id of Object.keys(byChannel ?? {})) migrate(byChannel!, id, `messages.queue.byChannel.${id}`);
  },
};

/** Before the agent migrations (doctor's audio and queue groups). */
export const AUDIO_QUEUE_MIGRATIONS: readonly Migration[] = [AUDIO_TRANSCRIPTION, QUEUE_MODES];

// --- cron, diagnostics ------------------------------------------------------------------------------------------

/** Before the gateway migrations. */
export const CRON_DIAGNOSTICS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'cron.webhook-remove',
    detect: present(['cron', 'webhook'], `cron.webhook was retired after per-job delivery migration. ${RUN}`),
    apply: (root, changes) => {
      const cron = rec(root.cron);
      if (!has(cron, 'webhook')) return;
      delete cron.webhook;
      changes.push('Removed retired cron.webhook after stored jobs migrated to per-job delivery.');
    },
  },
  {
    id: 'cron.runLog-remove',
    detect: present(['cron', 'runLog'], `cron.runLog is retired; run history now has fixed per-job retention. ${RUN}`),
    apply: (root, changes) => {
      const cron = rec(root.cron);
      if (!has(cron, 'runLog')) return;
      delete cron.runLog;
      if (Object.keys(cron).length === 0) delete root.cron;
      changes.push('Removed retired cron.runLog config; cron history now keeps 2000 runs per job.');
    },
  },
  {
    id: 'diagnostics.otel.grpc-protocol',
    detect: present(
      ['diagnostics', 'otel', 'protocol'],
      `diagnostics.otel.protocol = "grpc" is no longer accepted because gRPC export is not implemented. ${RUN.slice(0, -1)}, then configure an OTLP/HTTP collector before re-enabling telemetry.`,
      (v) => v === 'grpc',
    ),
    apply: (root, changes) => {
      const otel = rec(rec(root.diagnostics)?.otel);
      if (otel?.protocol !== 'grpc') return;
      delete otel.protocol;
      changes.push(
        'Removed unsupported diagnostics.otel.protocol "grpc"; use "http/protobuf" with an OTLP/HTTP collector.',
      );
      const signals =
        otel.traces !== false ||
        otel.metrics !== false ||
        (otel.logs === true && !(typeof otel.logsExporter === 'string' && otel.logsExporter === 'stdout'));
      if (otel.enabled === true && signals) {
        otel.enabled = false;
        changes.push(
          'Disabled diagnostics.otel.enabled because legacy grpc configs with OTLP signals cannot export telemetry; re-enable it after choosing an OTLP/HTTP collector.',
        );
      }
    },
  },
];

// --- retired runtime keys -------------------------------------------------------------------------------------

/** Before `runtime.messages-suppress-tool-errors`. */
export const LOCAL_MODEL_LEAN_MIGRATION: Migration = {
  id: 'runtime.automatic-local-model-lean',
  detect: present(
    ['wizard', 'localModelLeanAutoModel'],
    `wizard.localModelLeanAutoModel is retired; local models now use Tool Search without reducing their capabilities. ${RUN}`,
  ),
  apply: (root, changes) => {
    const wizard = rec(root.wizard);
    if (!has(wizard, 'localModelLeanAutoModel')) return;
    const autoModel = wizard.localModelLeanAutoModel;
    const defaults = rec(rec(root.agents)?.defaults);
    const model = defaults?.model;
    const primary = typeof model === 'string' ? model : rec(model)?.primary;
    const experimental = rec(defaults?.experimental);
    if (experimental?.localModelLean === true) {
      if (typeof autoModel === 'string' && autoModel === primary) {
        delete experimental.localModelLean;
        changes.push('Removed onboarding-owned agents.defaults.experimental.localModelLean.');
      } else
        changes.push(
          'Retained explicit or unowned agents.defaults.experimental.localModelLean=true; remove it or set it to false to restore the full tool capabilities through Tool Search.',
        );
    }
    delete wizard.localModelLeanAutoModel;
    changes.push('Removed retired wizard.localModelLeanAutoModel.');
  },
};

/** After `runtime.messages-suppress-tool-errors`. */
export const INTERNAL_HOOK_HANDLERS_MIGRATION: Migration = {
  id: 'runtime.retired-internal-hook-handlers',
  detect: present(
    ['hooks', 'internal', 'handlers'],
    'hooks.internal.handlers is retired. Move each module to a managed/workspace hook directory with HOOK.md + handler file before running "openclaw doctor --fix"; the fix removes retired registrations and does not materialize executable files.',
  ),
  apply: (root, changes) => {
    const internal = rec(rec(root.hooks)?.internal);
    if (!has(internal, 'handlers')) return;
    delete internal.handlers;
    changes.push('Removed retired hooks.internal.handlers registrations; hook files must be migrated separately.');
    const entries = rec(internal.entries);
    const extraDirs = rec(internal.load)?.extraDirs;
    const named = entries !== undefined && Object.keys(entries).length > 0;
    const dirs = Array.isArray(extraDirs) && extraDirs.some((d) => typeof d === 'string' && d.trim().length > 0);
    if (internal.enabled === true && !named && !dirs) {
      delete internal.enabled;
      changes.push('Removed legacy-only hooks.internal.enabled to avoid enabling broad hook discovery.');
    }
  },
};

// --- session, skills --------------------------------------------------------------------------------------------

/** A duration openclaw parses (days by default) that is zero. */
function zeroDuration(value: unknown): boolean {
  if (value === false || value === null || value === undefined) return false;
  const text = String(value).trim();
  if (!text || !isValidDuration(text, 'd')) return false;
  return !/[1-9]/.test(text);
}

/** After the retired keys, before the tool-name renames. */
export const SESSION_SKILLS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'session.canonical-aliases',
    detect: (root) => [
      ...present(
        ['session', 'maintenance', 'pruneDays'],
        `session.maintenance.pruneDays was renamed to pruneAfter. ${RUN}`,
      )(root),
      ...present(['session', 'resetByType', 'dm'], `session.resetByType.dm was renamed to direct. ${RUN}`)(root),
    ],
    apply: (root, changes) => {
      const session = rec(root.session);
      const maintenance = rec(session?.maintenance);
      if (has(maintenance, 'pruneDays')) {
        if (maintenance.pruneAfter === undefined) {
          maintenance.pruneAfter = maintenance.pruneDays;
          changes.push('Moved session.maintenance.pruneDays → session.maintenance.pruneAfter.');
        } else changes.push('Removed session.maintenance.pruneDays (pruneAfter already set).');
        delete maintenance.pruneDays;
      }
      const resetByType = rec(session?.resetByType);
      if (has(resetByType, 'dm')) {
        if (resetByType.direct === undefined) {
          resetByType.direct = resetByType.dm;
          changes.push('Moved session.resetByType.dm → session.resetByType.direct.');
        } else changes.push('Removed session.resetByType.dm (direct already set).');
        delete resetByType.dm;
      }
    },
  },
  {
    id: 'session.maintenance.rotateBytes',
    detect: present(
      ['session', 'maintenance'],
      'session.maintenance.rotateBytes is deprecated and ignored; run "openclaw doctor --fix" to remove it.',
      (v) => has(rec(v), 'rotateBytes'),
    ),
    apply: (root, changes) => {
      const maintenance = rec(rec(root.session)?.maintenance);
      if (!has(maintenance, 'rotateBytes')) return;
      delete maintenance.rotateBytes;
      changes.push('Removed deprecated session.maintenance.rotateBytes.');
    },
  },
  {
    id: 'session.parentForkMaxTokens',
    detect: present(
      ['session'],
      'session.parentForkMaxTokens was removed; parent fork sizing is automatic. Run "openclaw doctor --fix" to remove it.',
      (v) => has(rec(v), 'parentForkMaxTokens'),
    ),
    apply: (root, changes) => {
      const session = rec(root.session);
      if (!has(session, 'parentForkMaxTokens')) return;
      delete session.parentForkMaxTokens;
      changes.push('Removed session.parentForkMaxTokens; parent fork sizing is automatic.');
    },
  },
  {
    id: 'session.maintenance.zero-duration-retention',
    detect: (root) => [
      ...present(
        ['session', 'maintenance'],
        'session.maintenance.pruneAfter is a zero duration — this causes immediate deletion of eligible stale/non-preserved session entries. Run "openclaw doctor --fix" to remove it so the documented 30d default applies.',
        (v) => has(rec(v), 'pruneAfter') && zeroDuration(rec(v)!.pruneAfter),
      )(root),
      ...present(
        ['session', 'maintenance'],
        'session.maintenance.resetArchiveRetention is a zero duration — this causes immediate deletion of all reset transcript archives. Run "openclaw doctor --fix" to remove it so the keep-by-default archive retention applies.',
        (v) => has(rec(v), 'resetArchiveRetention') && zeroDuration(rec(v)!.resetArchiveRetention),
      )(root),
    ],
    apply: (root, changes) => {
      const maintenance = rec(rec(root.session)?.maintenance);
      if (!maintenance) return;
      for (const key of ['resetArchiveRetention', 'pruneAfter']) {
        if (!has(maintenance, key) || !zeroDuration(maintenance[key])) continue;
        const label = String(maintenance[key]);
        delete maintenance[key];
        const outcome =
          key === 'resetArchiveRetention'
            ? 'keep-by-default archive retention applies'
            : '30d session-pruning default applies';
        changes.push(`Removed session.maintenance.${key} "${label}" (zero duration); ${outcome}.`);
      }
    },
  },
  {
    id: 'skills.workshop.autonomous.enabled->mode',
    detect: present(
      ['skills', 'workshop', 'autonomous', 'enabled'],
      `skills.workshop.autonomous.enabled is retired; use skills.workshop.autonomous.mode. ${RUN}`,
    ),
    apply: (root, changes) => {
      const autonomous = rec(rec(rec(root.skills)?.workshop)?.autonomous);
      if (!has(autonomous, 'enabled')) return;
      if (autonomous.mode === undefined) {
        const mode = autonomous.enabled === false ? 'off' : 'propose';
        autonomous.mode = mode;
        changes.push(`Mapped skills.workshop.autonomous.enabled to mode: "${mode}".`);
      } else changes.push('Removed skills.workshop.autonomous.enabled because autonomous.mode is already set.');
      delete autonomous.enabled;
    },
  },
  {
    id: 'skills.workshop.allowSymlinkTargetWrites-retired',
    detect: present(
      ['skills', 'workshop', 'allowSymlinkTargetWrites'],
      `skills.workshop.allowSymlinkTargetWrites is retired; Skill Workshop writes only inside its own directory. ${RUN}`,
    ),
    apply: (root, changes) => {
      if (deletePath(root, ['skills', 'workshop', 'allowSymlinkTargetWrites']))
        changes.push(
          'Removed retired skills.workshop.allowSymlinkTargetWrites; Skill Workshop writes only inside its own directory.',
        );
    },
  },
];
