#!/usr/bin/env node
// The `zelfredzaam` command: the real world (process streams, the clock) handed to the CLI.
import { DateTime } from 'luxon';
import { run } from './cli.js';

// `zelfredzaam export | head`: when the reader goes away, stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  // MEETREGELS §3: the peildatum defaults to "today" in the Netherlands; the core never reads the clock.
  vandaag: () => DateTime.now().setZone('Europe/Amsterdam').toISODate() ?? '',
});
process.exitCode = exitCode;
// Everything is written (stdout and stderr are synchronous on pipes and files here): a library
// that left a timer behind (PGlite after a failed start) must not keep the command alive.
setTimeout(() => process.exit(exitCode), 2_000).unref();
