/**
 * doctor's `bindings.match.peer.kind.dm-to-direct` migration (openclaw 2026.9.6): a binding matching peers of kind
 * "dm" matches kind "direct" now. Path and messages are openclaw's interface.
 */
import { rec } from '../draft.ts';
import type { Migration } from '../migration.ts';

const legacyPeer = (binding: unknown) => rec(rec(rec(binding)?.match)?.peer)?.kind === 'dm';

export const BINDINGS_PEER_KIND_MIGRATION: Migration = {
  id: 'bindings.match.peer.kind.dm-to-direct',
  detect: (root) =>
    Array.isArray(root.bindings) && root.bindings.some(legacyPeer)
      ? [
          {
            path: 'bindings',
            message:
              'bindings[].match.peer.kind uses the retired "dm" alias; use "direct". Run "openclaw doctor --fix".',
          },
        ]
      : [],
  apply: (root, changes) => {
    if (!Array.isArray(root.bindings)) return;
    let migrated = 0;
    for (const binding of root.bindings) {
      const peer = rec(rec(rec(binding)?.match)?.peer);
      if (peer?.kind !== 'dm') continue;
      peer.kind = 'direct';
      migrated++;
    }
    if (migrated > 0)
      changes.push(
        `Moved deprecated bindings[].match.peer.kind "dm" → "direct" for ${migrated} binding${migrated === 1 ? '' : 's'}.`,
      );
  },
};
