/** The SARIF text the Action writes and uploads: the SARIF reporter with what the Action knows about the run. */
import { pathToFileURL } from 'node:url';
import { isInside } from '../core/config/include.ts';
import type { AuditOutcome } from '../core/types.ts';
import type { WriteOptions } from '../io/safe-file.ts';
import { formatSarif, toSarif } from '../report/sarif.ts';

export interface SarifFileOptions {
  toolVersion: string;
  informationUri: string;
  docsBaseUri: string;
  omitSuppressed?: boolean;
  category?: string;
  /** Absolute audit root, for `originalUriBaseIds` (GitHub maps it with the upload's `checkout_uri`). */
  root?: string;
  versionControl?: { repositoryUri: string; revisionId?: string; branch?: string };
}

export function renderSarif(outcomes: readonly AuditOutcome[], options: SarifFileOptions): string {
  return formatSarif(
    toSarif(outcomes, {
      toolVersion: options.toolVersion,
      informationUri: options.informationUri,
      docsBaseUri: options.docsBaseUri,
      ...(options.omitSuppressed ? { omitSuppressed: true } : {}),
      ...(options.category ? { category: options.category } : {}),
      ...(options.root ? { srcRootUri: pathToFileURL(options.root).href.replace(/\/?$/, '/') } : {}),
      ...(options.versionControl ? { versionControl: options.versionControl } : {}),
    }),
  );
}

/**
 * How the Action writes its SARIF and JSON files: folders created as needed, never through a link, and a file named
 * inside the workspace stays inside it (a pull request can commit `openclaw-audit.sarif -> /anywhere`).
 */
export function reportFileOptions(path: string, workspace: string): WriteOptions {
  return { createFolders: true, ...(isInside(path, workspace) ? { within: workspace } : {}) };
}
