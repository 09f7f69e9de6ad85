#!/usr/bin/env node
// The `zelfredzaam` command: the real world (process streams, the clock) handed to the CLI.
// `--help` and `--version` alone load only their text (help.ts, versie.ts: no domain, no
// codecs); anything else loads the dispatcher, which loads a command when it runs (cli.ts).

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

const argv = process.argv.slice(2);
const alleen = argv.length === 1 ? argv[0] : undefined;

const start = async (): Promise<number> => {
  if (alleen === '--help' || alleen === '-h' || alleen === 'help') {
    const { HELP } = await import('./help.js');
    process.stdout.write(HELP.algemeen);
    return 0;
  }
  if (alleen === '--version' || alleen === '-v') {
    const { version } = await import('./versie.js');
    process.stdout.write(`zelfredzaam ${version()}\n`);
    return 0;
  }
  const { run } = await import('./cli.js');
  return run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    // MEETREGELS §3: the peildatum defaults to "today" in the Netherlands; the core never reads the clock.
    vandaag: vandaagInNederland,
  });
};

const exitCode = await start();
process.exitCode = exitCode;
// Everything is written (stdout and stderr are synchronous on pipes and files here): a library
// that left a timer behind (PGlite after a failed start) must not keep the command alive.
setTimeout(() => process.exit(exitCode), 2_000).unref();
