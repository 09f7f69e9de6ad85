// openStore: one text names the store (the CLI's --store). PostgreSQL from ZELFREDZAAM_PG_URL;
// PGlite on a directory is opened in store-pglite.int.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE, openStore } from '../packages/adapters/src/index.js';
import { openPgDriver } from '../packages/adapters/src/postgres.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';
import { start } from './support/store-contract.js';

const url = postgresUrl();
const schemas: string[] = [];

afterAll(async () => {
  await dropSchemas(url, schemas);
});

describe('openStore', () => {
  it('defaults to PGlite in .zelfredzaam under the working directory', () => {
    expect(DEFAULT_STORE).toBe('pglite:./.zelfredzaam');
  });

  it('memory: is an empty in-memory store', async () => {
    const store = await openStore('memory:');
    expect(store.kind).toBe('memory');
    expect(await store.readStream('huishouden-h-1')).toEqual([]);
    await store.close();
  });

  it('postgres://…?schema= opens that schema, created on first use', async () => {
    const schema = freshSchema('open');
    schemas.push(schema);
    const spec = new URL(url);
    spec.searchParams.set('schema', schema);
    for (const scheme of ['postgres:', 'postgresql:']) {
      spec.protocol = scheme;
      const store = await openStore(spec.toString());
      expect(store.kind).toBe('postgres');
      await store.appendToStream('huishouden-h-1', 'any', [start('h-1', '2014-01-01')]);
      await store.close();
    }
    const driver = await openPgDriver(url);
    try {
      expect(await driver.query(`SELECT count(*)::int FROM "${schema}".events`)).toEqual([[1]]);
    } finally {
      await driver.close();
    }
  });

  it('esdb:// loads the EventStoreDB adapter only when asked for', async () => {
    const store = await openStore('esdb://127.0.0.1:1?tls=false');
    expect(store.kind).toBe('esdb');
    await store.close();
  });

  it('refuses an unknown kind of store, naming the ones it knows', async () => {
    await expect(openStore('mysql://localhost/x')).rejects.toThrow(
      /onbekende opslag "mysql:…": verwacht memory:, pglite:PAD/,
    );
  });

  it('never repeats a password from an address it cannot read', async () => {
    const error = await openStore('postgres://gebruiker:geheim@[::1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/PostgreSQL-adres onleesbaar/);
    expect(String(error)).not.toContain('geheim');
  });
});
