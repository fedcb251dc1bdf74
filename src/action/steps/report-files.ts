/** Step: the SARIF file (every finding of the head, as code scanning diffs on its own) and the JSON report. */
import { dirname, join } from 'node:path';
import { REPOSITORY_URL } from '../../report/formats.ts';
import { toJson } from '../../report/json.ts';
import type { Step } from '../run-state.ts';
import { renderSarif } from '../sarif-file.ts';

export const writeReportFiles: Step = ({ ports, inputs, ctx, outcomes, redact, docsBaseUri, results }) => {
  results.sarif = redact(
    renderSarif(outcomes, {
      toolVersion: ports.version,
      informationUri: REPOSITORY_URL,
      docsBaseUri,
      omitSuppressed: inputs.suppressed === 'omit',
      ...(inputs.category ? { category: inputs.category } : {}),
      root: inputs.root,
      forUpload: inputs.uploadSarif,
      ...(ctx.owner && ctx.repo ? { versionControl: { repositoryUri: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`, ...(ctx.sha ? { revisionId: ctx.sha } : {}), ...(ctx.ref ? { branch: ctx.ref } : {}) } } : {}),
    }),
  );
  ports.writeText(inputs.sarifFile, results.sarif);
  const jsonDir = ports.tempDir ?? (ports.env.RUNNER_TEMP ? join(ports.env.RUNNER_TEMP, 'openclaw-audit') : dirname(inputs.sarifFile));
  results.jsonFile = join(jsonDir, 'openclaw-audit.json');
  ports.writeText(results.jsonFile, redact(toJson(outcomes, { ts: (ports.now ?? Date.now)() })));
};
