/** Runs the CLI in this process: real file system, stdout/stderr, exit code. Loaded by index.ts. */
import { nodeHost } from '../io/node-host.ts';
import { writeFileSafely } from '../io/safe-file.ts';
import { autoColor } from './color.ts';
import { main } from './main.ts';
import { VERSION } from '../version.ts';
import { ToolDataError, errorMessage } from '../core/errors.ts';

// A reader that stops early (`| head`) closes the pipe: stop writing and keep the audit's exit code, without a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && stream === process.stdout)
      process.stderr.write(`openclaw-audit: cannot write the report: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? process.exitCode : 2);
  });
}

try {
  process.exitCode = main(process.argv.slice(2), {
    host: nodeHost,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: writeFileSafely,
    colorAllowed: autoColor(process.stdout.isTTY === true, process.env),
    stdoutIsTerminal: process.stdout.isTTY === true,
    now: () => Date.now(),
    version: VERSION,
  });
} catch (error) {
  if (error instanceof ToolDataError) {
    // The same line the launcher prints when a file of the package is missing at start-up.
    process.stderr.write(`openclaw-audit: cannot start (${error.message}); reinstall the package\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `openclaw-audit: internal error: ${errorMessage(error)}\nPlease report it with the config that caused it (secrets removed).\n`,
    );
    process.exitCode = 2;
  }
}
