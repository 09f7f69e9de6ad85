// The SQL driver over a PostgreSQL server through `pg`: a pool for queries and transactions,
// and one connection for LISTEN, taken on the first listen (its own for a URL, one of the pool's
// for a caller's pool). `pg` is loaded when a PostgreSQL store is opened by URL, not when the
// package is imported; `pgDriverOf(pool)` uses the caller's own pool and never loads it. The
// types below are what the driver uses of `pg`, so a TypeScript user needs no `@types/pg` for
// this package's declarations.
import { type Row, type SqlDriver, type SqlSession, sqlState } from './driver.js';

interface PgQueryResult {
  readonly rows: unknown[];
}

interface PgQueryConfig {
  readonly text: string;
  readonly values: unknown[];
  readonly rowMode: 'array';
}

/** What `pg` calls on a query object of its own kind (a "submittable"), as far as COPY … FROM STDIN needs. */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** What the driver uses of a `pg` PoolClient. */
export interface PgPoolClient {
  query(config: PgQueryConfig): Promise<PgQueryResult>;
  query(text: string): Promise<unknown>;
  /** A query object of `pg`'s own protocol (COPY). */
  query(submittable: CopyIn): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'notification', listener: (message: { readonly channel: string }) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  release(error?: Error | boolean): void;
}

/** What the driver uses of a `pg` Pool (a `pg.Pool` fits). */
export interface PgPool {
  query(config: PgQueryConfig): Promise<PgQueryResult>;
  connect(): Promise<PgPoolClient>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(): Promise<void>;
}

/** A name as a PostgreSQL identifier (our channel names are plain; quoted all the same). */
const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

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

/**
 * COPY … FROM STDIN over `pg`'s protocol, without a library of its own: `pg` hands a query
 * object the connection; this one sends the rows when the server asks for them.
 */
class CopyIn {
  readonly done: Promise<void>;
  private settle: (error?: unknown) => void = () => {};
  private settled = false;
  /** Set by `pg` (a query time limit wraps it). */
  callback: ((error: unknown) => void) | undefined;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => {
        if (this.settled) return;
        this.settled = true;
        if (error === undefined) resolve();
        else reject(error);
      };
    });
    this.callback = undefined;
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }

  handleError(error: unknown): void {
    this.callback?.(error);
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.callback?.(undefined);
    this.settle();
  }

  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

const arrayQuery = (text: string, params: readonly unknown[] | undefined) => ({
  text,
  values: params === undefined ? [] : [...params],
  rowMode: 'array' as const,
});

const rowsOf = (result: { rows: unknown[] }): readonly Row[] => result.rows.filter((row) => Array.isArray(row));

class PgDriver implements SqlDriver {
  readonly kind = 'postgres';
  private listener: Promise<PgPoolClient> | undefined;
  private readonly handlers = new Map<string, Set<() => void>>();

  constructor(
    private readonly pool: PgPool,
    /** Ends the pool on close (a pool the driver made); a caller's pool stays open. */
    private readonly owned: boolean,
    private readonly limits: Limits,
    /** The connection for LISTEN: its own for a pool the driver made, else one of the pool's. */
    private readonly connectListener: () => Promise<PgPoolClient> = () => pool.connect(),
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
      const copyInBytes = async (target: string, data: Uint8Array): Promise<void> => {
        const query = new CopyIn(
          `COPY ${target} FROM STDIN`,
          Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        );
        client.query(query);
        await query.done;
      };
      const result = await work({
        query: async (text, params) => rowsOf(await client.query(arrayQuery(text, params))),
        copyIn: (target, data) => copyInBytes(target, Buffer.from(data, 'utf8')),
        copyInBytes,
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
      await client.query(`LISTEN ${quote(channel)}`);
    }
    handlers.add(onNotify);
    return async () => {
      handlers.delete(onNotify);
    };
  }

  /** One connection kept for LISTEN until close (a dropped one is replaced on the next listen). */
  private listeningClient(): Promise<PgPoolClient> {
    this.listener ??= (async () => {
      let client: PgPoolClient;
      try {
        client = await this.connectListener();
      } catch (error) {
        throw explain(error, this.limits);
      }
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler();
      });
      // A dropped LISTEN connection is replaced on the next listen; subscribers poll meanwhile.
      client.on('error', (error) => {
        this.listener = undefined;
        this.handlers.clear();
        client.release(error);
      });
      return client;
    })();
    this.listener.catch(() => {
      this.listener = undefined;
    });
    return this.listener;
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (listener !== undefined) {
      const client = await listener.catch(() => undefined);
      if (client !== undefined) {
        await client.query('UNLISTEN *').catch(() => {});
        client.release();
      }
    }
    if (this.owned) await this.pool.end();
  }
}

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
  const pool = new pgModule.Pool({
    connectionString: withoutJit(connectionString),
    max: options.poolSize ?? 10,
    // 0 is "no limit" for each of these in `pg`, as for us.
    connectionTimeoutMillis: limits.connectMs,
    ...(limits.statementMs === 0
      ? {}
      : { statement_timeout: limits.statementMs, query_timeout: limits.statementMs + CLIENT_GRACE_MS }),
    keepAlive: true,
  });
  // LISTEN on a connection of its own, outside the pool: a pool of one stays free for queries.
  const connectListener = async (): Promise<PgPoolClient> => {
    const client = new pgModule.Client({
      connectionString,
      connectionTimeoutMillis: limits.connectMs,
      keepAlive: true,
    });
    await client.connect();
    return Object.assign(client, {
      release: () => {
        void client.end().catch(() => {});
      },
    });
  };
  return new PgDriver(pool, true, limits, connectListener);
};

/**
 * A driver over the caller's own `pg.Pool` (its size, TLS, credentials, timeouts): the store
 * uses its connections (one of them, from the first subscription on, for LISTEN) and leaves the
 * pool open when the store closes. Use `openSqlStore(pgDriverOf(pool))`, or `postgresStoreOf(pool)`.
 * The time limits only name the defaults in messages: the pool's own settings apply.
 */
export const pgDriverOf = (pool: PgPool): SqlDriver =>
  new PgDriver(pool, false, { connectMs: DEFAULT_CONNECT_TIMEOUT_MS, statementMs: DEFAULT_STATEMENT_TIMEOUT_MS });
