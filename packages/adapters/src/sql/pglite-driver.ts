// The SQL driver over PGlite, PostgreSQL in WebAssembly inside this process: a directory (the
// CLI's default store) or memory. PGlite is one session: its own queue runs one query or
// transaction at a time, which is exactly the serialisation the store needs.
import { PGlite } from '@electric-sql/pglite';
import { lockDirectory } from './directory-lock.js';
import type { Row, SqlDriver, SqlSession } from './driver.js';

interface PgliteQueryable {
  query<T>(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{ rows: T[] }>;
}

/**
 * What the driver uses of a PGlite instance (a `PGlite` fits). Structural, so this package's
 * declarations do not pull in PGlite's own (which need Emscripten's types to compile).
 */
export interface PgliteInstance extends PgliteQueryable {
  readonly closed: boolean;
  transaction<T>(work: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const arrayRows = async (db: PgliteQueryable, text: string, params: readonly unknown[] | undefined) => {
  const result = await db.query<unknown>(text, params === undefined ? [] : [...params], { rowMode: 'array' });
  return result.rows.filter((row): row is Row => Array.isArray(row));
};

class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite';

  constructor(
    private readonly db: PgliteInstance,
    private readonly owned: boolean,
    private readonly unlock: () => Promise<void> = async () => {},
  ) {}

  query(text: string, params?: readonly unknown[]): Promise<readonly Row[]> {
    return arrayRows(this.db, text, params);
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      return work({ query: (text, params) => arrayRows(tx, text, params) });
    });
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const stop = await this.db.listen(channel, () => onNotify());
    return async () => {
      if (!this.db.closed) await stop();
    };
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      await this.unlock();
    }
  }
}

/**
 * A driver over PGlite: on `dataDir` (created when missing; its first open takes a few seconds),
 * or in memory when `dataDir` is undefined. A directory is locked for this process until close.
 */
export const openPgliteDriver = async (dataDir: string | undefined): Promise<SqlDriver> => {
  if (dataDir === undefined) {
    const db = new PGlite();
    await db.waitReady;
    return new PgliteDriver(db, true);
  }
  const unlock = await lockDirectory(dataDir);
  try {
    const db = new PGlite(dataDir);
    await db.waitReady;
    return new PgliteDriver(db, true, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
};

/** A driver over a PGlite instance the caller owns (it is not closed with the store). */
export const pgliteDriverOf = (db: PgliteInstance): SqlDriver => new PgliteDriver(db, false);
