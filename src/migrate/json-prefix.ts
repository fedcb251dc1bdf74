/**
 * doctor's repair of a config file that starts with text before its JSON root (notes pasted above it, a shell
 * heredoc's first line): "Removed non-JSON prefix from openclaw.json.". doctor removes the lines before the first line
 * that opens an object or array, and only when what remains is a config openclaw accepts.
 */
import { overlayHost, openFile, type Host } from '../core/host.ts';
import { MAX_CONFIG_BYTES, loadConfig, type LoadResult } from '../core/config/load.ts';
import { auditFile } from '../core/run.ts';
import { decodeFull, type TextEdit } from '../fix/text.ts';

export const PREFIX_REMOVED = 'Removed non-JSON prefix from openclaw.json.';

const OPENS_ROOT = /^\s*[{[]/;

/** Where the first line that opens the JSON root starts, when the text does not start with it. */
function jsonRootOffset(text: string): number | undefined {
  if (OPENS_ROOT.test(text)) return undefined;
  for (let offset = 0; offset < text.length;) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline + 1;
    if (OPENS_ROOT.test(text.slice(offset, end))) return offset;
    offset = end;
  }
  return undefined;
}

export interface PrefixRecovery {
  /** The host that reads the config without its prefix (every other file as before). */
  host: Host;
  loaded: Extract<LoadResult, { ok: true }>;
  /** The config file's text as committed, prefix included. */
  original: string;
  /** The edit that removes the prefix, in the committed text. */
  removal: TextEdit;
}

/** The config without its non-JSON prefix, when doctor would remove it; undefined otherwise. */
export function recoverJsonRoot(options: { host: Host; configPath: string; root: string }): PrefixRecovery | undefined {
  const { host, configPath, root } = options;
  let original: string;
  const opened = openFile(host, configPath);
  try {
    if (opened.info().size > MAX_CONFIG_BYTES) return undefined;
    const bytes = opened.read(MAX_CONFIG_BYTES);
    if (bytes.length > MAX_CONFIG_BYTES) return undefined;
    original = decodeFull(bytes);
  } catch {
    return undefined;
  } finally {
    opened.close();
  }
  const offset = jsonRootOffset(original);
  if (offset === undefined) return undefined;
  const stripped = overlayHost(host, new Map([[configPath, new TextEncoder().encode(original.slice(offset))]]));
  const loaded = loadConfig({ host: stripped, configPath, root });
  if (!loaded.ok || !auditFile({ host: stripped, configPath, root }).ok) return undefined;
  return {
    host: stripped,
    loaded,
    original,
    removal: { file: loaded.config.file, start: 0, end: offset, text: '' },
  };
}
