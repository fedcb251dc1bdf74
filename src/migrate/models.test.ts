import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../io/node-host.ts';
import { runMigration } from './run.ts';

/** Migrates one config text: doctor's lines, its other repairs, the migrated config and the edited text. */
function migrate(text: string) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oc-models-')));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'openclaw.json'), text);
  const run = runMigration({ host: nodeHost, configPath: join(dir, 'openclaw.json'), root: dir });
  assert.ok(run);
  assert.deepEqual(run.errors, []);
  return {
    changes: run.plan.changes,
    repairs: run.plan.repairs,
    migrated: run.plan.migrated,
    /** The migrated value at a key path. */
    at: (...keys: string[]) =>
      keys.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], run.plan.migrated),
    text: run.files[0]?.after ?? text,
  };
}

test('a provider catalog row with a retired model id is upgraded; rows that now share an id are merged into the canonical one', () => {
  const r = migrate(`{
  gateway: { mode: "local", tailscale: { resetOnExit: false } },
  agents: { defaults: { model: "anthropic/claude-opus-4-7" } },
  models: {
    providers: {
      anthropic: {
        baseUrl: "https://api.anthropic.com",
        models: [
          { id: "claude-opus-4-7", name: "Claude Opus 4.7", contextWindow: 1000000 },
          // kept for old sessions
          { id: "claude-opus-4-5-20251101", name: "Claude Opus 4.5", contextWindow: 200000, reasoning: true },
          { id: "claude-sonnet-4-5", name: "Claude Sonnet 4.5" },
        ],
      },
    },
  },
}
`);
  assert.deepEqual(r.changes, [
    'Removed retired gateway.tailscale.resetOnExit config.',
    'Merged config.models.providers.anthropic.models.1 into model id "claude-opus-4-7"; kept canonical values for conflicting fields: contextWindow, name.',
    'Upgraded config.models.providers.anthropic.models.1.id from "claude-opus-4-5-20251101" to "claude-opus-4-7".',
    'Upgraded config.models.providers.anthropic.models.2.id from "claude-sonnet-4-5" to "claude-sonnet-4-6".',
  ]);
  assert.deepEqual(r.at('models', 'providers', 'anthropic', 'models'), [
    { id: 'claude-opus-4-7', name: 'Claude Opus 4.7', contextWindow: 1000000, reasoning: true },
    { id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.5' },
  ]);
});

test('the legacy openai-codex provider is removed when models.providers.openai already defines its models, moved when there is none', () => {
  const both = migrate(`{
  models: {
    providers: {
      "openai-codex": { baseUrl: "\${OPENAI_CODEX_BASE_URL}", models: [] },
      openai: { baseUrl: "\${OPENAI_BASE_URL}", models: [] },
    },
  },
}
`);
  assert.deepEqual(both.changes, [
    'Removed models.providers.openai-codex because models.providers.openai already exists.',
  ]);
  assert.deepEqual(both.at('models', 'providers'), { openai: { baseUrl: '${OPENAI_BASE_URL}', models: [] } });
  assert.doesNotMatch(both.text, /openai-codex/);

  const alone = migrate(`{
  agents: { defaults: { model: "openai/gpt-5.4" } },
  models: {
    providers: {
      codex: { api: "openai-codex-responses", models: [{ id: "gpt-5.4", name: "GPT-5.4" }] },
    },
  },
}
`);
  assert.deepEqual(alone.changes, [
    'Moved models.providers.codex.api "openai-codex-responses" → "openai-chatgpt-responses".',
    'Moved models.providers.codex → models.providers.openai.',
  ]);
  assert.deepEqual(alone.at('models', 'providers'), {
    openai: {
      api: 'openai-chatgpt-responses',
      models: [{ id: 'gpt-5.4', name: 'GPT-5.4', agentRuntime: { id: 'codex' } }],
    },
  });
});

test('a legacy Codex provider whose models differ from the OpenAI ones is left for a person', () => {
  const r = migrate(`{
  gateway: { mode: "local", tailscale: { resetOnExit: false } },
  models: {
    providers: {
      openai: { models: [{ id: "gpt-5.4", contextWindow: 400000 }] },
      "openai-codex": { models: [{ id: "gpt-5.4", contextWindow: 272000 }] },
    },
  },
}
`);
  assert.ok(!r.changes.some((line) => line.includes('openai-codex')), r.changes.join('\n'));
  assert.ok(r.at('models', 'providers', 'openai-codex'));
});

test('refs on the retired openai-codex provider become openai/<model> pinned to the Codex runtime; its auth profile moves to openai', () => {
  const r = migrate(`{
  auth: { profiles: { "openai-codex:default": { provider: "openai-codex", mode: "oauth" } } },
  agents: {
    defaults: { model: { primary: "openai-codex/gpt-5.4" } },
    entries: { main: {}, writer: { model: "openai-codex/gpt-5.4" } },
  },
  commands: { ownerDisplay: "raw" },
}
`);
  assert.deepEqual(r.repairs, [
    'Repaired Codex model routes:\n- agents.defaults.model.primary: openai-codex/gpt-5.4 -> openai/gpt-5.4.\n- agents.entries.writer.model: openai-codex/gpt-5.4 -> openai/gpt-5.4.',
    'Set agents.defaults.models.openai/gpt-5.4.agentRuntime.id to "codex" so repaired OpenAI refs keep Codex auth routing.',
    'Set agents.entries.writer.models.openai/gpt-5.4.agentRuntime.id to "codex" so repaired OpenAI refs keep Codex auth routing.',
    'Migrated legacy auth profile config to canonical providers.',
  ]);
  // (The roster step also names main the system and heartbeat agent of this multi-agent roster: src/migrate/roster.ts.)
  assert.deepEqual(r.at('agents', 'defaults', 'model'), { primary: 'openai/gpt-5.4' });
  assert.deepEqual(r.at('agents', 'defaults', 'models'), { 'openai/gpt-5.4': { agentRuntime: { id: 'codex' } } });
  assert.equal(r.at('agents', 'entries', 'writer', 'model'), 'openai/gpt-5.4');
  assert.deepEqual(r.at('auth', 'profiles'), { 'openai:default': { provider: 'openai', mode: 'oauth' } });
});

test('an agent on the default OpenAI model runs on Codex: a restrictive plugins.allow gets the codex plugin', () => {
  const config = (providers: string) => `{
  plugins: { allow: ["browser"] },
  agents: { entries: { main: { tools: { allow: ["browser"] } } } },
  commands: { ownerDisplay: "raw" },${providers}
}
`;
  const r = migrate(config(''));
  assert.ok(r.repairs.includes('Enabled plugins.entries.codex because configured agent routes use Codex runtime.'));
  assert.deepEqual(r.at('plugins', 'allow'), ['browser', 'codex']);
  assert.deepEqual(r.at('plugins', 'entries', 'codex'), { enabled: true });
  // A custom OpenAI-compatible endpoint does not run on Codex.
  const custom = migrate(
    config('\n  models: { providers: { openai: { baseUrl: "http://localhost:8000/v1", models: [] } } },'),
  );
  assert.equal(custom.at('plugins', 'entries', 'codex'), undefined);
});

test('a configured MiniMax portal login enables the minimax plugin; the retired minimax-portal-auth id is not stale', () => {
  const r = migrate(`{
  auth: { profiles: { "minimax-portal:default": { provider: "minimax-portal", mode: "oauth" } } },
  agents: { defaults: { model: "minimax-portal/MiniMax-M2.5" } },
  plugins: {
    allow: ["minimax-portal-auth", "memory-core"],
    entries: { "minimax-portal-auth": { enabled: true }, "memory-core": { enabled: true } },
  },
  commands: { ownerDisplay: "raw" },
}
`);
  assert.ok(r.repairs.includes('minimax-portal auth configured, enabled automatically.'), r.repairs.join('\n'));
  assert.ok(!r.repairs.some((line) => line.includes('stale')), r.repairs.join('\n'));
  assert.deepEqual(r.at('plugins', 'allow'), ['minimax-portal-auth', 'memory-core', 'minimax']);
  assert.deepEqual(r.at('plugins', 'entries', 'minimax'), { enabled: true });
});

test('the local Ollama key marker becomes ollama-local and native Ollama models get num_ctx from their context window', () => {
  const r = migrate(`{
  auth: { profiles: { "ollama:default": { provider: "ollama", mode: "api_key" } } },
  agents: { defaults: { model: "ollama/gemma4" } },
  models: {
    providers: {
      ollama: {
        baseUrl: "http://127.0.0.1:11434",
        api: "ollama",
        apiKey: "OLLAMA_API_KEY",
        models: [{ id: "gemma4", name: "gemma4", contextWindow: 128000, maxTokens: 8192 }],
      },
    },
  },
}
`);
  assert.deepEqual(r.changes, [
    'Migrated models.providers.ollama.apiKey to ollama-local and removed the obsolete ollama:default auth profile marker.',
  ]);
  assert.ok(
    r.repairs.includes(
      'Set models.providers.ollama.models[0].params.num_ctx to 128000 for native Ollama compatibility.',
    ),
  );
  assert.equal(r.at('auth'), undefined);
  assert.equal(r.at('models', 'providers', 'ollama', 'apiKey'), 'ollama-local');
  assert.deepEqual(r.at('models', 'providers', 'ollama', 'models', '0', 'params'), { num_ctx: 128000 });
});

test('the retired nano-banana-pro skill becomes the default image model and the Google provider key', () => {
  const r = migrate(`{
  gateway: { mode: "local", tailscale: { resetOnExit: false } },
  skills: {
    entries: {
      "nano-banana-pro": { enabled: true, env: { GEMINI_API_KEY: "\${GEMINI_API_KEY}" } },
    },
  },
}
`);
  assert.deepEqual(r.repairs.slice(0, 3), [
    'Moved skills.entries.nano-banana-pro → agents.defaults.mediaModels.image.primary (google/gemini-3-pro-image-preview).',
    'Moved skills.entries.nano-banana-pro.env.GEMINI_API_KEY → models.providers.google.apiKey.',
    'Removed legacy skills.entries.nano-banana-pro.',
  ]);
  assert.equal(r.at('skills'), undefined);
  assert.deepEqual(r.at('agents', 'defaults', 'mediaModels'), {
    image: { primary: 'google/gemini-3-pro-image-preview' },
  });
  assert.deepEqual(r.at('models', 'providers', 'google'), {
    apiKey: '${GEMINI_API_KEY}',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    models: [],
  });
});

test('stale plugin ids are dropped, but not those with install records nor bare { enabled: false } decisions', () => {
  const r = migrate(`{
  plugins: {
    entries: {
      skillhub: { enabled: true },
      "alibaba-cloud-auth": { enabled: false },
      "local-tool": { enabled: true },
    },
    installs: { "local-tool": { source: "path", sourcePath: "/opt/local-tool" } },
  },
  commands: { ownerDisplay: "raw" },
}
`);
  assert.ok(r.repairs.includes('- plugins.entries: removed 1 stale plugin entry (skillhub)'), r.repairs.join('\n'));
  assert.deepEqual(r.at('plugins', 'entries'), {
    'alibaba-cloud-auth': { enabled: false },
    'local-tool': { enabled: true },
  });
});

test('model refs keep an auth profile suffix but not a dated version suffix when upgraded', () => {
  const r = migrate(`{
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-opus-4-5@work", fallbacks: ["anthropic/claude-sonnet-4-5@20250929", "Google/gemini-3-pro"] },
    },
  },
}
`);
  assert.deepEqual(r.changes.slice(0, 3), [
    'Upgraded config.agents.defaults.model.primary from "anthropic/claude-opus-4-5@work" to "anthropic/claude-opus-4-7@work".',
    'Upgraded config.agents.defaults.model.fallbacks.0 from "anthropic/claude-sonnet-4-5@20250929" to "anthropic/claude-sonnet-4-6".',
    'Upgraded config.agents.defaults.model.fallbacks.1 from "Google/gemini-3-pro" to "google/gemini-3.1-pro-preview".',
  ]);
});

test('retired catalog settings: models.pricing, an unknown thinkingFormat, a stale catalog context window', () => {
  const r = migrate(`{
  agents: { defaults: { model: "xai/grok-4.20-reasoning" } },
  models: {
    pricing: { enabled: true },
    providers: {
      xai: {
        models: [
          { id: "grok-4.20-reasoning", contextWindow: 2000000 },
          { id: "grok-3", compat: { thinkingFormat: "bogus", supportsTools: true } },
        ],
      },
    },
  },
}
`);
  assert.deepEqual(r.changes.slice(0, 3), [
    'Removed models.pricing (pricing now ships with the hosted model catalog).',
    'Removed models.providers.xai.models.1.compat.thinkingFormat (unrecognized value "bogus"; runtime default applies).',
    'Repaired models.providers.xai.models[0].grok-4.20-reasoning.contextWindow (2000000 → 1000000 to match catalog default).',
  ]);
  assert.deepEqual(r.at('models'), {
    providers: {
      xai: {
        models: [
          { id: 'grok-4.20-reasoning', contextWindow: 1000000 },
          { id: 'grok-3', compat: { supportsTools: true } },
        ],
      },
    },
  });
});

test('a config that relied on the first catalog model as its implicit primary gets it written as the default primary', () => {
  const r = migrate(`{
  models: {
    providers: {
      xai: { baseUrl: "https://api.x.ai/v1", api: "openai-completions", models: [{ id: "grok-4.3", name: "Grok" }] },
    },
  },
  agents: { defaults: { workspace: "~/work" } },
  commands: { ownerDisplay: "raw" },
}
`);
  assert.equal(r.changes[0], 'Preserved the implicit primary model in agents.defaults.model.primary (xai/grok-4.3).');
  assert.deepEqual(r.at('agents', 'defaults', 'model'), { primary: 'xai/grok-4.3' });
  assert.equal(r.at('meta'), undefined);
});

test('the retired "openai" adapter id becomes openai-completions', () => {
  const r = migrate(`{
  agents: { defaults: { model: "local/qwen3" } },
  models: { providers: { local: { baseUrl: "http://127.0.0.1:8000/v1", api: "openai", models: [{ id: "qwen3", name: "Qwen3" }] } } },
  commands: { ownerDisplay: "raw" },
}
`);
  assert.ok(
    r.repairs.includes('Moved models.providers.local.api "openai" → "openai-completions".'),
    r.repairs.join('\n'),
  );
  assert.equal(r.at('models', 'providers', 'local', 'api'), 'openai-completions');
});
