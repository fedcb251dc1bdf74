import { readFileSync, readdirSync, statSync } from 'node:fs';
import { evaluate, parse } from '@humanwhocodes/momoa';
const t0 = performance.now();
const { validateConfig } = await import('../src/core/schema/validate.ts');
const t1 = performance.now();
const root = new URL('../test/conformance/cases', import.meta.url).pathname;
let big = '';
let size = 0;
for (const d of readdirSync(root)) {
  if (d.includes('.')) continue;
  const f = `${root}/${d}/openclaw.json`;
  const s = statSync(f).size;
  if (s > size) {
    size = s;
    big = f;
  }
}
const cfg = evaluate(parse(readFileSync(big, 'utf8'), { mode: 'json5' } as never) as never);
const a = performance.now();
validateConfig(cfg);
const b = performance.now();
for (let i = 0; i < 20; i++) validateConfig(cfg);
const c = performance.now();
console.log({
  big,
  size,
  moduleLoadMs: (t1 - t0).toFixed(1),
  firstMs: (b - a).toFixed(1),
  warmMs: ((c - b) / 20).toFixed(2),
});
