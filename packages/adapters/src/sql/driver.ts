// What the SQL store needs from a database connection, so that one store serves PostgreSQL
// (through `pg`) and PGlite (its own API). Every value goes as a parameter; the only names
// spliced into SQL are the store's schema name, checked by `quoteIdentifier` first.

/** A row as an array of column values, in the select list's order. */
export type Row = readonly unknown[];

export interface SqlSession {
  query(text: string, params?: readonly unknown[]): Promise<readonly Row[]>;
  /**
   * Loads rows with COPY (issue 16: about 1.6× less server work per row than an INSERT of a
   * JSON document): `target` is `table (columns)`, `data` rows in COPY's text format. Absent
   * where the connection cannot (the store then inserts).
   */
  copyIn?(target: string, data: string): Promise<void>;
  /**
   * As `copyIn`, the rows as UTF-8 bytes (what the store writes: no text is built from them);
   * used when present.
   */
  copyInBytes?(target: string, data: Uint8Array): Promise<void>;
}

export interface SqlDriver extends SqlSession {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `work` in one READ COMMITTED transaction on one connection (each statement sees what
   * committed before it: the append lock relies on that); commits when it returns, rolls back
   * when it throws.
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for every notification on `channel` until the returned function is called. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE of an error, when it has one. */
export const sqlState = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
};

/** The constraint an error names, when it names one. */
export const constraintOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined;
  return typeof error.constraint === 'string' ? error.constraint : undefined;
};
