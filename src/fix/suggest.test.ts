import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrationLines } from './suggest.ts';

const DOCTOR = [
  'Moved gateway.nodes.denyCommands → gateway.nodes.commands.deny.',
  'Moved channels.telegram.streamMode → channels.telegram.streaming.mode (partial).',
  'Removed unknown key tools.web.fetch.legacy.',
];

test('a migration suggestion names the doctor lines whose keys it writes, before or after', () => {
  assert.deepEqual(
    migrationLines(DOCTOR, [
      '    nodes: {',
      '      denyCommands: ["camera.snap"],',
      '      commands: {',
      '        deny: ["camera.snap"]',
    ]),
    { migrations: ['Moved gateway.nodes.denyCommands → gateway.nodes.commands.deny.'], migrationsNamed: true },
  );
  assert.deepEqual(
    migrationLines(DOCTOR, ["      'streamMode': 'partial',", '      streaming: { mode: "partial" },']),
    {
      migrations: ['Moved channels.telegram.streamMode → channels.telegram.streaming.mode (partial).'],
      migrationsNamed: true,
    },
  );
});

test('a block naming no key (a closing brace) comes with every line of its config; a security fix alone with none', () => {
  assert.deepEqual(migrationLines([...DOCTOR, DOCTOR[0]!], ['    },', '  },']), {
    migrations: DOCTOR,
    migrationsNamed: false,
  });
  assert.deepEqual(migrationLines([], ['    groupPolicy: "allowlist",']), {
    migrations: [],
    migrationsNamed: false,
  });
});
