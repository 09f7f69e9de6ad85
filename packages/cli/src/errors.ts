// Exit codes and the errors the CLI turns into a message (STYLE §6: exceptions only at the edge).
import { maskBsn } from '@zelfredzaam/domain';

/** Everything done; no refusals. */
export const EXIT_OK = 0;
/** Facts refused (import, report --from), a failed check (verify), or a fact the store would not take. */
export const EXIT_REFUSED = 1;
/** Wrong command line: unknown command or option, a bad value, a missing or unreadable input file. */
export const EXIT_USAGE = 2;
/** Something else went wrong: the store could not be reached, a write failed, an internal error. */
export const EXIT_ERROR = 3;

/** A mistake in the command line: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the user can act on (a store that cannot be opened, a file that cannot be written): exit 3, no stack. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_ERROR,
  ) {
    super(message);
  }
}

const MAX_ECHO = 60;

/** A value from the command line, safe to echo in a message: quoted, control characters escaped, cut short, never a BSN. */
export const echo = (value: string): string =>
  maskBsn(JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value));
