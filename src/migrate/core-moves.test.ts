import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../io/node-host.ts';
import { runMigration } from './run.ts';

/** Migrates one config text as `openclaw doctor --fix` would: doctor's lines, its other repairs, the edited text. */
function migrate(text: string) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oc-core-moves-')));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const configPath = join(dir, 'openclaw.json');
  writeFileSync(configPath, text);
  const run = runMigration({ host: nodeHost, configPath, root: dir });
  assert.ok(run);
  assert.deepEqual(run.errors, []);
  return {
    lines: run.plan.changes,
    repairs: run.plan.repairs,
    text: run.files[0]?.after ?? text,
    migrated: run.plan.migrated as Record<string, unknown>,
  };
}

test('messages.tts moves to top-level tts; the edge provider becomes microsoft and its voice a speakerVoice; the microsoft plugin is enabled', () => {
  const r = migrate(`{
  messages: {
    tts: {
      auto: "tagged",
      provider: "edge", // free voices
      edge: { enabled: true, voice: "en-US-GuyNeural" },
    },
  },
  plugins: { allow: ["anthropic"] },
}
`);
  assert.deepEqual(r.lines, [
    'Moved messages.tts to top-level tts.',
    'Moved tts.provider "edge" → "microsoft".',
    'Moved tts.edge → tts.providers.microsoft.',
    'Moved tts.providers.microsoft.voice → tts.providers.microsoft.speakerVoice.',
  ]);
  assert.deepEqual(r.migrated.tts, {
    auto: 'tagged',
    provider: 'microsoft',
    providers: { microsoft: { enabled: true, speakerVoice: 'en-US-GuyNeural' } },
  });
  assert.ok(r.repairs.includes('microsoft speech provider selected, enabled automatically.'));
  // (The implicit default model runs on Codex, so doctor's Codex route repair enables the codex plugin too.)
  assert.deepEqual(r.migrated.plugins, {
    allow: ['anthropic', 'microsoft', 'codex'],
    entries: { microsoft: { enabled: true }, codex: { enabled: true } },
  });
});

test('a TTS enabled toggle becomes an auto mode, unless auto is already set', () => {
  const r = migrate(`{
  tts: { enabled: true, openai: { voiceId: "alloy" } },
  channels: { telegram: { tts: { enabled: false, auto: "inbound" } } },
}
`);
  assert.ok(r.lines.includes('Moved tts.openai → tts.providers.openai.'));
  assert.ok(r.lines.includes('Moved tts.providers.openai.voiceId → tts.providers.openai.speakerVoiceId.'));
  assert.ok(r.lines.includes('Moved tts.enabled → tts.auto "always".'));
  assert.ok(
    r.lines.includes('Removed channels.telegram.tts.enabled because channels.telegram.tts.auto is already set.'),
  );
});

test('policy lists naming the retired image tool name view_image instead; a wildcard covering it gains view_image', () => {
  const r = migrate(`{
  tools: {
    sandbox: { tools: { allow: ["exec", "image", "read"] } },
    subagents: { tools: { allow: ["im*"] } },
  },
  agents: { entries: { ops: { tools: { deny: ["IMAGE", "browser"] } } } },
}
`);
  assert.deepEqual(r.lines, [
    'Migrated legacy image policy coverage to view_image in tools.sandbox.tools.allow, tools.subagents.tools.allow, agents.entries.ops.tools.deny.',
  ]);
  assert.match(r.text, /allow: \["exec", "view_image", "read"\]/);
  assert.match(r.text, /allow: \["im\*", "view_image"\]/);
  assert.match(r.text, /deny: \["view_image", "browser"\]/);
});

test('retired QMD memory settings are removed; its session indexing and external paths move to memory.search', () => {
  const r = migrate(`{
  memory: {
    backend: "qmd",
    citations: "auto",
    qmd: { sessions: { enabled: true }, paths: [{ path: "~/notes" }, { path: "~/docs", pattern: "*.md" }] },
  },
}
`);
  assert.deepEqual(r.lines, [
    'Migrated memory.qmd.sessions.enabled → memory.search.experimental.sessionMemory and memory.search.sources.',
    'Migrated 2 external QMD paths from memory.qmd.paths and memory.search.qmd.extraCollections → memory.search.extraPaths.',
    'Removed retired QMD memory configuration; builtin memory is now the only memory engine.',
  ]);
  assert.deepEqual(r.migrated.memory, {
    citations: 'auto',
    search: {
      experimental: { sessionMemory: true },
      sources: ['memory', 'sessions'],
      extraPaths: ['~/notes', { path: '~/docs', pattern: '*.md' }],
    },
  });
});

