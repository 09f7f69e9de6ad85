// Runs the `zelfredzaam` command as a child process, from its TypeScript sources (as
// `pnpm zelfredzaam` does), and collects its exit code and output. Test infrastructure.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'packages/cli/src/main.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

export interface CliOptions {
  /** Working directory (default: the repository root). */
  readonly cwd?: string;
  /** Text for stdin. */
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export const runCli = (args: readonly string[], options: CliOptions = {}): Promise<CliResult> =>
  new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--conditions=@zelfredzaam/source', '--import', TSX, MAIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      done({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      }),
    );
    child.stdin.end(options.input ?? '');
  });
