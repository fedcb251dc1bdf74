/** Step: the SARIF file (every finding of the head, as code scanning diffs on its own) and the JSON report. */
import { dirname, join, relative, sep } from 'node:path';
import { REPOSITORY_URL } from '../../report/formats.ts';
import { toJson } from '../../report/json.ts';
import { migrationToJson } from '../../report/migration.ts';
import type { Step } from '../run-state.ts';
import { renderSarif, reportFileOptions } from '../sarif-file.ts';

/** A report file could not be written (a link, a folder outside the workspace): the run fails with this message. */
export class ReportFileError extends Error {}

export const writeReportFiles: Step = ({
  ports,
  inputs,
  ctx,
  workspace,
  outcomes,
  migrations,
  docsBaseUri,
  results,
}) => {
  results.sarif = renderSarif(outcomes, {
    toolVersion: ports.version,
    informationUri: REPOSITORY_URL,
    docsBaseUri,
    omitSuppressed: inputs.suppressed === 'omit',
    ...(inputs.category ? { category: inputs.category } : {}),
    root: inputs.root,
    ...(ctx.owner && ctx.repo
      ? {
          versionControl: {
            repositoryUri: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
            ...(ctx.sha ? { revisionId: ctx.sha } : {}),
            ...(ctx.ref ? { branch: ctx.ref } : {}),
          },
        }
      : {}),
  });
  const jsonDir =
    ports.tempDir ??
    (ports.env.RUNNER_TEMP ? join(ports.env.RUNNER_TEMP, 'openclaw-audit') : dirname(inputs.sarifFile));
  results.jsonFile = join(jsonDir, 'openclaw-audit.json');
  for (const [path, text] of [
    [inputs.sarifFile, results.sarif],
    [
      results.jsonFile,
      toJson(outcomes, {
        ts: (ports.now ?? Date.now)(),
        migrations: outcomes.map((o) => {
          const m = migrations.get(o.config);
          return m ? migrationToJson(m) : undefined;
        }),
      }),
    ],
  ] as const) {
    try {
      ports.writeText(path, text, reportFileOptions(path, workspace));
    } catch (error) {
      throw new ReportFileError(
        `openclaw-audit: cannot write ${relative(workspace, path).split(sep).join('/')}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
};
