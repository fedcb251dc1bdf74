/**
 * `npm run bench`: speed evidence (issue 7). Measures, in one run on the same inputs:
 *  1. whole-process `node dist/cli/index.js --json CONFIG` vs the real `openclaw security audit --json` (through
 *     /work/shared/oracle/openclaw-audit-oracle when `../shared` is present) on a typical config and on the largest
 *     conformance case: medians, CPU time, peak memory and the ratio;
 *  2. in-process throughput of `auditFile` over the conformance corpus (configs/s);
 *  3. a synthetic monorepo of 100 / 500 / 1,000 config folders with `$include`s, audited by one CLI process;
 *  4. the Action's step time (dist/action/index.js on a push event, no network);
 *  5. the size of the bundles;
 *  6. hostile inputs (issue 17): each family of scripts/hostile-inputs.ts at two sizes, with --json and --format
 *     sarif: time, peak RSS and how the time grows when the input doubles.
 * Node's own start-up is measured beside ours (`node -e ''`), with the environment as it is and, when it is set, without
 * NODE_EXTRA_CA_CERTS (Node 20 reads that certificate file before running any script).
 * Options: --runs N (CLI repetitions, default 21), --oracle-runs N (default 5), --no-oracle, --quick,
 * --node PATH (also time the CLI with another Node binary, e.g. Node 24, the Action's runtime; repeatable),
 * --hostile-only (only section 6), --hostile-runs N (default 3), --hostile-timeout S (a run's limit, default 60).
 * Run `npm run build` first: the CLI figures are for dist/cli/index.js as built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { auditFile } from '../src/core/run.ts';
import { nodeHost } from '../src/io/node-host.ts';
import { CASES_DIR, REPO_ROOT, loadCorpus } from '../test/robustness/harness.ts';
import { HOSTILE_FAMILIES } from './hostile-inputs.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    'oracle-runs': { type: 'string' },
    'no-oracle': { type: 'boolean' },
    quick: { type: 'boolean' },
    node: { type: 'string', multiple: true },
    'hostile-only': { type: 'boolean' },
    'hostile-runs': { type: 'string' },
    'hostile-timeout': { type: 'string' },
  },
});
const RUNS = Number(values.runs ?? (values.quick ? 7 : 21));
const ORACLE_RUNS = Number(values['oracle-runs'] ?? (values.quick ? 3 : 5));
const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js');
const ACTION = join(REPO_ROOT, 'dist', 'action', 'index.js');
const ORACLE = resolve(REPO_ROOT, '..', 'shared', 'oracle', 'openclaw-audit-oracle');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Sample {
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
  code: number | null;
}

/** One process run; with GNU time, also its CPU time and peak RSS. */
function runOnce(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Sample {
  const useTime = TIME !== undefined;
  const start = process.hrtime.bigint();
  const result = useTime
    ? spawnSync(TIME, ['-f', '@@%U %S %M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const sample: Sample = { wallMs, code: result.status };
  const m = useTime ? /@@([\d.]+) ([\d.]+) (\d+)\s*$/.exec(result.stderr) : null;
  if (m) {
    sample.cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
    sample.maxRssMb = Number(m[3]) / 1024;
  }
  return sample;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Stats {
  runs: number;
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
  codes: string;
}

function measure(
  command: string,
  args: string[],
  cwd: string,
  runs: number,
  warmup = 1,
  env?: NodeJS.ProcessEnv,
): Stats {
  for (let i = 0; i < warmup; i++) runOnce(command, args, cwd, env);
  const samples = Array.from({ length: runs }, () => runOnce(command, args, cwd, env));
  const cpu = samples.filter((s) => s.cpuMs !== undefined).map((s) => s.cpuMs!);
  const rss = samples.filter((s) => s.maxRssMb !== undefined).map((s) => s.maxRssMb!);
  return {
    runs,
    wallMs: median(samples.map((s) => s.wallMs)),
    ...(cpu.length ? { cpuMs: median(cpu) } : {}),
    ...(rss.length ? { maxRssMb: Math.max(...rss) } : {}),
    codes: [...new Set(samples.map((s) => String(s.code)))].join('/'),
  };
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toFixed(digits));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function machine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}; load average ${load}`;
}

// ---------------------------------------------------------------------------------------------------------------
if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run npm run build first`);
  process.exit(1);
}
console.log(
  `# openclaw-audit bench\n\nMachine: ${machine()}\nCLI: dist/cli/index.js (launcher) + run.js (${(statSync(join(REPO_ROOT, 'dist', 'cli', 'run.js')).size / 1024).toFixed(1)} kB) + the schema data it reads\n`,
);

// 6. Hostile inputs: run first with --hostile-only, else last.
function hostileSection(): void {
  const runs = Number(values['hostile-runs'] ?? (values.quick ? 1 : 3));
  const limit = Number(values['hostile-timeout'] ?? 60);
  // A run past the limit is killed (coreutils timeout); its cell says so instead of a time.
  const KILLED = 137;
  const timeout = existsSync('/usr/bin/timeout')
    ? (['/usr/bin/timeout', ['-s', 'KILL', String(limit), process.execPath]] as const)
    : undefined;
  const cli = (args: string[], dir: string) =>
    timeout
      ? measure(timeout[0], [...timeout[1], ...args], dir, runs, 0)
      : measure(process.execPath, args, dir, runs, 0);
  const wall = (s: Stats) => (s.codes.split('/').includes(String(KILLED)) ? `> ${limit} s` : fmt(s.wallMs));
  const base = mkdtempSync(join(tmpdir(), 'oca-bench-hostile-'));
  writeFileSync(join(base, 'openclaw.json'), '{}');
  const baseline = measure(process.execPath, [CLI, '--json', 'openclaw.json'], base, runs, 1);
  const rowsH: string[][] = [];
  for (const family of HOSTILE_FAMILIES) {
    const cells: Record<string, Stats> = {};
    for (const format of ['json', 'sarif'] as const) {
      for (const n of family.sizes) {
        // Past the limit at n, it is past it at 2n too.
        const previous = cells[`${format}${family.sizes[0]}`];
        if (n !== family.sizes[0] && previous && wall(previous).startsWith('>')) {
          cells[`${format}${n}`] = previous;
          continue;
        }
        const dir = mkdtempSync(join(tmpdir(), 'oca-bench-hostile-'));
        for (const [name, text] of Object.entries(family.files(n))) writeFileSync(join(dir, name), text);
        const args = format === 'json' ? [CLI, '--json', 'openclaw.json'] : [CLI, '--format', 'sarif', 'openclaw.json'];
        cells[`${format}${n}`] = cli(args, dir);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const [small, large] = family.sizes;
    const bytes = Object.values(family.files(large)).reduce((total, text) => total + Buffer.byteLength(text), 0);
    // Growth of the work itself, in CPU time (other work on the machine moves wall time more): the start-up (an
    // empty config) is taken off both.
    const cpu = (s: Stats) => s.cpuMs ?? s.wallMs;
    const growth = (format: string) => {
      const [x, y] = [cells[`${format}${small}`]!, cells[`${format}${large}`]!];
      if (wall(x).startsWith('>') || wall(y).startsWith('>')) return '—';
      const [a, b] = [cpu(x) - cpu(baseline), cpu(y) - cpu(baseline)];
      return a > 50 ? (b / a).toFixed(2) : '—';
    };
    for (const format of ['json', 'sarif']) {
      const a = cells[`${format}${small}`]!;
      const b = cells[`${format}${large}`]!;
      rowsH.push([
        format === 'json' ? family.name : '',
        format === 'json'
          ? `${small.toLocaleString('en-US')} → ${large.toLocaleString('en-US')} ${family.unit} (${(bytes / 1024).toFixed(0)} kB)`
          : '',
        format,
        `${wall(a)} → ${wall(b)}`,
        `${fmt(a.cpuMs)} → ${fmt(b.cpuMs)}`,
        `${fmt(a.maxRssMb)} → ${fmt(b.maxRssMb)}`,
        growth(format),
        `${a.codes}/${b.codes}`,
      ]);
    }
  }
  rmSync(base, { recursive: true, force: true });
  console.log(`\n## Hostile inputs (median of ${runs}; each family at n and 2n)\n`);
  console.log(
    table(['family', 'n → 2n (size at 2n)', 'format', 'wall ms', 'cpu ms', 'peak RSS MB', 'growth', 'exit'], rowsH),
  );
  console.log(
    `\nAn empty config takes ${fmt(baseline.wallMs)} ms wall, ${fmt(baseline.cpuMs)} ms CPU (start-up). Growth is (CPU at 2n − start-up) / (CPU at n − start-up), shown when the work at n is over 50 ms: about 2 or less is linear.`,
  );
}
if (values['hostile-only']) {
  hostileSection();
  process.exit(0);
}

// 1. Whole process vs the real tool.
const corpus = loadCorpus();
const largest = corpus
  .map((c) => ({ name: c.name, bytes: Object.values(c.files).reduce((n, f) => n + f.length, 0) }))
  .sort((a, b) => b.bytes - a.bytes)[0]!;
const inputs = [
  { label: 'typical (examples/openclaw.json)', dir: join(REPO_ROOT, 'examples'), file: 'openclaw.json' },
  {
    label: `largest case (${largest.name}, ${(largest.bytes / 1024).toFixed(1)} kB with includes)`,
    dir: join(CASES_DIR, largest.name),
    file: 'openclaw.json',
  },
];
const oracleAvailable = !values['no-oracle'] && existsSync(ORACLE);
const rows: string[][] = [];
const withoutExtraCerts: NodeJS.ProcessEnv | undefined = process.env.NODE_EXTRA_CA_CERTS
  ? { ...process.env, NODE_EXTRA_CA_CERTS: undefined }
  : undefined;
const nodeVersion = (node: string) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const nodes = [process.execPath, ...(values.node ?? [])];
const startupRows: string[][] = [];
for (const node of nodes) {
  const label = `Node ${nodeVersion(node)}`;
  const variants: Array<[string, NodeJS.ProcessEnv | undefined]> = [['as is', undefined]];
  if (withoutExtraCerts) variants.push(['NODE_EXTRA_CA_CERTS unset', withoutExtraCerts]);
  for (const [envLabel, env] of variants) {
    const bare = measure(node, ['-e', ''], REPO_ROOT, RUNS, 2, env);
    const version = measure(node, [CLI, '--version'], REPO_ROOT, RUNS, 2, env);
    const audit = measure(node, [CLI, '--json', 'openclaw.json'], inputs[0]!.dir, RUNS, 2, env);
    startupRows.push([
      label,
      envLabel,
      fmt(bare.wallMs, 1),
      fmt(version.wallMs, 1),
      fmt(audit.wallMs, 1),
      fmt(audit.cpuMs),
      fmt(audit.wallMs - bare.wallMs, 1),
    ]);
  }
}
for (const input of inputs) {
  const ours = measure(process.execPath, [CLI, '--json', input.file], input.dir, RUNS, 2);
  rows.push([
    input.label,
    'openclaw-audit --json',
    String(ours.runs),
    fmt(ours.wallMs, 1),
    fmt(ours.cpuMs),
    fmt(ours.maxRssMb),
    ours.codes,
    '',
  ]);
  if (oracleAvailable) {
    const real = measure(ORACLE, [join(input.dir, input.file)], input.dir, ORACLE_RUNS, 1);
    rows.push([
      input.label,
      'openclaw security audit --json',
      String(real.runs),
      fmt(real.wallMs, 0),
      fmt(real.cpuMs),
      fmt(real.maxRssMb),
      real.codes,
      `${(real.wallMs / ours.wallMs).toFixed(0)}× (cpu ${real.cpuMs && ours.cpuMs ? (real.cpuMs / ours.cpuMs).toFixed(0) : '—'}×)`,
    ]);
  }
}
console.log('## Whole process (median wall time; CPU = user+sys median; RSS = peak)\n');
console.log(table(['input', 'tool', 'runs', 'wall ms', 'cpu ms', 'RSS MB', 'exit', 'ratio (real / ours)'], rows));
if (!oracleAvailable)
  console.log('\nThe real tool was not measured: ../shared/oracle/openclaw-audit-oracle is absent (or --no-oracle).');
else
  console.log(
    '\nThe real tool runs through the oracle wrapper (copies the config folder to a private temp dir, fresh state dir).',
  );
console.log(`\n## Start-up (median wall ms of ${RUNS} runs each; typical config)\n`);
console.log(
  table(
    ['node', 'environment', "node -e ''", 'ours --version', 'ours --json', 'cpu ms', 'ours minus node'],
    startupRows,
  ),
);

// 2. In-process throughput.
{
  const configs = corpus.map((c) => join(CASES_DIR, c.name, 'openclaw.json'));
  for (const configPath of configs) auditFile({ host: nodeHost, configPath, root: CASES_DIR });
  let audited = 0;
  const start = performance.now();
  const budgetMs = values.quick ? 1000 : 3000;
  while (performance.now() - start < budgetMs) {
    for (const configPath of configs) auditFile({ host: nodeHost, configPath, root: CASES_DIR });
    audited += configs.length;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `\n## In-process throughput\n\nauditFile over the ${configs.length} conformance configs (real file system, warm): ${(audited / seconds).toFixed(0)} configs/s (${((seconds * 1000) / audited).toFixed(2)} ms per config, ${audited} audits).`,
  );
}

// 3. Synthetic monorepo.
function monorepo(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `oca-bench-${n}-`));
  for (let i = 0; i < n; i++) {
    const app = join(dir, 'apps', `app-${String(i).padStart(4, '0')}`);
    mkdirSync(join(app, 'config'), { recursive: true });
    writeFileSync(
      join(app, 'config', 'gateway.json5'),
      `{\n  mode: "local",\n  bind: "${i % 3 === 0 ? 'lan' : 'loopback'}",\n  port: ${18000 + (i % 1000)},\n  auth: { mode: "token", token: "\${GATEWAY_TOKEN}" },\n}\n`,
    );
    writeFileSync(
      join(app, 'config', 'agents.json5'),
      `{\n  defaults: { workspace: "~/work/app-${i}" },\n  list: [{ id: "main", default: true }, { id: "helper-${i}" }],\n}\n`,
    );
    writeFileSync(
      join(app, 'openclaw.json'),
      `{\n  // app ${i}\n  env: { vars: { GATEWAY_TOKEN: "tok-${i}-0123456789abcdef0123456789" } },\n  gateway: { $include: "./config/gateway.json5" },\n  agents: { $include: "./config/agents.json5" },\n  tools: { profile: "${i % 2 ? 'coding' : 'full'}" },\n}\n`,
    );
  }
  return dir;
}
{
  const sizes = values.quick ? [100, 500] : [100, 500, 1000];
  const rowsM: string[][] = [];
  const walls: number[] = [];
  for (const n of sizes) {
    const dir = monorepo(n);
    const stats = measure(process.execPath, [CLI, '--json', '.'], dir, values.quick ? 3 : 5, 1);
    const out = spawnSync(process.execPath, [CLI, '--json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const audited = (JSON.parse(out.stdout) as unknown[]).length;
    rmSync(dir, { recursive: true, force: true });
    walls.push(stats.wallMs);
    rowsM.push([
      String(n),
      String(audited),
      String(n * 3),
      fmt(stats.wallMs, 0),
      fmt(stats.cpuMs),
      fmt(stats.wallMs / n, 2),
      fmt(stats.maxRssMb),
      stats.codes,
    ]);
  }
  console.log(
    '\n## Synthetic monorepo (one CLI process over the folder; each app = openclaw.json + 2 included files)\n',
  );
  console.log(table(['configs', 'audited', 'files', 'wall ms', 'cpu ms', 'ms / config', 'RSS MB', 'exit'], rowsM));
  const marginal = sizes
    .slice(1)
    .map((n, i) => `${sizes[0]}→${n}: ${((walls[i + 1]! - walls[0]!) / (n - sizes[0]!)).toFixed(2)} ms`);
  console.log(
    `\nMarginal wall time per extra config (process start-up excluded): ${marginal.join(', ')} — equal figures mean linear growth.`,
  );
}

// 4. The Action's step, as the runner starts it, on a push event with every network feature off.
if (existsSync(ACTION)) {
  const work = mkdtempSync(join(tmpdir(), 'oca-bench-action-'));
  const files = { output: join(work, 'output'), summary: join(work, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: REPO_ROOT,
    GITHUB_REPOSITORY: 'octo/configs',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: work,
    INPUT_CONFIG: 'examples',
    'INPUT_FAIL-ON': 'none',
    'INPUT_SARIF-FILE': join(work, 'openclaw-audit.sarif'),
    'INPUT_UPLOAD-SARIF': 'false',
    'INPUT_CHECK-RUN': 'false',
    'INPUT_PR-COMMENT': 'false',
    INPUT_ANNOTATIONS: 'true',
    INPUT_SUPPRESSED: 'sarif',
    INPUT_TOKEN: 'bench-token',
  };
  const step = measure(process.execPath, [ACTION], REPO_ROOT, values.quick ? 5 : RUNS, 2, env);
  rmSync(work, { recursive: true, force: true });
  console.log(
    `\n## Action step (no network)\n\nnode dist/action/index.js on a push event, examples/ audited, annotations + summary + SARIF file + outputs, upload/check run/PR comment off: median ${fmt(step.wallMs, 1)} ms wall, ${fmt(step.cpuMs)} ms CPU over ${step.runs} runs (exit ${step.codes}). The runner adds its own start-up around this.`,
  );
}

// 5. Bundle sizes.
{
  const bundles = [
    'dist/cli/index.js',
    'dist/cli/run.js',
    'dist/cli/openclaw-schema.jsonl',
    'dist/action/index.js',
    'dist/action/openclaw-schema.jsonl',
  ].filter((p) => existsSync(join(REPO_ROOT, p)));
  console.log('\n## Bundles\n');
  console.log(
    table(
      ['file', 'bytes', 'kB'],
      bundles.map((p) => {
        const size = statSync(join(REPO_ROOT, p)).size;
        return [p, String(size), (size / 1024).toFixed(1)];
      }),
    ),
  );
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  console.log(`\nopenclaw-audit ${lock.version}; ${new Date().toISOString()}`);
}

hostileSection();
