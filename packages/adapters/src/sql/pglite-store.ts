// A PGlite store: PostgreSQL in WebAssembly in this process, on a directory or in memory.
import { mkdir } from 'node:fs/promises';
import type { EventStore } from '../port.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openSqlStore, type SqlStoreOptions } from './sql-store.js';

/** A PGlite store on `dataDir` (created when missing), or in memory when undefined. */
export const openPgliteStore = async (
  dataDir: string | undefined,
  options: SqlStoreOptions = {},
): Promise<EventStore> => {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const driver = await openPgliteDriver(dataDir);
  try {
    return await openSqlStore(driver, options);
  } catch (error) {
    await driver.close().catch(() => {});
    throw error;
  }
};
