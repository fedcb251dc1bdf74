import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type * as Sarif from 'sarif';
import { RULES } from '../core/checks/registry.ts';
import { defineRules, type Rule } from '../core/checks/rule.ts';
import { loadConfig } from '../core/config/load.ts';
import type { ConfigPath, AuditOutcome, Finding, Severity, SuppressedFinding } from '../core/types.ts';
import { auditFile } from '../core/run.ts';
import { findSecrets } from '../core/redact.ts';
import { nodeHost } from '../io/node-host.ts';
import { ROOT, auditText, memoryHost } from '../../test/helpers/memory-host.ts';
import { docsFileName } from './docs.ts';
import { FINGERPRINT_KEY, fileUri, formatSarif, pascalName, toSarif, type SarifOptions } from './sarif.ts';

const REPO = join(import.meta.dirname, '..', '..');
const GOLDEN_DIR = join(REPO, 'test', 'golden', 'sarif');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// --- schema validation (the vendored official SARIF 2.1.0 schema; no network) ------------------------------------

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(
  JSON.parse(readFileSync(join(REPO, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')),
);

/** Schema validity plus the rules GitHub code scanning adds on top (research R1, C). */
function assertValidLog(log: Sarif.Log): void {
  const ok = validateSchema(JSON.parse(JSON.stringify(log)));
  assert.ok(ok, `SARIF schema errors:\n${JSON.stringify(validateSchema.errors, null, 2)}`);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules ?? [];
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
  for (const rule of rules) {
    assert.ok(rule.shortDescription?.text, `${rule.id}: shortDescription`);
    assert.ok(rule.fullDescription?.text && rule.fullDescription.text.length <= 1024, `${rule.id}: fullDescription`);
    assert.ok(rule.help?.text, `${rule.id}: help.text`);
    assert.ok(rule.name && rule.name.length <= 255, `${rule.id}: name`);
    assert.ok(!rule.id.includes('<'), `${rule.id}: a template is never declared`);
    const tags = rule.properties?.tags as string[];
    assert.ok(tags.includes('security'), `${rule.id}: security tag`);
    assert.match(String(rule.properties?.['security-severity']), /^\d+\.\d$/);
  }
  assert.ok(Array.isArray(run.results));
  const anySuppressed = run.results!.some((r) => r.suppressions !== undefined);
  for (const result of run.results!) {
    assert.equal(rules[result.ruleIndex!]?.id, result.ruleId, 'ruleIndex points at ruleId');
    assert.ok(result.message.text && /[.!?]$/.test(result.message.text), 'message text is one or more sentences');
    assert.equal(result.locations?.length, 1);
    const physical = result.locations![0]!.physicalLocation!;
    assert.equal(physical.artifactLocation?.uriBaseId, '%SRCROOT%');
    assert.ok(!/^[a-z]+:|^\//i.test(physical.artifactLocation!.uri!), 'repo-relative uri');
    assert.ok(physical.region!.startLine! >= 1 && physical.region!.startColumn! >= 1);
    assert.ok(result.partialFingerprints?.[FINGERPRINT_KEY]);
    assert.equal(result.partialFingerprints.primaryLocationLineHash, result.partialFingerprints[FINGERPRINT_KEY]);
    if (anySuppressed) assert.ok(Array.isArray(result.suppressions), 'every result has suppressions once one has');
  }
}

// --- fixtures ------------------------------------------------------------------------------------------------------

const OPTIONS: SarifOptions = {
  toolVersion: '1.2.3',
  informationUri: 'https://github.com/example/openclaw-audit',
  docsBaseUri: 'https://github.com/example/openclaw-audit/blob/main/docs/checks/',
};

/** A fixed registry, so the golden files do not change whenever a check lands in the real one. */
const TEST_RULES: readonly Rule[] = [
  ...defineRules([
    {
      id: 'gateway.bind_no_auth',
      severity: 'critical',
      title: 'Gateway binds beyond loopback without auth',
      help: 'The gateway listens on a non-loopback address and accepts requests without a token.\n\nAnyone who can reach the port can drive the agent.',
      remediation: 'Set `gateway.auth.token` (or bind to loopback).',
      configPaths: ['gateway.bind', 'gateway.auth'],
    },
  ]),
  ...defineRules([
    {
      id: 'hooks.token_reuse_gateway_token',
      severity: 'warn',
      severities: ['warn', 'critical'],
      title: 'Hooks token reuses the gateway token',
      help: 'The hooks endpoint and the gateway share one token.',
      remediation: 'Give `hooks.token` its own value.',
      configPaths: ['hooks.token', 'gateway.auth.token'],
    },
  ]),
  ...defineRules([
    {
      id: 'channels.<provider>.dm.open',
      severity: 'warn',
      severities: ['warn', 'critical'],
      title: 'DMs are open on <provider>',
      help: 'Anyone can DM the bot on <provider>.',
      remediation: 'Set `channels.<provider>.dmPolicy` to `pairing` or `allowlist`.',
      configPaths: ['channels.<provider>.dmPolicy'],
    },
  ]),
  ...defineRules([
    {
      id: 'security.trust_model.multi_user_heuristic',
      severity: 'info',
      title: 'Config looks like a multi-user setup',
      help: 'A heuristic over channels and allowlists.',
      precision: 'medium',
    },
    {
      id: 'security.audit.suppressions.active',
      severity: 'info',
      title: 'Security audit suppressions configured',
      help: 'The config hides some findings with `security.audit.suppressions`.',
      remediation: 'Review the suppressed findings.',
      configPaths: ['security.audit.suppressions'],
      unsuppressible: 'It is the notice that suppressions are configured.',
    },
  ]),
  ...defineRules([
    {
      id: 'config.invalid',
      severity: 'critical',
      title: 'OpenClaw config is invalid',
      help: 'openclaw refuses to load this config.',
      remediation: 'Fix the key or value at the reported location.',
      unsuppressible: 'Not an openclaw check.',
    },
    {
      id: 'config.schema_drift',
      severity: 'warn',
      title: 'Config key or value not accepted by this openclaw version',
      help: 'Reported instead of `config.invalid` with `--lenient`.',
      unsuppressible: 'Not an openclaw check.',
    },
  ]),
];

const options = (extra: Partial<SarifOptions> = {}): SarifOptions => ({ ...OPTIONS, rules: TEST_RULES, ...extra });

interface FindingSpec {
  checkId: string;
  severity: Severity;
  title: string;
  detail: string;
  path: ConfigPath;
  related?: ConfigPath[];
  suppression?: { reason?: string; entry: ConfigPath };
}

/** Loads in-memory files and builds an accepted outcome whose findings point at real locations. */
function outcomeOf(
  files: Record<string, string>,
  specs: FindingSpec[],
  extra: Partial<AuditOutcome & { ok: true }> = {},
): AuditOutcome & { ok: true } {
  const host = memoryHost(files);
  const loaded = loadConfig({ host, configPath: `${ROOT}/openclaw.json`, root: ROOT });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issue));
  const { locate } = loaded.config;
  const findings: Finding[] = [];
  const suppressedFindings: SuppressedFinding[] = [];
  for (const spec of specs) {
    const finding: Finding = {
      checkId: spec.checkId,
      severity: spec.severity,
      title: spec.title,
      detail: spec.detail,
      location: locate(spec.path),
      ...(spec.related ? { relatedLocations: spec.related.map(locate) } : {}),
    };
    if (spec.suppression) {
      suppressedFindings.push({
        ...finding,
        suppression: {
          ...(spec.suppression.reason ? { reason: spec.suppression.reason } : {}),
          location: locate(spec.suppression.entry),
        },
      });
    } else {
      findings.push(finding);
    }
  }
  return {
    ok: true,
    config: loaded.config.file,
    summary: { critical: 0, warn: 0, info: 0 },
    findings,
    suppressedFindings,
    secretDiagnostics: [],
    schemaWarnings: [],
    files: loaded.config.files,
    secrets: findSecrets(loaded.config.tree),
    ...extra,
  };
}

function snippetReader(files: Record<string, string>): SarifOptions['readSnippet'] {
  return (file, line) => files[file]?.split(/\r?\n/)[line - 1];
}

const MAIN_FILES: Record<string, string> = {
  'openclaw.json': [
    '// openclaw config',
    '{',
    '  gateway: {',
    '    bind: "lan",',
    '    auth: { token: "${GATEWAY_TOKEN}" },',
    '  },',
    '  hooks: { enabled: true, token: "${GATEWAY_TOKEN}" },',
    '  $include: "./config/channels.json5",',
    '  security: {',
    '    audit: {',
    '      suppressions: [',
    '        { checkId: "channels.discord.dm.open", reason: "Test server only" },',
    '      ],',
    '    },',
    '  },',
    '}',
    '',
  ].join('\n'),
  'config/channels.json5': [
    '{',
    '  channels: {',
    '    telegram: { dmPolicy: "open", allowFrom: ["*"] },',
    '    discord: { dmPolicy: "open" },',
    '  },',
    '}',
    '',
  ].join('\n'),
};

const MAIN_SPECS: FindingSpec[] = [
  {
    checkId: 'gateway.bind_no_auth',
    severity: 'critical',
    title: 'Gateway binds beyond loopback without auth',
    detail: 'gateway.bind="lan" but gateway.auth.token is unresolved.',
    path: ['gateway', 'bind'],
    related: [['gateway', 'auth', 'token']],
  },
  {
    checkId: 'hooks.token_reuse_gateway_token',
    severity: 'critical',
    title: 'Hooks token reuses the gateway token',
    detail: 'hooks.token equals gateway.auth.token.',
    path: ['hooks', 'token'],
    related: [['gateway', 'auth', 'token']],
  },
  {
    checkId: 'channels.telegram.dm.open',
    severity: 'critical',
    title: 'DMs are open on telegram',
    detail: 'channels.telegram.dmPolicy="open" with allowFrom ["*"].',
    path: ['channels', 'telegram', 'dmPolicy'],
    related: [['channels', 'telegram', 'allowFrom']],
  },
  {
    checkId: 'channels.discord.dm.open',
    severity: 'warn',
    title: 'DMs are open on discord',
    detail: 'channels.discord.dmPolicy="open".',
    path: ['channels', 'discord', 'dmPolicy'],
    suppression: { reason: 'Test server only', entry: ['security', 'audit', 'suppressions', 0] },
  },
  {
    checkId: 'security.trust_model.multi_user_heuristic',
    severity: 'info',
    title: 'Config looks like a multi-user setup',
    detail: '2 channels accept DMs from anyone.',
    path: ['channels'],
  },
  {
    checkId: 'security.audit.suppressions.active',
    severity: 'info',
    title: 'Security audit suppressions configured',
    detail: 'security.audit.suppressions has 1 configured suppression(s); 1 finding(s) moved to suppressedFindings.',
    path: ['security', 'audit', 'suppressions'],
  },
];

function goldenCases(): Record<string, () => Sarif.Log> {
  return {
    // Built without the checks, so the file does not change when a check lands.
    clean: () => toSarif([outcomeOf({ 'openclaw.json': '{ gateway: { bind: "loopback" } }' }, [])], options()),
    'syntax-error': () => {
      const text = '{\n  gateway: {\n    bind: "lan",,\n  },\n}\n';
      return toSarif([auditText(text)], options({ readSnippet: snippetReader({ 'openclaw.json': text }) }));
    },
    findings: () =>
      toSarif(
        [
          outcomeOf(MAIN_FILES, MAIN_SPECS, {
            secretDiagnostics: ['models.providers.openai.apiKey uses an exec SecretRef that is not resolved offline.'],
            schemaWarnings: [
              {
                path: 'gateway.bind',
                message: 'Invalid option: expected one of "loopback"|"lan"|"tailnet"',
                allowedValues: ['loopback', 'lan', 'tailnet'],
                location: {
                  file: 'openclaw.json',
                  line: 4,
                  column: 5,
                  endLine: 4,
                  endColumn: 16,
                  path: 'gateway.bind',
                },
              },
            ],
          }),
        ],
        options({
          readSnippet: snippetReader(MAIN_FILES),
          category: 'openclaw-audit/main',
          startTimeUtc: '2026-09-10T12:00:00.000Z',
          endTimeUtc: '2026-09-10T12:00:01.000Z',
          srcRootUri: 'file:///home/runner/work/repo/repo',
          versionControl: {
            repositoryUri: 'https://github.com/example/repo',
            revisionId: '0123456789abcdef0123456789abcdef01234567',
            branch: 'refs/heads/main',
          },
        }),
      ),
    'multi-config': () => {
      const bad = auditFile({
        host: memoryHost({ 'apps/b/openclaw.json': '{ "$include": "./missing.json5" }' }),
        configPath: `${ROOT}/apps/b/openclaw.json`,
        root: ROOT,
      });
      return toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS), bad], options({ omitSuppressed: true }));
    },
  };
}

