import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSections, writeSections } from './sections.ts';

const data = {
  header: { openclawVersion: '2026.9.6' },
  facts: { modelSuppressions: [['openai', 'gpt-x']] },
  core: {
    type: 'object',
    properties: { gateway: { type: 'object', properties: { port: { type: 'number' } } }, tools: { type: 'object' } },
  },
  channels: {
    discord: {
      pluginId: 'discord',
      bundled: false,
      schema: { type: 'object', properties: { dmPolicy: { default: 'pairing' } } },
    },
  },
  plugins: { memory: { type: 'object' } },
  officialPlugins: { discord: { version: '2026.9.6', channels: ['discord'], configSchema: { type: 'object' } } },
};

test('schema data written as sections reads back equal, with each core key, channel and plugin schema on its own line', () => {
  const text = writeSections(data);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 1 + 2 + 1 + 1 + 1);
  assert.deepEqual(JSON.parse(lines[1]!), data.core.properties.gateway);
  assert.deepEqual(readSections(text), data);
});

test('a section is parsed only when it is read', () => {
  const lines = writeSections(data).trimEnd().split('\n');
  const toolsLine = lines.findIndex((l) => l === JSON.stringify(data.core.properties.tools));
  lines[toolsLine] = '{ not json';
  const read = readSections(lines.join('\n')) as typeof data;
  assert.equal(read.core.properties.gateway.properties.port.type, 'number');
  assert.deepEqual(Object.keys(read.core.properties), ['gateway', 'tools']);
  assert.throws(() => read.core.properties.tools, SyntaxError);
});

test('sections text that names a missing section is refused at once', () => {
  assert.throws(() => readSections('{"core":{"$section":3}}\n'), /section 3 is missing/);
});
