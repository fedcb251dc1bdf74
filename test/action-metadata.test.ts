import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { splitDefault, type ActionMetadata } from '../src/report/action-docs.ts';

// action.yml against the vendored SchemaStore schema for action metadata (draft-07; see test/schemas/README.md), offline.
const root = join(import.meta.dirname, '..');
const ajv = new Ajv({ allErrors: true, strict: false });
const validateAction = ajv.compile(
  JSON.parse(readFileSync(join(root, 'test', 'schemas', 'github-action.schema.json'), 'utf8')),
);

interface Metadata extends ActionMetadata {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
}

const yml = readFileSync(join(root, 'action.yml'), 'utf8');
const action = parseYaml(yml) as Metadata;

test('action.yml is valid action metadata for the published schema', () => {
  assert.ok(validateAction(action), `action.yml schema errors:\n${JSON.stringify(validateAction.errors, null, 2)}`);
});

test('the schema rejects what the runner would refuse to load', () => {
  // A misspelt top-level key and an unknown runtime: the two slips a hand edit of action.yml is likely to make.
  assert.equal(validateAction({ ...action, descripton: action.description }), false);
  assert.equal(validateAction({ ...action, runs: { using: 'node99', main: 'dist/action/index.js' } }), false);
});

test('Marketplace listing: short description and branding', () => {
  assert.ok(
    action.description.length <= 125,
    `description is ${action.description.length} characters (Marketplace shows 125)`,
  );
  assert.ok(action.branding?.icon && action.branding.color, 'branding needs an icon and a color');
});

test('every input and output is described, and no description holds an expression', () => {
  // The runner evaluates `${{ }}` inside descriptions too; one there makes the action fail to load.
  const entries = [...Object.entries(action.inputs ?? {}), ...Object.entries(action.outputs ?? {})];
  assert.ok(entries.length > 0);
  for (const [name, entry] of entries) {
    assert.ok(entry.description?.trim(), `${name}: no description`);
    assert.doesNotMatch(entry.description!, /\$\{\{/, `${name}: an expression in the description`);
  }
});

test("every input's description ends with its default, matching `default:`", () => {
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const described = splitDefault(input.description ?? '');
    assert.ok(described, `${name}: the description must end with "Default: …."`);
    const value = input.default === undefined ? '' : String(input.default);
    if (value === '') continue; // an empty default is described in words ("the workspace", "none")
    // An expression default such as `${{ github.token }}` is named without the braces (see the test above).
    const expected = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(value)?.[1] ?? value;
    assert.ok(
      described.default.includes(`\`${expected}\``),
      `${name}: default is ${JSON.stringify(value)} but the description says "Default: ${described.default}"`,
    );
  }
});