// --- tests ---------------------------------------------------------------------------------------------------------

describe('toSarif golden files', () => {
  for (const [name, build] of Object.entries(goldenCases())) {
    test(name, () => {
      const log = build();
      assertValidLog(log);
      const text = formatSarif(log);
      const file = join(GOLDEN_DIR, `${name}.sarif`);
      if (UPDATE || !existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
        if (!UPDATE) assert.fail(`wrote missing golden file ${file}; run again (or use UPDATE_GOLDEN=1)`);
        return;
      }
      assert.equal(
        text,
        readFileSync(file, 'utf8'),
        `${name}.sarif differs; UPDATE_GOLDEN=1 npm test -- sarif rewrites it`,
      );
      assert.equal(formatSarif(build()), text, 'same input, same bytes');
    });
  }
});

describe('toSarif', () => {
  test('declares every rule of the real registry, and validates', () => {
    const log = toSarif([auditText('{}')], OPTIONS);
    assertValidLog(log);
    const declared = log.runs[0]!.tool.driver.rules!.map((r) => r.id);
    for (const rule of RULES) if (!rule.id.includes('<')) assert.ok(declared.includes(rule.id), `${rule.id} declared`);
    assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, true);
    const clean = toSarif([outcomeOf({ 'openclaw.json': '{}' }, [])], OPTIONS);
    assert.deepEqual(clean.runs[0]!.results, [], 'results: [] on a clean run');
  });

  test('the logs of every conformance case validate', () => {
    const casesDir = join(REPO, 'test', 'conformance', 'cases');
    const outcomes = readdirSync(casesDir)
      .filter((name) => existsSync(join(casesDir, name, 'openclaw.json')))
      .sort()
      .map((name) =>
        auditFile({ host: nodeHost, configPath: join(casesDir, name, 'openclaw.json'), root: join(casesDir, name) }),
      );
    assert.ok(outcomes.length > 0);
    for (const outcome of outcomes) assertValidLog(toSarif([outcome], OPTIONS));
    assertValidLog(toSarif(outcomes, OPTIONS));
  });

  test('templated ids become one rule per concrete id, with the family metadata; the template stays out', () => {
    const log = toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS)], options());
    const rules = log.runs[0]!.tool.driver.rules!;
    const ids = rules.map((r) => r.id);
    assert.ok(!ids.includes('channels.<provider>.dm.open'));
    const telegram = rules.find((r) => r.id === 'channels.telegram.dm.open')!;
    assert.equal(telegram.name, 'ChannelsTelegramDmOpen');
    assert.equal(telegram.shortDescription!.text, 'DMs are open on telegram');
    assert.deepEqual(telegram.properties!.tags, ['security', 'channels']);
    assert.equal(telegram.helpUri, `${OPTIONS.docsBaseUri}channels.provider.dm.open.md`);
    assert.equal(telegram.properties!['openclawAudit/template'], 'channels.<provider>.dm.open');
    assert.ok(ids.includes('channels.discord.dm.open'));
    // Every non-template rule is declared, fired or not.
    assert.ok(ids.includes('config.invalid') && ids.includes('config.schema_drift'));
  });

  test('levels follow each finding, not the rule: a warn rule reported as critical is an error', () => {
    const log = toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS)], options());
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'hooks.token_reuse_gateway_token')!;
    assert.equal(result.level, 'error');
    const rule = log.runs[0]!.tool.driver.rules![result.ruleIndex!]!;
    assert.equal(rule.defaultConfiguration!.level, 'warning');
    assert.equal(rule.properties!['security-severity'], '5.5');
    assert.equal(result.properties!['security-severity'], '9.5');
    const byId = (id: string) => log.runs[0]!.tool.driver.rules!.find((r) => r.id === id)!;
    assert.equal(byId('gateway.bind_no_auth').properties!['security-severity'], '9.5');
    assert.equal(byId('security.trust_model.multi_user_heuristic').properties!.precision, 'medium');
    assert.equal(byId('security.trust_model.multi_user_heuristic').defaultConfiguration!.level, 'note');
  });

  test('results are sorted by file, line, column, ruleId', () => {
    const results = toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS)], options()).runs[0]!.results!;
    const keys = results.map((r) => {
      const p = r.locations![0]!.physicalLocation!;
      return [p.artifactLocation!.uri!, p.region!.startLine!, p.region!.startColumn!, r.ruleId!] as const;
    });
    const sorted = [...keys].sort((a, b) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0),
    );
    assert.deepEqual(keys, sorted);
  });

  test('a value from an $include has the $include line as a related location, linked from the message', () => {
    const results = toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS)], options()).runs[0]!.results!;
    const telegram = results.find((r) => r.ruleId === 'channels.telegram.dm.open')!;
    assert.equal(telegram.locations![0]!.physicalLocation!.artifactLocation!.uri, 'config/channels.json5');
    assert.deepEqual(telegram.locations![0]!.logicalLocations![0]!.fullyQualifiedName, 'channels.telegram.dmPolicy');
    const include = telegram.relatedLocations!.find(
      (l) => l.physicalLocation!.artifactLocation!.uri === 'openclaw.json',
    )!;
    assert.equal(include.physicalLocation!.region!.startLine, 8);
    assert.match(telegram.message.text!, new RegExp(`\\]\\(${include.id}\\)`));
    const allowFrom = telegram.relatedLocations!.find(
      (l) => l.logicalLocations?.[0]?.fullyQualifiedName === 'channels.telegram.allowFrom',
    )!;
    assert.equal(allowFrom.physicalLocation!.region!.startLine, 3);
  });

  test('config.invalid: one error result per issue, at the issue location; execution not successful', () => {
    const outcome: AuditOutcome = {
      ok: false,
      config: 'openclaw.json',
      files: ['openclaw.json'],
      secrets: { values: [], spans: [] },
      issues: [
        {
          path: 'gateway.bind',
          message: 'Invalid option',
          allowedValues: ['loopback', 'lan'],
          location: { file: 'openclaw.json', line: 2, column: 3, endLine: 2, endColumn: 15, path: 'gateway.bind' },
        },
        {
          path: 'agents.defaults.model',
          message: 'Unrecognized key: "model"',
          hint: 'Moved to agents.defaults.model.primary.',
          location: {
            file: 'openclaw.json',
            line: 5,
            column: 3,
            endLine: 5,
            endColumn: 20,
            path: 'agents.defaults.model',
          },
        },
        { path: '<root>', message: 'Something without a location' },
      ],
    };
    const log = toSarif([outcome], options());
    assertValidLog(log);
    const results = log.runs[0]!.results!;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.level, r.locations![0]!.physicalLocation!.region!.startLine]),
      [
        ['config.invalid', 'error', 1],
        ['config.invalid', 'error', 2],
        ['config.invalid', 'error', 5],
      ],
    );
    assert.equal(
      results[1]!.message.text,
      'OpenClaw config is invalid: gateway.bind: Invalid option (allowed: "loopback", "lan").',
    );
    assert.equal(
      results[2]!.message.text,
      'OpenClaw config is invalid: agents.defaults.model: Unrecognized key: "model". Moved to agents.defaults.model.primary.',
    );
    assert.equal(new Set(results.map((r) => r.partialFingerprints![FINGERPRINT_KEY])).size, 3);
    const invocation = log.runs[0]!.invocations![0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications!.filter((n) => n.level === 'error').length, 3);
  });

  test('helpers: names, docs pages, URIs', () => {
    assert.equal(pascalName('gateway.bind_no_auth'), 'GatewayBindNoAuth');
    assert.equal(pascalName('tools.elevated.allowFrom.whatsapp.wildcard'), 'ToolsElevatedAllowFromWhatsappWildcard');
    assert.equal(docsFileName('channels.<provider>.dm.open'), 'channels.provider.dm.open.md');
    assert.equal(fileUri('apps/my bot/openclaw#1.json'), 'apps/my%20bot/openclaw%231.json');
    const log = toSarif([auditText('{}')], options({ category: 'openclaw-audit/apps-a' }));
    assert.equal(log.runs[0]!.automationDetails!.id, 'openclaw-audit/apps-a/');
    assert.equal(toSarif([auditText('{}')], options()).runs[0]!.automationDetails!.id, 'openclaw-audit/');
    assert.equal(
      toSarif([auditText('{}'), auditText('{}')], options()).runs[0]!.automationDetails!.id,
      'openclaw-audit/',
      'the same with two configs',
    );
  });
});

