import assert from 'node:assert/strict';
import { it } from 'node:test';
import { finding } from '../../../test/helpers/findings.ts';
import { testFamily } from '../../../test/helpers/rule-tester.ts';
import { rules } from './tools-elevated.ts';

const many = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `u${i}`));

testFamily('tools.elevated.allowFrom.<provider>.*', rules, {
  valid: [
    {
      name: 'elevated mode disabled, even with a wildcard',
      config: '{ tools: { elevated: { enabled: false, allowFrom: { telegram: ["*"] } } } }',
    },
    {
      name: '25 entries plus blank ones are not large',
      config: `{ tools: { elevated: { allowFrom: { discord: ${many(25).replace(']', ', "", "  "]')} } } } }`,
    },
  ],
  invalid: [
    {
      name: 'a wildcard is critical per provider (at the "*" entry), more than 25 entries warn (at the provider)',
      config: `{\n  tools: {\n    elevated: {\n      allowFrom: {\n        telegram: ["1", " * "],\n        discord: ${many(26)},\n        slack: ${many(25)},\n      },\n    },\n  },\n}`,
      findings: [
        {
          checkId: 'tools.elevated.allowFrom.telegram.wildcard',
          severity: 'critical',
          at: '5:25',
          title: 'Elevated exec allowlist contains wildcard',
        },
        { checkId: 'tools.elevated.allowFrom.discord.large', severity: 'warn', at: '6:9' },
      ],
    },
  ],
});

it('the wildcard finding carries no remediation, like openclaw', () => {
  assert.equal(
    finding('{ tools: { elevated: { allowFrom: { telegram: ["*"] } } } }', 'tools.elevated.allowFrom.telegram.wildcard')
      .remediation,
    undefined,
  );
});
