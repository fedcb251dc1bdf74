import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderInputsTable, renderOutputsTable, splitDefault } from './action-docs.ts';
import { replaceBetweenMarkers } from './markers.ts';

test('the default sentence is split off the end of an input description', () => {
  assert.deepEqual(splitDefault('Fail the step at this severity. Default: `critical`.'), {
    text: 'Fail the step at this severity.',
    default: '`critical`',
  });
  assert.deepEqual(splitDefault('Paths, one per line. Default: discover every config under `root`.'), {
    text: 'Paths, one per line.',
    default: 'discover every config under `root`',
  });
  assert.equal(splitDefault('Fail the step at this severity.'), undefined);
  // Only a final sentence counts: a default mentioned earlier is not the default.
  assert.equal(splitDefault('Default: `critical`. Then more text.'), undefined);
});

test('a new input in action.yml becomes a row of the inputs table', () => {
  const table = renderInputsTable({
    inputs: {
      'fail-on': { description: 'Fail the step at this severity. Default: `critical`.', default: 'critical' },
      'suggest-fixes': {
        description: 'Post fixes as review suggestions\n(a | b). Default: `false`.',
        default: 'false',
      },
    },
  });
  assert.equal(
    table,
    [
      '| Input | What it does | Default |',
      '|---|---|---|',
      '| `fail-on` | Fail the step at this severity. | `critical` |',
      '| `suggest-fixes` | Post fixes as review suggestions (a \\| b). | `false` |',
    ].join('\n'),
  );
});

test('an input without a default sentence or an output without a description stops the generation, naming it', () => {
  assert.throws(() => renderInputsTable({ inputs: { root: { description: 'The root.' } } }), /input root/);
  assert.throws(() => renderOutputsTable({ outputs: { 'sarif-id': {} } }), /output sarif-id/);
  assert.equal(
    renderOutputsTable({ outputs: { 'sarif-id': { description: 'The upload id.' } } }).split('\n')[2],
    '| `sarif-id` | The upload id. |',
  );
});

test('only the text between the markers is replaced', () => {
  const readme = 'intro\n<!-- t:start -->\nold\n<!-- t:end -->\noutro\n';
  assert.equal(replaceBetweenMarkers(readme, 't', 'new'), 'intro\n<!-- t:start -->\nnew\n<!-- t:end -->\noutro\n');
  assert.throws(() => replaceBetweenMarkers('no markers', 't', 'new'), /<!-- t:start -->/);
});
