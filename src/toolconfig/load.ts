/** Finds and reads `.openclaw-audit.yml` (or the `--config-file`) through the host, capped in size. */
import { join, relative, resolve, sep } from 'node:path';
import type { Host } from '../core/host.ts';
import { ToolConfigError, parseToolConfig, type ToolConfig } from './parse.ts';

const TOOL_CONFIG_NAMES = ['.openclaw-audit.yml', '.openclaw-audit.yaml'];
/** Settings fit in a few kB; anything near this is not a settings file. */
const MAX_TOOL_CONFIG_BYTES = 1024 * 1024;

export interface ToolConfigSource {
  host: Host;
  cwd: string;
  /** The audit root, where the file is looked for. */
  root: string;
  /** `--config-file`: must exist. */
  explicit?: string;
}

/** The settings, or undefined when no file is given and none is at the root. */
export function loadToolConfig(source: ToolConfigSource): ToolConfig | undefined {
  const { host, cwd, root, explicit } = source;
  const path =
    explicit !== undefined
      ? resolve(cwd, explicit)
      : TOOL_CONFIG_NAMES.map((name) => join(root, name)).find((p) => host.stat(p) !== undefined);
  if (path === undefined) return undefined;
  const shown = explicit ?? (relative(cwd, path).split(sep).join('/') || path);
  const info = host.stat(path);
  if (!info) throw new ToolConfigError(shown, 1, 1, 'no such file');
  if (info.kind !== 'file') throw new ToolConfigError(shown, 1, 1, 'not a regular file');
  if (info.size > MAX_TOOL_CONFIG_BYTES)
    throw new ToolConfigError(shown, 1, 1, `larger than ${MAX_TOOL_CONFIG_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(host.readFile(path));
  } catch (error) {
    throw new ToolConfigError(
      shown,
      1,
      1,
      error instanceof TypeError
        ? 'not valid UTF-8'
        : `cannot read it (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return parseToolConfig(text.replace(/^\uFEFF/, ''), shown);
}
