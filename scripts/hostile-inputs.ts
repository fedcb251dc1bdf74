/**
 * The hostile inputs of issue 17, as files for a repository folder: each family at a size n (the bench runs n and 2n).
 * `npm run bench` times the CLI on them; each family's behaviour is pinned by a test beside the code that handles it.
 */
export interface HostileFamily {
  name: string;
  /** What n counts. */
  unit: string;
  sizes: [number, number];
  /** Files relative to the folder; openclaw.json is the config. */
  files(n: number): Record<string, string>;
}

const config = (value: unknown) => ({ 'openclaw.json': JSON.stringify(value) });
const numbers = (n: number) => `[${Array.from({ length: n }, (_, i) => i % 10).join(',')}]`;
const guilds = (n: number) => {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++)
    out[String(100000000000000000n + BigInt(i))] = {
      requireMention: true,
      users: ['123456789012345678'],
      channels: { general: { requireMention: false } },
    };
  return out;
};

export const HOSTILE_FAMILIES: HostileFamily[] = [
  {
    name: 'schema pattern: discord wakeNames of spaces',
    unit: 'spaces',
    sizes: [160_000, 320_000],
    files: (n) => config({ channels: { discord: { voice: { realtime: { wakeNames: [' '.repeat(n)] } } } } }),
  },
  {
    name: '${VAR}: a string of "${" with no "}"',
    unit: '"${"',
    sizes: [250_000, 500_000],
    files: (n) => config({ gateway: { auth: { token: '${'.repeat(n) } } }),
  },
  {
    name: 'duration: heartbeat.every of digits + "x"',
    unit: 'digits',
    sizes: [80_000, 160_000],
    files: (n) => config({ agents: { defaults: { heartbeat: { every: `${'9'.repeat(n)}x` } } } }),
  },
  {
    name: 'model name: "claude-" repeated',
    unit: 'repeats',
    sizes: [40_000, 80_000],
    files: (n) => config({ agents: { defaults: { model: { primary: `anthropic/${'claude-'.repeat(n)}` } } } }),
  },
  {
    name: 'agent id: dashes then a letter',
    unit: 'dashes',
    sizes: [100_000, 200_000],
    files: (n) => config({ agents: { entries: { [`${'-'.repeat(n)}.a`]: {} } } }),
  },
  {
    name: 'array of numbers (within the value cap)',
    unit: 'numbers',
    sizes: [120_000, 240_000],
    files: (n) => ({ 'openclaw.json': `{ zzz: ${numbers(n)} }` }),
  },
  {
    name: 'array of numbers (past the value cap: refused)',
    unit: 'numbers',
    sizes: [1_250_000, 2_500_000],
    files: (n) => ({ 'openclaw.json': `{ zzz: ${numbers(n)} }` }),
  },
  {
    name: 'includes: config + 3 included arrays (past the cap: refused)',
    unit: 'numbers per file',
    sizes: [425_000, 850_000],
    files: (n) => ({
      'openclaw.json': `{ zzz: ${numbers(n)}, $include: ["./a.json", "./b.json", "./c.json"] }`,
      'a.json': `{ a: ${numbers(n)} }`,
      'b.json': `{ b: ${numbers(n)} }`,
      'c.json': `{ c: ${numbers(n)} }`,
    }),
  },
  {
    name: 'comment lines before the config',
    unit: 'lines',
    sizes: [11_000, 22_000],
    files: (n) => ({ 'openclaw.json': `${'// note\n'.repeat(n)}{}` }),
  },
  {
    name: 'env.vars entries',
    unit: 'entries',
    sizes: [60_000, 120_000],
    files: (n) => config({ env: { vars: Object.fromEntries(Array.from({ length: n }, (_, i) => [`V${i}`, 'x'])) } }),
  },
  {
    name: 'wide object under an unknown key',
    unit: 'keys',
    sizes: [60_000, 120_000],
    files: (n) => config({ zzz: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])) }),
  },
  {
    name: 'valid discord config with guilds (plugin-schema defaults)',
    unit: 'guilds',
    sizes: [6_000, 12_000],
    files: (n) =>
      config({
        plugins: { entries: { discord: { enabled: true } } },
        channels: {
          discord: {
            token: 'bot-token-a',
            dmPolicy: 'allowlist',
            allowFrom: ['123456789012345678'],
            groupPolicy: 'allowlist',
            guilds: guilds(n),
          },
        },
      }),
  },
  {
    name: 'unknown key of "[" (SARIF link escaping)',
    unit: 'characters',
    sizes: [20_000, 40_000],
    files: (n) => config({ ['['.repeat(n)]: 1 }),
  },
  {
    name: 'unknown key of "a" (SARIF redaction)',
    unit: 'characters',
    sizes: [20_000, 40_000],
    files: (n) => config({ ['a'.repeat(n)]: 1 }),
  },
  {
    name: 'value of "eyJ-" (token-shape scan, JWT)',
    unit: 'repeats',
    sizes: [50_000, 100_000],
    files: (n) => config({ agents: { defaults: { workspace: 'eyJ-'.repeat(n) } } }),
  },
];
