import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { coreFindings, coreIds } from '../../../test/helpers/core-findings.ts';
import { isClaude45Plus } from './models.ts';

const modelFindings = (config: string) => coreFindings(config).filter((f) => f.checkId.startsWith('models.'));

describe('models.legacy / models.weak_tier', () => {
  // openclaw's Claude 4.5+ test also matches `claude-3-5-…` (the `-5-` segment), so that image model is not reported.
  it('classifies defaults, fallbacks and the image model', () => {
    const findings = modelFindings(
      '{ agents: { defaults: { model: { primary: "openai/gpt-3.5-turbo", fallbacks: ["anthropic/claude-3-haiku-20240307", "gpt-4o"] }, imageModel: "anthropic/claude-3-5-sonnet-latest" } } }',
    );
    assert.deepEqual(
      findings.map((f) => `${f.checkId}:${f.severity}`),
      ['models.legacy:warn', 'models.weak_tier:warn'],
    );
    assert.match(
      findings[0]!.detail,
      /\n- openai\/gpt-3\.5-turbo \(GPT-3\.5 family\) @ agents\.defaults\.model\.primary$/,
    );
    assert.deepEqual(findings[1]!.detail.split('\n').slice(1), [
      '- openai/gpt-3.5-turbo (Below GPT-5 family) @ agents.defaults.model.primary',
      '- anthropic/claude-3-haiku-20240307 (Haiku tier (smaller model); Below Claude 4.5) @ agents.defaults.model.fallbacks',
      '- openai/gpt-4o (Below GPT-5 family) @ agents.defaults.model.fallbacks',
    ]);
    assert.equal(findings[0]!.location!.path, 'agents.defaults.model.primary');
  });

  it('reads agent entries and resolves aliases', () => {
    const legacy = modelFindings(
      '{ agents: { entries: { old: { model: { primary: "anthropic/claude-2.1", fallbacks: ["openai/gpt-4-0613"] } } } } }',
    )[0]!;
    assert.match(
      legacy.detail,
      /- anthropic\/claude-2\.1 \(Claude 2\/Instant family\) @ agents\.entries\.old\.model\.primary\n- openai\/gpt-4-0613 \(Legacy GPT-4 snapshots\) @ agents\.entries\.old\.model\.fallbacks$/,
    );
    const alias = modelFindings(
      '{ agents: { defaults: { models: { "anthropic/claude-3-haiku-20240307": { alias: "quick" } } }, entries: { a: { model: "Quick" } } } }',
    );
    assert.deepEqual(
      alias.map((f) => f.checkId),
      ['models.weak_tier'],
    );
    assert.match(alias[0]!.detail, /- anthropic\/claude-3-haiku-20240307 \(.*\) @ agents\.entries\.a\.model$/);
  });

  it('accepts GPT-5 and Claude 4.5+', () => {
    assert.deepEqual(
      coreIds(
        '{ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["anthropic/claude-sonnet-4.5", "openai/gpt-5.2"] } } } }',
      ).filter((id) => id.startsWith('models.')),
      [],
    );
  });
});

describe('the Claude 4.5+ test', () => {
  const byRegex = (id: string) =>
    /\bclaude-[^\s/]*?(?:-4-?(?:[5-9]|[1-9]\d)\b|4\.(?:[5-9]|[1-9]\d)\b|-[5-9](?:\b|[.-]))/i.test(id);

  it("decides like openclaw's regex on names made of claude-, digits, dots, dashes, spaces and slashes", () => {
    const id = fc.string({
      unit: fc.constantFrom('claude-', 'Claude-', 'x', '4', '5', '1', '0', '.', '-', ' ', '/', '_'),
      maxLength: 14,
    });
    fc.assert(
      fc.property(id, (s) => assert.equal(isClaude45Plus(s), byRegex(s), JSON.stringify(s))),
      { seed: 20260906, numRuns: 20_000 },
    );
  });

  it('reads a model name of 40,000 repeated "claude-" once (the regex rescanned it from each one)', () => {
    const findings = modelFindings(
      JSON.stringify({ agents: { defaults: { model: { primary: `anthropic/${'claude-'.repeat(40_000)}3` } } } }),
    );
    assert.deepEqual(
      findings.map((f) => f.checkId),
      ['models.weak_tier'],
    );
  });
});
