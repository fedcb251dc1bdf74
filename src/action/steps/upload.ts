/** Step (opt-in): the SARIF file uploaded to code scanning, then polled until GitHub has processed it. */
import { pathToFileURL } from 'node:url';
import type { Step } from '../run-state.ts';
import { UploadError, uploadSarif } from '../upload-sarif.ts';

export const uploadToCodeScanning: Step = async (run) => {
  const { ports, inputs, ctx, github } = run;
  if (!inputs.uploadSarif) return;
  const warn = (message: string) => ports.core.warning(message, { title: 'openclaw-audit' });
  if (run.outcomes.some((o) => !o.ok)) {
    return warn(
      'upload-sarif: not uploading, because a config was rejected and the analysis is incomplete (an empty analysis would close every open alert).',
    );
  }
  if (!github || !ctx.sha || !ctx.ref) return run.degraded.skipped('SARIF upload', 'no token, commit or ref');
  try {
    const result = await uploadSarif(
      github,
      {
        owner: ctx.owner!,
        repo: ctx.repo!,
        sarif: run.results.sarif,
        commitSha: ctx.sha,
        ref: ctx.ref,
        checkoutUri: pathToFileURL(run.workspace).href,
        toolName: 'openclaw-audit',
      },
      { sleep: ports.sleep ?? ((ms) => new Promise<void>((done) => setTimeout(done, ms))) },
    );
    run.results.sarifId = result.id;
    if (result.status === 'complete') ports.core.info(`SARIF ${result.id} processed by code scanning.`);
    else if (result.status === 'failed')
      warn(
        `code scanning could not process the SARIF upload ${result.id}: ${result.errors.join('; ') || 'no reason given'}`,
      );
    else
      ports.core.notice(`code scanning is still processing the SARIF upload ${result.id}.`, {
        title: 'openclaw-audit',
      });
  } catch (error) {
    if (error instanceof UploadError) warn(`upload-sarif: ${error.message}`);
    else run.degraded.apiFailed('SARIF upload', 'security-events: write', error);
  }
};
