/** A completed check run carrying every annotation: created with the first 50, the rest appended 50 per PATCH. */
import type { CheckAnnotation } from './annotations.ts';
import type { GitHub } from './github.ts';

export const CHECK_RUN_NAME = 'openclaw-audit';
/** The Checks API takes at most 50 annotations per request. */
const ANNOTATIONS_PER_REQUEST = 50;
const SUMMARY_MAX = 65_535;

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations: readonly CheckAnnotation[];
  detailsUrl?: string;
}

export async function createCheckRun(github: GitHub, input: CheckRunInput): Promise<{ id: number; requests: number }> {
  const summary = input.summary.length > SUMMARY_MAX ? input.summary.slice(0, SUMMARY_MAX - 2) + '\n' : input.summary;
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < input.annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(input.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (annotations: CheckAnnotation[] | undefined) => ({
    title: input.title,
    summary,
    ...(annotations ? { annotations } : {}),
  });
  const { data } = await github.rest.checks.create({
    owner: input.owner,
    repo: input.repo,
    name: input.name,
    head_sha: input.headSha,
    status: 'completed',
    conclusion: input.conclusion,
    completed_at: new Date().toISOString(),
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    output: output(batches[0]),
  });
  for (const batch of batches.slice(1)) {
    await github.rest.checks.update({
      owner: input.owner,
      repo: input.repo,
      check_run_id: data.id,
      output: output(batch),
    });
  }
  return { id: data.id, requests: Math.max(1, batches.length) };
}
