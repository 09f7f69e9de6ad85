// The world the commands see: streams, the working directory and today's date. main.ts builds
// the real one; everything the CLI does with the outside goes through it (the core never does).
import type { Readable, Writable } from 'node:stream';

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

/** A line on stderr (messages, refusals). */
export const meld = (omgeving: Omgeving, line: string): Promise<void> => schrijf(omgeving.stderr, `${line}\n`);
