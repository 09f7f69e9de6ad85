// The `zelfredzaam` command in-process (its `run`), in a fake world: streams that collect the
// output, a working directory, a fixed "today", and the environment given. Test infrastructure.
import { PassThrough } from 'node:stream';
import { run } from '../../packages/cli/src/cli.js';
import type { Omgeving } from '../../packages/cli/src/omgeving.js';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Text on stdin (ended at once; empty when absent). */
  readonly stdin?: string;
}

export const runInProcess = async (argv: readonly string[], options: InProcessOptions): Promise<InProcessResult> => {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const omgeving: Omgeving = {
    stdout,
    stderr,
    stdin,
    cwd: options.cwd,
    vandaag: () => '2026-11-22',
    env: options.env ?? {},
  };
  const code = await run(argv, omgeving);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
};
