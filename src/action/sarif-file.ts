/** The SARIF text the Action writes and uploads: the SARIF reporter with what the Action knows about the run. */
import { pathToFileURL } from 'node:url';
import type { AuditOutcome } from '../core/types.ts';
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