test('exec security/ask with ask "always" has no exact mode: doctor leaves it as written', () => {
  const r = migrate(`{
  agents: {
    ownership: "explicit",
    entries: {
      guard: { tools: { exec: { security: "deny", ask: "always" } } },
      ops: { tools: { exec: { security: "allowlist", ask: "on-miss" } } },
    },
  },
}
`);
  assert.deepEqual(r.lines, [
    'Moved agents.entries.ops.tools.exec.security/ask → agents.entries.ops.tools.exec.mode.',
    'Applied tier-eval tranche retirements; canonical settings and built-in defaults now apply.',
  ]);
  assert.deepEqual((r.migrated.agents as { entries: Record<string, unknown> }).entries.guard, {
    tools: { exec: { security: 'deny', ask: 'always' } },
  });
});

test('a profile that filters an explicitly allowed configured section: allow keeps the grant and the profile becomes "full"', () => {
  const r = migrate(`{
  agents: {
    entries: {
      reviewer: { tools: { profile: "minimal", allow: ["read", "exec"], exec: { host: "gateway" } } },
    },
  },
}
`);
  assert.deepEqual(r.lines, [
    'Replaced agents.entries.reviewer.tools.allow entries with profile "minimal" grants plus explicit configured-section grants.',
    'Set agents.entries.reviewer.tools.profile to "full" so agents.entries.reviewer.tools.allow controls explicit configured-section grants directly.',
  ]);
  assert.match(r.text, /profile: "full", allow: \["exec"\]/);
});

test('an activeHours the heartbeat schema rejects is removed with the migration', () => {
  const r = migrate(`{
  heartbeat: { lightContext: true, activeHours: "08:00-23:00 Europe/Berlin" },
}
`);
  assert.ok(r.lines.includes('Moved heartbeat → agents.defaults.heartbeat.'));
  assert.ok(
    r.repairs.includes(
      'Removed invalid agents.defaults.heartbeat.activeHours; heartbeats will use unrestricted hours until it is reconfigured.',
    ),
  );
  assert.deepEqual((r.migrated.agents as { defaults: unknown }).defaults, { heartbeat: { lightContext: true } });
});

test('memory search settings move to memory.search, per agent too, with flat fields nested and the auto provider made explicit', () => {
  const r = migrate(`{
  agents: {
    defaults: { memorySearch: { provider: "auto", maxResults: 8 } },
    entries: { ops: { memorySearch: { maxResults: 5, store: { path: "~/.cache/ops.sqlite" } } } },
  },
}
`);
  assert.deepEqual(r.lines.slice(0, 6), [
    'Moved legacy memorySearch defaults → memory.search.',
    'Moved agents.entries.ops.memorySearch → agents.entries.ops.memory.search.',
    'Moved memory.search.maxResults → memory.search.query.maxResults.',
    'Moved agents.entries.ops.memory.search.maxResults → agents.entries.ops.memory.search.query.maxResults.',
    'Moved memory.search.provider from legacy "auto" to "openai".',
    'Removed agents.entries.ops.memory.search.store.path; memory indexes now use each agent database.',
  ]);
  assert.deepEqual(r.migrated.memory, { search: { provider: 'openai', query: { maxResults: 8 } } });
});

test('retired gateway settings: Control UI tool titles, a managed Tailscale Service name, an out-of-range port', () => {
  const r = migrate(`{
  gateway: {
    mode: "local",
    port: 70000,
    controlUi: { toolTitles: true },
    tailscale: { mode: "serve", serviceName: "svc:openclaw" },
  },
}
`);
  assert.ok(
    r.lines.includes(
      'Removed retired gateway.controlUi.toolTitles; tool activity descriptions are automatic and make no utility-model calls.',
    ),
  );
  assert.ok(
    r.lines.some((l) => l.startsWith('Removed gateway.tailscale.serviceName and set gateway.tailscale.mode=off')),
  );
  assert.ok(
    r.lines.includes(
      'Removed out-of-range gateway.port (70000). Valid TCP ports are 1–65535; the gateway will use the default port 18789.',
    ),
  );
  assert.deepEqual(r.migrated.gateway, { mode: 'local', controlUi: {}, tailscale: { mode: 'off' } });
});

test('retired agent and root settings: each is removed or moved with the line doctor prints', () => {
  const r = migrate(`{
  session: { typingMode: "thinking" },
  tui: { footer: "full" },
  messages: { messagePrefix: "[bot]" },
  talk: { realtime: { voice: "alloy" } },
  bindings: [{ agentId: "main", match: { channel: "telegram", peer: { kind: "dm", id: "1" } } }],
  agents: {
    defaults: {
      systemPromptOverride: "You are terse.",
      model: { primary: "anthropic/claude-sonnet-4-6", timeoutMs: 5000 },
      sandbox: { perSession: true },
    },
  },
}
`);
  for (const line of [
    'Moved deprecated bindings[].match.peer.kind "dm" → "direct" for 1 binding.',
    'Removed agents.defaults.systemPromptOverride.',
    'Removed agents.defaults.model.timeoutMs; agent model config only selects models.',
    'Moved agents.defaults.sandbox.perSession → agents.defaults.sandbox.scope (session).',
    'Moved session.typingMode → agents.defaults.typingMode.',
    'Removed retired tui config; the footer uses the default compact display.',
    'Moved messages.messagePrefix → channels.whatsapp.responsePrefix.',
    'Moved talk.realtime.voice → talk.realtime.speakerVoice.',
  ])
    assert.ok(r.lines.includes(line), line);
  assert.deepEqual((r.migrated.agents as { defaults: Record<string, unknown> }).defaults.sandbox, { scope: 'session' });
});

