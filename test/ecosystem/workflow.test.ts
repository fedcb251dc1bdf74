import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT, runCli } from '../robustness/harness.ts';
import { examplesRepo } from '../helpers/examples.ts';

const validateWorkflow = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'schemas', 'github-workflow.schema.json'), 'utf8')),
);
const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const action = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const major = `v${JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version.split('.')[0]}`;
const REUSABLE = `openclaw-audit/openclaw-audit/.github/workflows/openclaw-audit.yml@${major}`;

function assertWorkflow(doc: unknown, what: string): void {
  assert.ok(validateWorkflow(doc), `${what}: ${JSON.stringify(validateWorkflow.errors?.slice(0, 5))}`);
}

test("every workflow of the repository is valid against SchemaStore's workflow schema (which rejects a broken one)", () => {
  for (const file of readdirSync(WORKFLOWS))
    assertWorkflow(parseYaml(readFileSync(join(WORKFLOWS, file), 'utf8')), file);
  assert.equal(validateWorkflow({ on: 'push', jobz: {} }), false);
});

test('the reusable workflow is called with workflow_call, runs our Action at the current major, and passes every input through', () => {
  const wf = parseYaml(readFileSync(join(WORKFLOWS, 'openclaw-audit.yml'), 'utf8'));
  assert.deepEqual(Object.keys(wf.on), ['workflow_call']);
  const { inputs, outputs } = wf.on.workflow_call;
  const steps = wf.jobs.audit.steps as Array<{ id?: string; uses?: string; with?: Record<string, string> }>;
  const step = steps.find((s) => s.uses?.startsWith('openclaw-audit/openclaw-audit@'))!;
  assert.equal(step.uses, `openclaw-audit/openclaw-audit@${major}`);
  for (const [name, value] of Object.entries(step.with!)) {
    assert.ok(name in action.inputs, `${name} is not an input of action.yml`);
    assert.equal(value, `\${{ inputs.${name} }}`);
  }
  assert.deepEqual(
    Object.keys(inputs).sort(),
    Object.keys(step.with!).sort(),
    'every workflow input reaches the Action',
  );
  // Every Action input is offered, except the file name (the artifact keeps it) and the token (the caller's github.token).
  assert.deepEqual(
    Object.keys(action.inputs)
      .filter((n) => !(n in inputs))
      .sort(),
    ['sarif-file', 'token'],
  );
  for (const [name, output] of Object.entries(outputs as Record<string, { value: string }>)) {
    assert.equal(output.value, `\${{ jobs.audit.outputs.${name} }}`);
    assert.equal(wf.jobs.audit.outputs[name], `\${{ steps.${step.id}.outputs.${name} }}`);
    assert.ok(name in action.outputs, `${name} is not an output of action.yml`);
  }
  assert.equal(wf.permissions, undefined, 'the caller grants permissions; a called workflow could only lower them');
});

test('the org-wide recipes in docs/org-wide.md are valid workflows that call the reusable workflow or the CLI', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'org-wide.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1]!));
  assert.equal(blocks.length, 3);
  for (const [i, wf] of blocks.entries()) assertWorkflow(wf, `docs/org-wide.md block ${i + 1}`);
  const callers = blocks.filter((wf) => Object.values(wf.jobs).some((job: any) => job.uses === REUSABLE));
  assert.equal(callers.length, 2);
  for (const wf of callers) {
    const job = Object.values(wf.jobs)[0] as { permissions: Record<string, string>; with: Record<string, unknown> };
    assert.equal(job.permissions.contents, 'read');
    for (const name of Object.keys(job.with)) assert.ok(name in action.inputs, name);
  }
  assert.ok(Object.keys(blocks[1]!.on).includes('merge_group'), 'a required workflow also runs in the merge queue');
  const fleet = JSON.stringify(blocks[2]);
  assert.match(fleet, /npx --yes openclaw-audit@0 repos --root repos/);
  // The documented permission table names what the Action uses.
  for (const permission of ['contents: read', 'security-events: write', 'pull-requests: write', 'checks: write'])
    assert.ok(doc.includes(`\`${permission}\``), permission);
});

test("the fleet recipe's command audits several checked-out repositories in one run", () => {
  const dir = examplesRepo();
  const one = readFileSync(join(dir, 'openclaw.json'), 'utf8');
  const auth = readFileSync(join(dir, 'gateway', 'auth.json5'), 'utf8');
  const fleet = examplesRepo({
    'repos/gateway-prod/openclaw.json': one,
    'repos/gateway-prod/gateway/auth.json5': auth,
    'repos/support-bot/deploy/openclaw.json': '{ gateway: { mode: "local" } }',
  });
  const run = runCli(
    [
      'repos',
      '--root',
      'repos',
      '--fail-on',
      'none',
      '--output',
      'json=fleet.json',
      '--output',
      'junit=fleet.xml',
      '--format',
      'markdown',
    ],
    fleet,
  );
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.written.get(join(fleet, 'fleet.json'))!);
  assert.deepEqual(
    report.map((r: { config: string }) => r.config),
    ['gateway-prod/openclaw.json', 'support-bot/deploy/openclaw.json'],
  );
  assert.match(run.written.get(join(fleet, 'fleet.xml'))!, /<testsuite name="support-bot\/deploy\/openclaw.json"/);
  assert.match(run.stdout, /gateway-prod\/openclaw\.json/);
});
