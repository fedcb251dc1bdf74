#!/usr/bin/env node
/** `openclaw-audit`: the npx entry point. */
import module from 'node:module';

// Node ≥ 22.1 can keep V8's compiled code on disk (in the OS temp folder, checked against the source), which saves
// compiling the ~350 kB bundle on every run. It must be on before the bundle loads, hence the separate file, which the
// build bundles on its own; webpackIgnore keeps ncc from inlining it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
try {
  await import(/* webpackIgnore: true */ './run.js');
} catch (error) {
  // Only a damaged install gets here (a file of the package missing or unreadable): say so in one line.
  process.stderr.write(
    `openclaw-audit: cannot start (${error instanceof Error ? error.message : String(error)}); reinstall the package\n`,
  );
  process.exitCode = 2;
}
