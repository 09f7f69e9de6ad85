#!/usr/bin/env node
// The `zelfredzaam` command: the real world (process streams, the clock) handed to the CLI.
// It loads only the dispatcher: each command loads what it needs when it runs (cli.ts).
import { run } from './cli.js';

/** Today's date in the Netherlands, `YYYY-MM-DD` (the en-CA locale writes ISO dates). */
const vandaagInNederland = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

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
  vandaag: vandaagInNederland,
});
process.exitCode = exitCode;
