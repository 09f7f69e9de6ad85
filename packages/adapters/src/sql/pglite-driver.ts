// The SQL driver over PGlite, PostgreSQL in WebAssembly inside this process: a directory (the
// CLI's default store) or memory. PGlite is one session: its own queue runs one query or
// transaction at a time, which is exactly the serialisation the store needs.
import { PGlite } from '@electric-sql/pglite';
import { lockDirectory } from './directory-lock.js';
import type { Row, SqlDriver, SqlSession } from './driver.js';
import { PgliteGuard } from './pglite-guard.js';

interface PgliteQueryable {
  query<T>(
    text: string,
    params?: unknown[],
    options?: { rowMode?: 'array' | 'object'; blob?: Blob },
  ): Promise<{ rows: T[] }>;
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

/** PGlite reads COPY's input from a Blob given with the query, as the file /dev/blob. */
const copyFrom = async (tx: PgliteQueryable, target: string, blob: Blob): Promise<void> => {
  await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
};

class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite';

  constructor(
    private readonly db: PgliteInstance,
    private readonly owned: boolean,
    private readonly guard: PgliteGuard | undefined,
    private readonly unlock: () => Promise<void> = async () => {},
  ) {}

  private run<T>(call: () => Promise<T>): Promise<T> {
    return this.guard === undefined ? call() : this.guard.run(call);
  }

  query(text: string, params?: readonly unknown[]): Promise<readonly Row[]> {
    return this.run(() => arrayRows(this.db, text, params));
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    // Every transaction of the store writes (appends, the schema): never into a full disk.
    await this.guard?.checkSpace();
    return this.run(() =>
      this.db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        return work({
          query: (text, params) => arrayRows(tx, text, params),
          // A Blob of text or of bytes alike.
          copyIn: (target, data) => copyFrom(tx, target, new Blob([data])),
          copyInBytes: (target, data) => copyFrom(tx, target, new Blob([data as Uint8Array<ArrayBuffer>])),
        });
      }),
    );
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const stop = await this.run(() => this.db.listen(channel, () => onNotify()));
    return async () => {
      if (!this.db.closed && this.guard?.broken !== true) await this.run(() => stop());
    };
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      // An instance that stopped answering is not touched again.
      if (!this.db.closed && this.guard?.broken !== true) await this.run(() => this.db.close());
    } finally {
      await this.guard?.stop();
      await this.unlock();
    }
  }
}

/** Opens PGlite under the guard: a start that fails or never ends is one Dutch line. */
const start = async (dataDir: string | undefined): Promise<{ db: PGlite; guard: PgliteGuard }> => {
  const guard = new PgliteGuard(dataDir);
  await guard.start();
  try {
    const db = await guard.run(async () => {
      const instance = new PGlite(dataDir);
      await instance.waitReady;
      return instance;
    }, 'open');
    return { db, guard };
  } catch (error) {
    await guard.stop();
    throw error;
  }
};

/**
 * A driver over PGlite: on `dataDir` (created when missing; its first open takes a few seconds),
 * or in memory when `dataDir` is undefined. A directory is locked for this process until close.
 * Every call is guarded (pglite-guard.ts): a time limit, free space before a write, and errors
 * explained in Dutch.
 */
export const openPgliteDriver = async (dataDir: string | undefined): Promise<SqlDriver> => {
  if (dataDir === undefined) {
    const { db, guard } = await start(undefined);
    return new PgliteDriver(db, true, guard);
  }
  const unlock = await lockDirectory(dataDir);
  try {
    const { db, guard } = await start(dataDir);
    return new PgliteDriver(db, true, guard, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
};

/** A driver over a PGlite instance the caller owns (it is not closed with the store). */
export const pgliteDriverOf = (db: PgliteInstance): SqlDriver => new PgliteDriver(db, false, undefined);
