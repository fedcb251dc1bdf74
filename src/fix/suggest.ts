/**
 * Fix suggestions for pull-request review comments: per block of lines a fix edits, the lines as they are and as
 * they should be, so that the Action can post them as ```suggestion``` blocks.
 */
import { lineBlocks, showsSecret } from './diff.ts';
import { planFixRun, type FixOptions, type FixRun } from './run.ts';

export interface FixSuggestion {
  /** Relative to the audit root, `/`-separated. */
  file: string;
  /** 1-based, inclusive: GitHub's `start_line` and `line` (equal for a one-line suggestion). */
  startLine: number;
  endLine: number;
  /** The lines `startLine..endLine` as they are, without line terminators. */
  originalLines: string[];
  /** The replacement lines, without line terminators. */
  suggestedLines: string[];
  /** The config paths the suggestion fixes (one per fix; several when they share a line). */
  paths: string[];
  /** doctor's lines for the migrations the suggestion makes (see `migrationLines`); empty for a security fix alone. */
  migrations: string[];
  /** Whether those lines name a key the suggestion writes (else they are every line of its config's migration). */
  migrationsNamed: boolean;
}

const stripEol = (line: string) => line.replace(/\r?\n$/, '');

export interface FixSuggestions {
  suggestions: FixSuggestion[];
  /** Blocks left out because their lines hold a secret (a secret value's span, in any spelling, or a token shape). */
  withheld: number;
}

/**
 * The suggestions of a planned fix run. A block whose lines hold a secret is left out (and counted), so a review
 * comment never repeats a secret.
 */
export function fixSuggestions(run: FixRun): FixSuggestions {
  const out: FixSuggestion[] = [];
  let withheld = 0;
  for (const file of run.files) {
    for (const block of lineBlocks(file.before, file.edits)) {
      const originalLines = block.before.map(stripEol);
      const suggestedLines = block.after.map(stripEol);
      if (showsSecret(block, file.hidden)) {
        withheld++;
        continue;
      }
      out.push({
        file: file.file,
        startLine: block.start + 1,
        endLine: block.end,
        originalLines,
        suggestedLines,
        paths: block.edits.flatMap((e) => e.paths),
        ...migrationLines(
          block.edits.flatMap((e) => e.migrations ?? []),
          [...originalLines, ...suggestedLines],
        ),
      });
    }
  }
  return { suggestions: out, withheld };
}

const KEY = /["']?([A-Za-z_$][\w$-]*)["']?\s*:/g;
const DOTTED = /[\w$*<>-]+(?:\.[\w$*<>-]+)+/g;

/**
 * Which of a config's migration lines a block of edited lines makes: those naming, as the last key of a dotted path, a
 * key written on the block's lines before or after. A block matching none (a moved value's closing brace, say) shows
 * every line of the config instead, so a suggestion never comes without the migration it belongs to.
 */
export function migrationLines(
  lines: readonly string[],
  blockLines: readonly string[],
): { migrations: string[]; migrationsNamed: boolean } {
  const unique = [...new Set(lines)];
  if (unique.length === 0) return { migrations: [], migrationsNamed: false };
  const keys = new Set<string>();
  for (const line of blockLines) for (const m of line.matchAll(KEY)) keys.add(m[1]!);
  const named = unique.filter((l) =>
    [...l.split('\n')[0]!.matchAll(DOTTED)].some((m) => keys.has(m[0].slice(m[0].lastIndexOf('.') + 1))),
  );
  return named.length > 0
    ? { migrations: named, migrationsNamed: true }
    : { migrations: unique, migrationsNamed: false };
}

/** Plans the fixes of some configs (nothing is written) and returns them as review suggestions. */
export function suggestFixes(options: FixOptions): FixSuggestion[] {
  return fixSuggestions(planFixRun(options)).suggestions;
}
