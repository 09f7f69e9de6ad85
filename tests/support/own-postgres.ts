// A PostgreSQL cluster of a test's own (the Debian `postgresql` package's server binaries, as
// scripts/pg-throwaway.sh uses them), for a test that restarts its server: the shared server of
// the suite must keep running for the other test files. Test infrastructure.
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OwnPostgres {
  readonly url: string;
  /** `pg_ctl restart -m fast`: every connection is dropped, then the server takes new ones. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const binDir = async (): Promise<string> => {
  const ctl = process.env.ZELFREDZAAM_PG_CTL;
  if (ctl !== undefined && ctl !== '') return dirname(ctl);
  const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(a) - Number(b));
  const latest = versions[versions.length - 1];
  if (latest === undefined) throw new Error('geen PostgreSQL-server in /usr/lib/postgresql');
  return `/usr/lib/postgresql/${latest}/bin`;
};

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a server binary, as the `postgres` user when we are root (postgres refuses root). */
const asPostgres = (command: string, args: readonly string[]) =>
  isRoot() ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, [...args]);

export const startOwnPostgres = async (): Promise<OwnPostgres> => {
  const bin = await binDir();
  const dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-eigen-pg-'));
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(dir, 'data');
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  await asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`;
  const ctl = (...args: string[]) => asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), ...args]);
  await ctl('-w', '-o', options, 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await ctl('-w', '-m', 'fast', '-o', options, 'restart');
    },
    stop: async () => {
      await ctl('-w', '-m', 'fast', 'stop').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
};
