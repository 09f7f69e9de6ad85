// The SQL driver over a PostgreSQL server through `pg`: a pool for queries and transactions,
// and one extra connection, opened on the first listen, for LISTEN. `pg` is loaded when a
// PostgreSQL store is opened, not when the package is imported.
import type pg from 'pg';
import { type Row, type SqlDriver, type SqlSession, sqlState } from './driver.js';

export interface PgDriverOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /**
   * How long connecting (or waiting for a free pooled connection) may take, in milliseconds
   * (default 10,000; 0: no limit). A server that accepts and never answers fails here.
   */
  readonly connectTimeoutMs?: number;
  /**
   * How long one statement may run, in milliseconds (default 60,000; 0: no limit): the server
   * cancels it (statement_timeout), and a server that stops answering altogether is given up on
   * by the client a few seconds later.
   */
  readonly statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
/** The client waits this much longer than the server's statement_timeout, so a live server cancels first. */
const CLIENT_GRACE_MS = 5_000;

const seconds = (ms: number): string => `${(ms / 1000).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} s`;

/** Thrown when PostgreSQL does not answer within a time limit (issue 17, point 8). */
export class PostgresTimeoutError extends Error {
  override readonly name = 'PostgresTimeoutError';
}

interface Limits {
  readonly connectMs: number;
  readonly statementMs: number;
}

/** A time-out of `pg` or the server as one Dutch line naming the limit and how to change it; other errors as they are. */
const explain = (error: unknown, limits: Limits): unknown => {
  const message = error instanceof Error ? error.message : '';
  if (/^timeout expired$|connection timeout|timeout exceeded when trying to connect/.test(message)) {
    return new PostgresTimeoutError(
      `PostgreSQL antwoordt niet: geen verbinding binnen ${seconds(limits.connectMs)} (grens: connect_timeout=SECONDEN in het adres, standaard ${DEFAULT_CONNECT_TIMEOUT_MS / 1000})`,
      { cause: error },
    );
  }
  if (message === 'Query read timeout') {
    return new PostgresTimeoutError(
      `PostgreSQL antwoordt niet: een opdracht kreeg binnen ${seconds(limits.statementMs + CLIENT_GRACE_MS)} geen antwoord (hangt de server?; grens: statement_timeout=SECONDEN in het adres, standaard ${DEFAULT_STATEMENT_TIMEOUT_MS / 1000})`,
      { cause: error },
    );
  }
  if (sqlState(error) === '57014' && /statement timeout/.test(message)) {
    return new PostgresTimeoutError(
      `PostgreSQL brak een opdracht af die langer duurde dan ${seconds(limits.statementMs)} (grens: statement_timeout=SECONDEN in het adres, standaard ${DEFAULT_STATEMENT_TIMEOUT_MS / 1000})`,
      { cause: error },
    );
  }
  return error;
};

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
    private readonly limits: Limits,
  ) {
    // An idle pooled connection that drops (server restart) must not crash the process.
    pool.on('error', () => {});
  }

  async query(text: string, params?: readonly unknown[]): Promise<readonly Row[]> {
    try {
      return rowsOf(await this.pool.query(arrayQuery(text, params)));
    } catch (error) {
      throw explain(error, this.limits);
    }
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    try {
      return await this.transactionOnce(work);
    } catch (error) {
      throw explain(error, this.limits);
    }
  }

  private async transactionOnce<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
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
      // A server that did not answer in time is not asked to roll back (that would wait as long
      // again): the connection is dropped, which ends the transaction on the server.
      if (error instanceof Error && error.message === 'Query read timeout') {
        broken = error;
        throw error;
      }
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
      const client = new this.pg.Client({
        connectionString: this.connectionString,
        connectionTimeoutMillis: this.limits.connectMs,
        keepAlive: true,
      });
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler();
      });
      // A dropped LISTEN connection is replaced on the next listen; subscribers poll meanwhile.
      client.on('error', () => {
        this.listener = undefined;
        this.handlers.clear();
      });
      try {
        await client.connect();
      } catch (error) {
        throw explain(error, this.limits);
      }
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

const checkLimit = (ms: number, name: string): number => {
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new RangeError(`${name} ${ms}: verwacht een geheel aantal milliseconden ≥ 0`);
  return ms;
};

/** A driver for the PostgreSQL server at `connectionString` (postgres://…); connects on first use. */
export const openPgDriver = async (connectionString: string, options: PgDriverOptions = {}): Promise<SqlDriver> => {
  const { default: pgModule } = await import('pg');
  const limits: Limits = {
    connectMs: checkLimit(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs'),
    statementMs: checkLimit(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS, 'statementTimeoutMs'),
  };
  return new PgDriver(
    pgModule,
    new pgModule.Pool({
      connectionString: withoutJit(connectionString),
      max: options.poolSize ?? 10,
      // 0 is "no limit" for each of these in `pg`, as for us.
      connectionTimeoutMillis: limits.connectMs,
      ...(limits.statementMs === 0
        ? {}
        : { statement_timeout: limits.statementMs, query_timeout: limits.statementMs + CLIENT_GRACE_MS }),
      keepAlive: true,
    }),
    connectionString,
    limits,
  );
};
