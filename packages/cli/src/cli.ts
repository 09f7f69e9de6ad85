// The dispatcher: picks the command, runs it, and turns every error into a message and an exit
// code (STYLE §6). A user's mistake never shows a stack trace; an unexpected error shows one
// line and how to see the stack (--debug).
// Commands are loaded when they run (dynamic import): `--help` and `--version` load none of
// them, and no command loads a store client it does not use (issue 14, point 4).
import { Writable } from 'node:stream';
import { CliError, EXIT_ERROR, EXIT_OK, EXIT_USAGE, echo, UsageError } from './errors.js';
import { COMMANDS, type Command, HELP } from './help.js';
import { meld, type Omgeving, schrijf } from './omgeving.js';
import { version } from './versie.js';

type Run = (argv: readonly string[], omgeving: Omgeving) => Promise<number>;

const RUN: Readonly<Record<Command, () => Promise<Run>>> = {
  demo: async () => (await import('./commands/demo.js')).demo,
  import: async () => (await import('./commands/import.js')).importCommand,
  'import-perioden': async () => (await import('./commands/import-perioden.js')).importPeriodenCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  report: async () => (await import('./commands/report.js')).report,
  verify: async () => (await import('./commands/verify.js')).verify,
  intrekken: async () => (await import('./commands/intrekken.js')).intrekken,
  verklaar: async () => (await import('./commands/verklaar.js')).verklaar,
};

/**
 * Takes `--log json` (or `--log tekst`, `--log=…`) out of the arguments: it holds for every
 * command. With json, stderr is no terminal for the progress bars, which would not be JSON.
 */
const logOption = (argv: readonly string[], omgeving: Omgeving): { argv: readonly string[]; omgeving: Omgeving } => {
  const rest: string[] = [];
  let log: 'tekst' | 'json' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let value: string | undefined;
    if (arg === '--log') {
      value = argv[i + 1];
      i++;
    } else if (arg.startsWith('--log=')) value = arg.slice('--log='.length);
    else {
      rest.push(arg);
      continue;
    }
    if (value !== 'json' && value !== 'tekst') {
      throw new UsageError(`--log: verwacht json of tekst, ontvangen ${value === undefined ? 'niets' : echo(value)}`);
    }
    log = value;
  }
  if (log === undefined) return { argv, omgeving };
  if (log === 'tekst') return { argv: rest, omgeving: { ...omgeving, log } };
  const stderr = omgeving.stderr;
  // Handed on at once (not after the terminal took it): nothing waits in this stream's buffer
  // when the command ends.
  const plain = new Writable({
    write(chunk, _encoding, done) {
      stderr.write(chunk);
      done();
    },
  });
  return { argv: rest, omgeving: { ...omgeving, log, stderr: plain } };
};

const isCommand = (s: string): s is Command => (COMMANDS as readonly string[]).includes(s);

/** The "Gebruik: …" line of a help text. */
const usageLine = (help: string): string => /^Gebruik: .*$/m.exec(help)?.[0] ?? '';

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export const run = async (argv: readonly string[], world: Omgeving): Promise<number> => {
  const debug = argv.includes('--debug');
  let omgeving = world;
  let command: Command | undefined;
  try {
    const logged = logOption(argv, world);
    omgeving = logged.omgeving;
    const [first, ...rest] = logged.argv;
    if (first === '--help' || first === '-h' || first === 'help') {
      await schrijf(omgeving.stdout, HELP.algemeen);
      return EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      await schrijf(omgeving.stdout, `zelfredzaam ${version()}\n`);
      return EXIT_OK;
    }
    if (first === undefined)
      throw new UsageError('geef een opdracht: demo, import, import-perioden, export, report, verify of verklaar');
    if (!isCommand(first)) {
      throw new UsageError(
        first.startsWith('-')
          ? `geef eerst een opdracht (demo, import, import-perioden, export, report, verify of verklaar), dan de opties; ontvangen ${echo(first)}`
          : `onbekende opdracht ${echo(first)}; kies uit demo, import, import-perioden, export, report, verify of verklaar`,
      );
    }
    command = first;
    const runCommand = await RUN[first]();
    const hooks = omgeving.hooks;
    const work = () => runCommand(rest, omgeving);
    // The report as one span (its replay is a span of its own, inside).
    return first === 'report' && hooks?.span !== undefined
      ? await hooks.span('zelfredzaam.report', {}, work)
      : await work();
  } catch (error) {
    return failure(error, command, debug, omgeving);
  }
};

const failure = async (
  error: unknown,
  command: Command | undefined,
  debug: boolean,
  omgeving: Omgeving,
): Promise<number> => {
  const prefix = command === undefined ? 'zelfredzaam' : `zelfredzaam ${command}`;
  try {
    if (error instanceof UsageError) {
      const help = command === undefined ? HELP.algemeen : HELP[command];
      await meld(
        omgeving,
        `${prefix}: ${error.message}\n${usageLine(help)}\nMeer hulp: zelfredzaam${command === undefined ? '' : ` ${command}`} --help`,
        'error',
      );
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      await meld(omgeving, `${prefix}: ${error.message}`, 'error');
      if (debug && error.stack !== undefined) await meld(omgeving, error.stack, 'error');
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    await meld(omgeving, `${prefix}: onverwachte fout: ${message}`, 'error');
    if (debug) {
      await meld(omgeving, error instanceof Error && error.stack !== undefined ? error.stack : String(error));
    } else {
      await meld(omgeving, 'Draai de opdracht opnieuw met --debug voor de volledige foutmelding (stack trace).');
    }
    return EXIT_ERROR;
  } catch {
    return EXIT_ERROR;
  }
};
