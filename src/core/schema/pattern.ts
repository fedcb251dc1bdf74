/**
 * openclaw's schema `pattern`s (and `patternProperties` keys), tested in time linear in the text: a pull request
 * controls the strings, and V8's backtracking engine can take minutes on one of them (see linear-regex.ts).
 */
import { UnsupportedPattern, compileLinear } from './linear-regex.ts';

export interface PatternTester {
  test(text: string): boolean;
}

const cache = new Map<string, PatternTester | null>();

/**
 * The pattern as `new RegExp(pattern, flags)` would test it, or null when that constructor throws (the pattern is not
 * valid with those flags). Every pattern in openclaw's schema data compiles in the linear engine (a test pins it);
 * a pattern it refuses would be tested by V8.
 */
export function schemaPattern(pattern: string, flags: 'u' | ''): PatternTester | null {
  const key = `${flags}/${pattern}`;
  let tester = cache.get(key);
  if (tester !== undefined) return tester;
  let native: RegExp | null;
  try {
    native = new RegExp(pattern, flags);
  } catch {
    native = null;
  }
  tester = native;
  if (native) {
    try {
      tester = compileLinear(pattern, flags === 'u');
    } catch (error) {
      if (!(error instanceof UnsupportedPattern)) throw error;
    }
  }
  cache.set(key, tester);
  return tester;
}