describe('fingerprints', () => {
  const prints = (files: Record<string, string>, specs: FindingSpec[]) =>
    Object.fromEntries(
      toSarif([outcomeOf(files, specs)], options()).runs[0]!.results!.map((r) => [
        `${r.ruleId} ${r.locations![0]!.logicalLocations![0]!.fullyQualifiedName}`,
        { print: r.partialFingerprints![FINGERPRINT_KEY], line: r.locations![0]!.physicalLocation!.region!.startLine },
      ]),
    );

  test('stay the same when lines are inserted above the finding', () => {
    const before = prints(MAIN_FILES, MAIN_SPECS);
    const moved = {
      ...MAIN_FILES,
      'openclaw.json': MAIN_FILES['openclaw.json']!.replace(
        '{\n',
        '{\n  // a new comment\n  logging: { level: "info" },\n\n',
      ),
      'config/channels.json5': '// header\n\n' + MAIN_FILES['config/channels.json5'],
    };
    const after = prints(moved, MAIN_SPECS);
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    for (const key of Object.keys(before)) {
      assert.equal(after[key]!.print, before[key]!.print, key);
      assert.notEqual(after[key]!.line, before[key]!.line, `${key} moved`);
    }
  });

  test('are unique for repeated findings of one id at one path, and detail edits of a single finding keep them', () => {
    const files = { 'openclaw.json': '{ tools: { exec: { security: "full" } } }' };
    const spec = (detail: string): FindingSpec => ({
      checkId: 'gateway.bind_no_auth',
      severity: 'critical',
      title: 'T',
      detail,
      path: ['tools', 'exec'],
    });
    const two = toSarif([outcomeOf(files, [spec('flag a'), spec('flag b'), spec('flag b')])], options()).runs[0]!
      .results!;
    assert.equal(new Set(two.map((r) => r.partialFingerprints![FINGERPRINT_KEY])).size, 3);
    const one = (detail: string) =>
      toSarif([outcomeOf(files, [spec(detail)])], options()).runs[0]!.results![0]!.partialFingerprints![
        FINGERPRINT_KEY
      ];
    assert.equal(one('3 agents'), one('4 agents'));
  });

  test('primaryLocationLineHash, the key GitHub reads, survives moved lines, reformatting and a renamed unrelated key', () => {
    const config = [
      '{',
      '  gateway: { bind: "lan", controlUi: { allowedOrigins: ["*"] } },',
      '  hooks: { enabled: true, path: "/", token: "hooks-token-1234" },',
      '  env: { vars: { REGION: "eu" } },',
      '}',
    ].join('\n');
    const variants = {
      moved: [
        '// Moved: a header, hooks first, gateway last.',
        '{',
        '  env: { vars: { REGION: "eu" } },',
        '',
        '  hooks: { enabled: true, path: "/", token: "hooks-token-1234" },',
        '  gateway: { bind: "lan", controlUi: { allowedOrigins: ["*"] } },',
        '}',
      ].join('\n'),
      reformatted: JSON.stringify(
        {
          gateway: { bind: 'lan', controlUi: { allowedOrigins: ['*'] } },
          hooks: { enabled: true, path: '/', token: 'hooks-token-1234' },
          env: { vars: { REGION: 'eu' } },
        },
        null,
        4,
      ),
      renamedUnrelatedKey: config.replace('REGION', 'DEPLOY_REGION'),
    };
    const prints = (text: string) => {
      const results = toSarif([auditText(text)], options()).runs[0]!.results!;
      return new Map(
        results.map((r) => [
          `${r.ruleId} ${r.locations![0]!.logicalLocations?.[0]?.fullyQualifiedName} ${r.message.text}`,
          {
            hash: r.partialFingerprints!.primaryLocationLineHash!,
            at: JSON.stringify(r.locations![0]!.physicalLocation!.region),
          },
        ]),
      );
    };
    const before = prints(config);
    assert.ok(before.size >= 5, 'the config has several findings');
    for (const { hash } of before.values()) assert.match(hash, /^[0-9a-f]{32}$/);
    assert.equal(new Set([...before.values()].map((v) => v.hash)).size, before.size, 'one fingerprint per finding');
    for (const [name, text] of Object.entries(variants)) {
      const after = prints(text);
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), name);
      for (const [key, { hash }] of before) assert.equal(after.get(key)!.hash, hash, `${name}: ${key}`);
      if (name !== 'renamedUnrelatedKey')
        assert.ok(
          [...before].some(([key, v]) => after.get(key)!.at !== v.at),
          `${name}: regions moved`,
        );
    }
  });
});

