// The SQL driver over a PostgreSQL server through `pg`: a pool for queries and transactions,
// and one extra connection, opened on the first listen, for LISTEN. `pg` is loaded when a
// PostgreSQL store is opened, not when the package is imported.
import type pg from 'pg';
import type { Row, SqlDriver, SqlSession } from './driver.js';

export interface PgDriverOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
}

const arrayQuery = (text: string, params: readonly unknown[] | undefined) => ({
  text,
  values: params === undefined ? [] : [...params],
  rowMode: 'array' as const,
});

const rowsOf = (result: { rows: unknown[] }): readonly Row[] => result.rows.filter((row) => Array.isArray(row));

class PgDriver implements SqlDriver {
  readonly kind = 'postgres';
  private listener: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<() => void>>();

  constructor(
    private readonly pg: PgModule,
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {
    // An idle pooled connection that drops (server restart) must not crash the process.
    pool.on('error', () => {});
  }

  async query(text: string, params?: readonly unknown[]): Promise<readonly Row[]> {
    return rowsOf(await this.pool.query(arrayQuery(text, params)));
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out connection that drops between two queries (a server restart) emits 'error';
    // unheard, that would end the process with a stack trace. Heard, the next query fails and
    // the transaction throws as for any failed query (issue 7).
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await work({
        query: async (text, params) => rowsOf(await client.query(arrayQuery(text, params))),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        // The connection itself failed: it must not go back into the pool.
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const client = await this.listeningClient();
    let handlers = this.handlers.get(channel);
    if (handlers === undefined) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      await client.query(`LISTEN ${this.pg.escapeIdentifier(channel)}`);
    }
    handlers.add(onNotify);
    return async () => {
      handlers.delete(onNotify);
    };
  }

  private listeningClient(): Promise<pg.Client> {
    this.listener ??= (async () => {
      const client = new this.pg.Client({ connectionString: this.connectionString });
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler();
      });
      // A dropped LISTEN connection is replaced on the next listen; subscribers poll meanwhile.
      client.on('error', () => {
        this.listener = undefined;
        this.handlers.clear();
      });
      await client.connect();
      return client;
    })();
    return this.listener;
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (listener !== undefined) await (await listener.catch(() => undefined))?.end().catch(() => {});
    await this.pool.end();
  }
}

type PgModule = typeof pg;

/**
 * The connection string with JIT turned off for its sessions: the store's queries are small
 * index lookups, and on a table that an import is filling the planner's stale estimates make
 * JIT compile for longer than the query runs (measured: 56 ms of JIT for a 10 ms lookup).
 */
const withoutJit = (connectionString: string): string => {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString;
  }
  const options = url.searchParams.get('options');
  url.searchParams.set('options', options === null ? '-c jit=off' : `${options} -c jit=off`);
  return url.toString();
};

/** A driver for the PostgreSQL server at `connectionString` (postgres://…); connects on first use. */
export const openPgDriver = async (connectionString: string, options: PgDriverOptions = {}): Promise<SqlDriver> => {
  const { default: pgModule } = await import('pg');
  return new PgDriver(
    pgModule,
    new pgModule.Pool({ connectionString: withoutJit(connectionString), max: options.poolSize ?? 10 }),
    connectionString,
  );
};
