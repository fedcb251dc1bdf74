/** A fresh copy of the repository's examples/ (and any extra files) in a temp folder, to run the CLI on as a user would. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../robustness/harness.ts';

export function examplesRepo(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-eco-'));
  cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A temp folder with exactly these files. */
export function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-eco-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