describe('suppressions', () => {
  test('an entry in the same file as the result is inSource; one in another file is external', () => {
    const specs: FindingSpec[] = [
      {
        checkId: 'gateway.bind_no_auth',
        severity: 'critical',
        title: 'T',
        detail: 'same file',
        path: ['gateway', 'bind'],
        suppression: { reason: 'VPN only', entry: ['security', 'audit', 'suppressions', 0] },
      },
      {
        checkId: 'channels.discord.dm.open',
        severity: 'warn',
        title: 'T',
        detail: 'other file',
        path: ['channels', 'discord', 'dmPolicy'],
        suppression: { entry: ['security', 'audit', 'suppressions', 0] },
      },
      {
        checkId: 'hooks.token_reuse_gateway_token',
        severity: 'warn',
        title: 'T',
        detail: 'active',
        path: ['hooks', 'token'],
      },
    ];
    const log = toSarif([outcomeOf(MAIN_FILES, specs)], options());
    assertValidLog(log);
    const byDetail = (d: string) => log.runs[0]!.results!.find((r) => r.message.text!.includes(d))!;
    const same = byDetail('same file').suppressions!;
    assert.equal(same.length, 1);
    assert.equal(same[0]!.kind, 'inSource');
    assert.equal(same[0]!.status, 'accepted');
    assert.equal(same[0]!.justification, 'VPN only');
    assert.equal(same[0]!.location!.physicalLocation!.region!.startLine, 12);
    const other = byDetail('other file').suppressions!;
    assert.equal(other[0]!.kind, 'external');
    assert.equal(other[0]!.justification, undefined);
    assert.deepEqual(byDetail('active').suppressions, []);
  });

  test('omitSuppressed drops them, and no result then carries the property', () => {
    const log = toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS)], options({ omitSuppressed: true }));
    const results = log.runs[0]!.results!;
    assert.ok(!results.some((r) => r.ruleId === 'channels.discord.dm.open'));
    assert.ok(results.every((r) => r.suppressions === undefined));
  });
});

