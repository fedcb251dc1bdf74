/** A clear message for an option the CLI does not know, with the closest documented one ("did you mean …"). */
import { closestMatch } from '../core/closest.ts';

/** The long options `--help` documents (`  --name …` at the start of a line), so a suggestion is always documented. */
export function documentedOptions(help: string): string[] {
  return [...new Set([...help.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!))];
}

/** The known option closest to `given` (a typo, a missing or extra dash, or an unambiguous prefix), if any is close. */
function closestOption(given: string, known: readonly string[]): string | undefined {
  const name = `--${given.replace(/^-+/, '').replace(/=.*$/, '').toLowerCase()}`;
  const prefixed = known.filter((k) => k.startsWith(name));
  if (name.length >= 5 && prefixed.length === 1) return prefixed[0];
  return closestMatch(name, known);
}

/** The message for an unknown option, from node's parseArgs error; undefined for any other error. */
export function unknownOptionMessage(error: unknown, known: readonly string[]): string | undefined {
  if (!(error instanceof Error) || (error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return undefined;
  const given = /^Unknown option '(.+?)'\./.exec(error.message)?.[1];
  if (given === undefined) return undefined;
  const suggestion = closestOption(given, known);
  return suggestion
    ? `unknown option ${given} (did you mean ${suggestion}?)`
    : `unknown option ${given} (to audit a path that starts with "-", put it after "--": openclaw-audit -- ${given})`;
}
