// The world the commands see: streams, the working directory and today's date. main.ts builds
// the real one; everything the CLI does with the outside goes through it (the core never does).
import type { Readable, Writable } from 'node:stream';
import type { Hooks } from '@zelfredzaam/adapters';

export interface Terminal {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Omgeving {
  readonly stdout: Writable & Terminal;
  readonly stderr: Writable & Terminal;
  readonly stdin: Readable;
  /** Relative paths (files, pglite:PATH) are taken from here. */
  readonly cwd: string;
  /** Today's date (`YYYY-MM-DD`, Europe/Amsterdam), read from the clock at the edge. */
  readonly vandaag: () => string;
  /** The current instant in epoch milliseconds (default: the clock); an import refuses a recordedAt after it. */
  readonly nu?: () => number;
  /** Environment variables (the pseudonymisation key of `--pseudonimiseer`); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * `--log json`: every line on stderr is one JSON object (refusals with their line numbers,
   * progress, the summary, messages) for a scheduler; default `tekst`, lines for people.
   */
  readonly log?: 'tekst' | 'json';
  /** Observers of the library calls (recordFacts, import) and spans around replay and report. */
  readonly hooks?: Hooks;
}

/** Writes text to a stream and waits until it is taken (backpressure); a closed pipe is not an error. */
export const schrijf = (out: Writable, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (text === '') {
      resolve();
      return;
    }
    const onError = (error: NodeJS.ErrnoException): void => {
      out.off('error', onError);
      // `zelfredzaam export | head`: the reader went away; stop quietly.
      if (error.code === 'EPIPE') resolve();
      else reject(error);
    };
    out.on('error', onError);
    const done = (): void => {
      out.off('error', onError);
      resolve();
    };
    if (out.write(text)) done();
    else out.once('drain', done);
  });

/** One JSON object on one line of stderr, with its time (only with `--log json`). */
export const logJson = (omgeving: Omgeving, event: Readonly<Record<string, unknown>>): Promise<void> =>
  schrijf(
    omgeving.stderr,
    `${JSON.stringify({ time: new Date((omgeving.nu ?? Date.now)()).toISOString(), ...event })}\n`,
  );

/** Whether stderr takes JSON lines (`--log json`). */
export const alsJson = (omgeving: Omgeving): boolean => omgeving.log === 'json';

/** A line on stderr (messages, refusals); with `--log json` a `message` event holding it. */
export const meld = (omgeving: Omgeving, line: string, level: 'info' | 'error' = 'info'): Promise<void> =>
  alsJson(omgeving)
    ? logJson(omgeving, { level, event: 'message', message: line })
    : schrijf(omgeving.stderr, `${line}\n`);
