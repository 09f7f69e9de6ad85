// The dispatcher: picks the command, runs it, and turns every error into a message and an exit
// code (STYLE §6). A user's mistake never shows a stack trace; an unexpected error shows one
// line and how to see the stack (--debug).
import { readFileSync } from 'node:fs';
import { demo } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { importPeriodenCommand } from './commands/import-perioden.js';
import { intrekken } from './commands/intrekken.js';
import { report } from './commands/report.js';
import { verify } from './commands/verify.js';
import { verklaar } from './commands/verklaar.js';
import { CliError, EXIT_ERROR, EXIT_OK, EXIT_USAGE, echo, UsageError } from './errors.js';
import { COMMANDS, type Command, HELP } from './help.js';
import { meld, type Omgeving, schrijf } from './omgeving.js';

const RUN: Readonly<Record<Command, (argv: readonly string[], omgeving: Omgeving) => Promise<number>>> = {
  demo,
  import: importCommand,
  'import-perioden': importPeriodenCommand,
  export: exportCommand,
  report,
  verify,
  intrekken,
  verklaar,
};

const isCommand = (s: string): s is Command => (COMMANDS as readonly string[]).includes(s);

const version = (): string => {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
      return pkg.version;
  } catch {
    // Fall through: the version is only informative.
  }
  return 'onbekend';
};

/** The "Gebruik: …" line of a help text. */
const usageLine = (help: string): string => /^Gebruik: .*$/m.exec(help)?.[0] ?? '';

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export const run = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const debug = argv.includes('--debug');
  const [first, ...rest] = argv;
  let command: Command | undefined;
  try {
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
    return await RUN[first](rest, omgeving);
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
      );
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      await meld(omgeving, `${prefix}: ${error.message}`);
      if (debug && error.stack !== undefined) await meld(omgeving, error.stack);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    await meld(omgeving, `${prefix}: onverwachte fout: ${message}`);
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
