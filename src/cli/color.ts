/** When the text report is coloured: `--color auto|always|never` (`--no-color` = never), `NO_COLOR`, `FORCE_COLOR`. */

export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/**
 * What `auto` decides from the terminal and the environment: `NO_COLOR` (any non-empty value) turns colour off,
 * then `FORCE_COLOR` turns it on (off when `0` or `false`), else colour only on a terminal.
 */
export function autoColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  return isTTY;
}

/** `always` and `never` are what the user asked for; `auto` colours text written to the terminal only. */
export function colorFor(mode: ColorMode, auto: boolean, toFile: boolean): boolean {
  return mode === 'always' || (mode === 'auto' && auto && !toFile);
}
