// The EventStore contract against PGlite. PGlite costs about 1 GB and seconds per instance, so
// the contract shares one in-memory instance and gives every store a schema of its own; one
// more instance on a directory shows the data outliving the process's store.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlStore, openStore, type SqlDriver } from '../packages/adapters/src/index.js';
import { openPgliteDriver } from '../packages/adapters/src/pglite.js';
import { freshSchema } from './support/postgres.js';
import { runSqlStoreTests } from './support/sql-store-tests.js';
import { runStoreContract, start, werk } from './support/store-contract.js';

let shared: Promise<SqlDriver> | undefined;
const instance = (): Promise<SqlDriver> => {
  shared ??= openPgliteDriver(undefined);
  return shared;
};
/** The shared instance, for one store or test: closing it leaves the instance open. */
const borrowed = async (): Promise<SqlDriver> => {
  const driver = await instance();
  return {
    kind: driver.kind,
    query: (text, params) => driver.query(text, params),
    transaction: (work) => driver.transaction(work),
    listen: (channel, onNotify) => driver.listen(channel, onNotify),
    close: async () => {},
  };
};
const open = async (schema = freshSchema(), options: { readonly pollIntervalMs?: number } = {}) =>
  openSqlStore(await borrowed(), { schema, pollIntervalMs: options.pollIntervalMs ?? 200 });

runStoreContract('pglite (in memory)', () => open());
runSqlStoreTests('pglite (in memory)', open, borrowed);

afterAll(async () => {
  await (await shared)?.close();
});

describe('pglite on a directory', () => {
  it('opens pglite:PATH, creates the directory, keeps the facts after closing, and locks it for one process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-pglite-'));
    try {
      const path = join(dir, 'nested', 'store');
      const first = await openStore(`pglite:${path}`);
      expect(first.kind).toBe('pglite');
      await first.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01')]);
      await first.close();
      const again = await openStore(`pglite:${path}`);
      // One process at a time: a second open waits for nobody and says why.
      await expect(openStore(`pglite:${path}`)).rejects.toThrow(/is in dit proces al geopend/);
      await again.appendToStream('huishouden-h-1', 0, [werk('h-1', '2014-06-01')]);
      expect((await again.readStream('huishouden-h-1')).map((e) => e.revision)).toEqual([0, 1]);
      await again.close();

      // A lock left by a process that is gone (a killed import) is taken over.
      const gone = spawnSync(process.execPath, ['-e', '']).pid;
      await writeFile(`${path}.lock`, `${gone}\n`);
      const third = await openStore(`pglite:${path}`);
      expect(await third.readStream('huishouden-h-1')).toHaveLength(2);
      await third.close();
      await expect(readFile(`${path}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