test('retired runtime settings: audio transcriber, queue modes, cron webhook, session aliases, Skill Workshop autonomy', () => {
  const r = migrate(`{
  audio: { transcription: { command: ["whisper", "--file", "{input}"] } },
  messages: { queue: { mode: "queue" } },
  cron: { webhook: "https://example.com/hook" },
  session: { maintenance: { pruneDays: 7, resetArchiveRetention: "0d" } },
  skills: { workshop: { autonomous: { enabled: true } } },
}
`);
  for (const line of [
    'Moved audio.transcription → tools.media.models.',
    'Moved deprecated messages.queue.mode "queue" → "steer"; use "steer" for default active-run steering.',
    'Removed retired cron.webhook after stored jobs migrated to per-job delivery.',
    'Moved session.maintenance.pruneDays → session.maintenance.pruneAfter.',
    'Removed session.maintenance.resetArchiveRetention "0d" (zero duration); keep-by-default archive retention applies.',
    'Mapped skills.workshop.autonomous.enabled to mode: "propose".',
  ])
    assert.ok(r.lines.includes(line), line);
  assert.deepEqual((r.migrated.tools as Record<string, unknown>).media, {
    audio: { enabled: true, preferredModel: 'cli:whisper' },
    models: [{ command: 'whisper', type: 'cli', args: ['--file', '{{AttachmentPath}}'], capabilities: ['audio'] }],
  });
});

test('MCP servers: disabled becomes enabled, timeout aliases become milliseconds, CLI aliases take canonical spellings', () => {
  const r = migrate(`{
  mcp: {
    servers: {
      files: { command: "npx", disabled: true, timeout: 30, workingDirectory: "/srv" },
      remote: { type: "http", url: "https://mcp.example.com/mcp", ssl_verify: false },
    },
  },
}
`);
  assert.deepEqual(r.lines.slice(0, 4), [
    'Moved mcp.servers.files.disabled true → enabled false.',
    'Moved mcp.servers.files.timeout → requestTimeoutMs (30000 ms).',
    'Canonicalized legacy aliases in mcp.servers.files.',
    'Canonicalized legacy aliases in mcp.servers.remote.',
  ]);
  assert.deepEqual(r.migrated.mcp, {
    servers: {
      files: { command: 'npx', enabled: false, requestTimeoutMs: 30000, cwd: '/srv' },
      remote: { url: 'https://mcp.example.com/mcp', transport: 'streamable-http', sslVerify: false },
    },
  });
});

test('a scope with both allow and alsoAllow is merged only when its profile already grants the extras', () => {
  const r = migrate(`{
  tools: { profile: "coding", allow: ["read", "exec"], alsoAllow: ["exec"], codeMode: { runtime: "quickjs-wasi" } },
}
`);
  assert.ok(r.lines.includes('Merged tools.alsoAllow into tools.allow.'));
  assert.ok(r.lines.includes('Moved tools.codeMode.runtime to tools.codeMode.executor (quickjs).'));
  assert.deepEqual(r.migrated.tools, {
    profile: 'coding',
    allow: ['read', 'exec'],
    alsoAllow: [],
    codeMode: { executor: 'quickjs' },
  });
});

test('per-capability media models become capability-tagged entries; unusable egress proxy hosts are dropped', () => {
  const r = migrate(`{
  secrets: { egressProxy: { url: "http://127.0.0.1:3128", allowedHosts: ["api.example.com", "*.example.com"] } },
  tools: {
    media: {
      audio: { enabled: true, models: [{ provider: "deepgram", model: "nova-3", deepgram: { smartFormat: true } }] },
    },
  },
}
`);
  assert.deepEqual(r.lines.slice(0, 3), [
    'Moved tools.media.audio.models[0].deepgram → tools.media.audio.models[0].providerOptions.deepgram.',
    'Consolidated tools.media image/audio/video model settings into capability-tagged tools.media.models entries.',
    'Removed unusable secrets.egressProxy.allowedHosts entries: "*.example.com".',
  ]);
  assert.deepEqual(r.migrated.tools, {
    media: {
      audio: { enabled: true },
      models: [
        {
          provider: 'deepgram',
          model: 'nova-3',
          providerOptions: { deepgram: { smart_format: true } },
          capabilities: ['audio'],
        },
      ],
    },
  });
});
