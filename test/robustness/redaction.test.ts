/** Redaction with many secrets and regex metacharacters: one pass, same result as replacing one secret at a time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactJson, redactText } from '../../src/core/redact.ts';

const secretChars = fc.constantFrom(...'0123456789$.*()\\|?+^{}/"é✓\n'.split(''));
const secretArb = fc.string({ unit: secretChars, minLength: 4, maxLength: 12 });

test('redactText removes every secret, metacharacters included (seeded property)', () => {
  fc.assert(
    fc.property(fc.array(secretArb, { minLength: 1, maxLength: 30 }), fc.array(fc.oneof(secretArb, fc.string({ maxLength: 6 })), { maxLength: 40 }), (secrets, parts) => {
      const text = parts.join(' ') + ' ' + secrets.join(' x ');
      const out = redactText(text, secrets);
      for (const secret of secrets) assert.ok(!out.includes(secret), `${JSON.stringify(secret)} left in ${JSON.stringify(out)}`);
    }),
    { seed: 7, numRuns: 500 },
  );
});

test('redactJson keeps the document valid and removes secrets in raw and escaped form', () => {
  fc.assert(
    fc.property(fc.array(secretArb, { minLength: 1, maxLength: 10 }), (secrets) => {
      const doc = JSON.stringify({ file: 'openclaw.json', ok: true, values: secrets.map((s) => `pre ${s} post`) }, null, 2) + '\n';
      const out = redactJson(doc, secrets);
      const body = JSON.parse(out);
      assert.equal(body.file, 'openclaw.json');
      for (const secret of secrets) {
        assert.ok(!out.includes(secret) && !out.includes(JSON.stringify(secret).slice(1, -1)), JSON.stringify(secret));
      }
    }),
    { seed: 7, numRuns: 300 },
  );
});

test('redaction with 5,000 distinct secrets over a large output is one pass (correctness only; speed is in the bench)', () => {
  const secrets = Array.from({ length: 5000 }, (_, i) => `tok-${i}-0123456789abcdef`);
  const text = Array.from({ length: 20000 }, (_, i) => `line ${i} ${i % 1000 === 0 ? secrets[i / 1000] : 'nothing'}`).join('\n');
  const out = redactText(text, secrets);
  assert.equal(out.split('[redacted]').length - 1, 20);
  assert.equal(redactJson(JSON.stringify({ a: text }), secrets).includes('tok-0-'), false);
});
