/** Reads the `--baseline` file through the host, with a size cap, as a usage error when it is missing or malformed. */
import { resolve } from 'node:path';
import { BaselineError, parseBaseline, type Baseline } from '../report/baseline.ts';
import type { Host } from '../core/host.ts';

/** A baseline of a large monorepo is a few MB; refuse anything far beyond. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** `label` is how messages name the file: `--baseline x.json`, or the settings file's `baseline:` entry. */
export function readBaseline(io: { host: Host; cwd: string }, given: string, label = `--baseline ${given}`): Baseline {
  const path = resolve(io.cwd, given);
  const info = io.host.stat(path);
  if (!info || info.kind !== 'file') throw new BaselineError(`${label}: no such file`);
  if (info.size > MAX_BASELINE_BYTES) throw new BaselineError(`${label}: larger than ${MAX_BASELINE_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(io.host.readFile(path));
  } catch (error) {
    throw new BaselineError(`${label}: cannot read it (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseBaseline(text, label);
}