describe('secrets', () => {
  const SECRETS = {
    gatewayToken: 'Zq8xV2mPl4Rt7Ws9Yb3Nc6Hd1Kf5Jg0',
    botToken: '7312945680:AAHc9Xw2LmQpR4sTuV6wXyZ0aBcDeFgHiJk',
    apiKey: 'sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA',
    password: 'hunter2-Correct-Horse-42',
  };
  const files = {
    'openclaw.json': [
      '{',
      `  gateway: { bind: "lan", auth: { token: "${SECRETS.gatewayToken}" } },`,
      `  channels: { telegram: { botToken: "${SECRETS.botToken}", dmPolicy: "open" } },`,
      `  models: { providers: { openai: { apiKey: "${SECRETS.apiKey}", baseUrl: "https://bot:${SECRETS.password}@llm.example" } } },`,
      `  hooks: { token: "${SECRETS.gatewayToken}" },`,
      '}',
      '',
    ].join('\n'),
  };

  test('no snippet shows a line that holds a secret, whatever its spelling', () => {
    const specs: FindingSpec[] = [
      {
        checkId: 'gateway.bind_no_auth',
        severity: 'critical',
        title: 'T',
        detail: 'gateway.auth.token is too short.',
        path: ['gateway', 'auth', 'token'],
      },
      {
        checkId: 'hooks.token_reuse_gateway_token',
        severity: 'critical',
        title: 'T',
        detail: 'hooks.token equals gateway.auth.token.',
        path: ['hooks', 'token'],
        related: [['gateway', 'auth', 'token']],
      },
      {
        checkId: 'channels.telegram.dm.open',
        severity: 'warn',
        title: 'T',
        detail: 'the bot accepts DMs.',
        path: ['channels', 'telegram', 'dmPolicy'],
        related: [['channels', 'telegram', 'botToken']],
      },
      {
        checkId: 'security.trust_model.multi_user_heuristic',
        severity: 'info',
        title: 'T',
        detail: 'baseUrl carries credentials',
        path: ['models', 'providers', 'openai', 'baseUrl'],
        suppression: { reason: 'accepted', entry: ['models'] },
      },
    ];
    const outcome = outcomeOf(files, specs);
    const log = toSarif([outcome], options({ readSnippet: snippetReader(files) }));
    assertValidLog(log);
    const text = formatSarif(log);
    for (const [name, secret] of Object.entries(SECRETS)) {
      for (let i = 0; i + 10 <= secret.length; i++)
        assert.ok(!text.includes(secret.slice(i, i + 10)), `${name} leaks (${secret.slice(i, i + 10)})`);
    }
    const dm = log.runs[0]!.results!.find((r) => r.ruleId === 'channels.telegram.dm.open')!;
    assert.equal(
      dm.locations![0]!.physicalLocation!.region!.snippet,
      undefined,
      'a line holding a secret gives no snippet',
    );
  });

  test('a secret written with escapes or a line continuation still hides its lines', () => {
    const escaped = {
      'openclaw.json': [
        '{',
        '  gateway: { bind: "lan",',
        '    auth: { token: "Zq8x\\u0056\\',
        '2mPl4Rt7Ws9Yb3Nc6Hd1Kf5Jg0" } },',
        '}',
        '',
      ].join('\n'),
    };
    const outcome = outcomeOf(escaped, [
      {
        checkId: 'gateway.bind_no_auth',
        severity: 'critical',
        title: 'T',
        detail: 'd',
        path: ['gateway', 'auth', 'token'],
      },
    ]);
    assert.deepEqual(outcome.secrets.values, ['Zq8xV2mPl4Rt7Ws9Yb3Nc6Hd1Kf5Jg0']);
    const result = toSarif([outcome], options({ readSnippet: snippetReader(escaped) })).runs[0]!.results![0]!;
    assert.equal(result.locations![0]!.physicalLocation!.region!.snippet, undefined);
  });

  test('snippets show the region text when the line holds no secret', () => {
    const log = toSarif([outcomeOf(MAIN_FILES, MAIN_SPECS)], options({ readSnippet: snippetReader(MAIN_FILES) }));
    const bind = log.runs[0]!.results!.find((r) => r.ruleId === 'gateway.bind_no_auth')!;
    assert.equal(bind.locations![0]!.physicalLocation!.region!.snippet!.text, 'bind: "lan"');
  });
});
