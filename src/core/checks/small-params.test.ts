import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf } from '../../../test/helpers/findings.ts';
import { inferParamB } from './small-params.ts';

test('parameter sizes from model ids', () => {
  assert.equal(inferParamB('nvidia/meta/llama-3.3-70b-instruct'), 70);
  assert.equal(inferParamB('ollama/qwen3:8b'), 8);
  assert.equal(inferParamB('mixtral-8x7b'), null);
  assert.equal(inferParamB('phi-3-mini-3.8b-q4'), 3.8);
  assert.equal(inferParamB('openai/gpt-5.4'), null);
});

test('a small default model with web_fetch is critical and points at the model', () => {
  const config =
    '{\n  agents: { defaults: { model: {\n    primary: "openai/gpt-5.4",\n    fallbacks: ["openai/gpt-oss-120b"],\n  } } },\n}';
  assert.deepEqual(idsOf(config, 'models.small'), ['models.small_params:critical']);
  const f = finding(config, 'models.small_params');
  assert.match(
    f.detail,
    /- openai\/gpt-oss-120b \(120B\) @ agents.defaults.model.fallbacks \(unsafe; sandbox=off; web=\[web_fetch, browser\]\)/,
  );
  assert.deepEqual(at(f), [4, 17]);
});

test('web tools off, per-model deny, or a sandboxed agent make it info', () => {
  assert.deepEqual(
    idsOf(
      '{ agents: { defaults: { model: "openai/gpt-oss-20b" } }, tools: { web: { fetch: { enabled: false } } }, browser: { enabled: false } }',
      'models.small',
    ),
    ['models.small_params:info'],
  );
  assert.deepEqual(
    idsOf(
      '{ agents: { defaults: { model: "openai/gpt-oss-20b" } }, tools: { byProvider: { "openai/gpt-oss-20b": { deny: ["group:web", "browser"] } } } }',
      'models.small',
    ),
    ['models.small_params:info'],
  );
  assert.deepEqual(
    idsOf(
      '{ agents: { entries: { main: { model: "openai/gpt-oss-20b", sandbox: { mode: "all" } } } } }',
      'models.small',
    ),
    ['models.small_params:info'],
  );
});

test('image models and large models are not flagged', () => {
  assert.deepEqual(
    idsOf('{ agents: { defaults: { model: "openai/gpt-5.4", imageModel: "openai/gpt-oss-20b" } } }', 'models.small'),
    [],
  );
  assert.deepEqual(idsOf('{ agents: { defaults: { model: "meta/llama-3.1-405b" } } }', 'models.small'), []);
});
