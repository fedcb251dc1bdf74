/** Uploads SARIF to code scanning through the REST API (gzip + base64), then polls until GitHub has processed it. */
import { gzipSync } from 'node:zlib';
import { isApiError, type GitHub } from './github.ts';

/** GitHub rejects SARIF over 10 MB gzip'd. */
const MAX_GZIP_BYTES = 10 * 1024 * 1024;

export interface UploadInput {
  owner: string;
  repo: string;
  sarif: string;
  commitSha: string;
  ref: string;
  /** `file://` URI of the checkout, for absolute URIs in the SARIF. */
  checkoutUri?: string;
  toolName?: string;
}

export interface UploadResult {
  id: string;
  status: 'complete' | 'failed' | 'pending';
  errors: string[];
}

export class UploadError extends Error {}

function encodeSarif(sarif: string): string {
  const gz = gzipSync(Buffer.from(sarif, 'utf8'));
  if (gz.length > MAX_GZIP_BYTES)
    throw new UploadError(
      `the SARIF file is ${(gz.length / 1048576).toFixed(1)} MB gzip'd; code scanning accepts at most 10 MB`,
    );
  return gz.toString('base64');
}

export async function uploadSarif(
  github: GitHub,
  input: UploadInput,
  poll: { sleep: (ms: number) => Promise<void>; intervalMs?: number; attempts?: number },
): Promise<UploadResult> {
  const { data } = await github.rest.codeScanning.uploadSarif({
    owner: input.owner,
    repo: input.repo,
    commit_sha: input.commitSha,
    ref: input.ref,
    sarif: encodeSarif(input.sarif),
    ...(input.checkoutUri ? { checkout_uri: input.checkoutUri } : {}),
    ...(input.toolName ? { tool_name: input.toolName } : {}),
  });
  const id = data.id ?? '';
  const attempts = poll.attempts ?? 12;
  let interval = poll.intervalMs ?? 2000;
  for (let i = 0; i < attempts; i++) {
    await poll.sleep(interval);
    interval = Math.min(interval * 2, 30_000);
    let status;
    try {
      status = await github.rest.codeScanning.getSarif({ owner: input.owner, repo: input.repo, sarif_id: id });
    } catch (error) {
      // Right after the upload the id may not be known yet.
      if (isApiError(error) && error.status === 404) continue;
      throw error;
    }
    const processing = status.data.processing_status;
    if (processing === 'complete') return { id, status: 'complete', errors: [] };
    if (processing === 'failed') return { id, status: 'failed', errors: [...(status.data.errors ?? [])] };
  }
  return { id, status: 'pending', errors: [] };
}
