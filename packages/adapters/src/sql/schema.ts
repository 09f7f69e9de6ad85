// The store's tables, versioned: applied on first use, each migration once, under a lock so
// that two processes opening one database at the same time do not race. A database whose
// schema is newer than this code is refused rather than misread.
import type { SqlDriver, SqlSession } from './driver.js';

/** The PostgreSQL schema used when none is given. */
export const DEFAULT_SCHEMA = 'zelfredzaam';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A schema name as a quoted identifier. Only lower-case letters, digits and `_` are allowed,
 * so a name can never carry SQL; it is still quoted.
 */
export const quoteIdentifier = (name: string): string => {
  if (!IDENTIFIER.test(name)) {
    throw new RangeError(
      `schemanaam ${JSON.stringify(name)} ongeldig: verwacht 1–63 tekens a-z, 0-9 of _, beginnend met een letter of _`,
    );
  }
  return `"${name}"`;
};

/** Lock classes for pg_advisory_xact_lock(int, int); the second key is hashtext(schema). */
export const LOCK_CLASS_MIGRATE = 0x7a_66_72_01;
export const LOCK_CLASS_APPEND = 0x7a_66_72_02;

interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: (schema: string) => readonly string[];
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events, checkpoints',
    statements: (s) => [
      // position: the global recorded order. Appends hold a transaction-scoped advisory lock
      // while they take positions, so positions become visible in order and a reader reading
      // "after position p" can never skip an event that commits later.
      // event: the fact as JSON text in canonical field order (json, not jsonb: kept as written,
      // cheaper to write and to read back; type, datum and recorded_at are columns for queries).
      `CREATE TABLE ${s}.events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        datum date,
        recorded_at timestamptz NOT NULL,
        event json NOT NULL,
        CONSTRAINT events_stream_revision_key UNIQUE (stream, revision),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`,
      `CREATE TABLE ${s}.checkpoints (
        subscriber text PRIMARY KEY,
        position bigint NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

const migrate = async (session: SqlSession, schema: string): Promise<void> => {
  const s = quoteIdentifier(schema);
  await session.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_CLASS_MIGRATE, schema]);
  await session.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await session.query(
    `CREATE TABLE IF NOT EXISTS ${s}.schema_version (
      version integer PRIMARY KEY,
      description text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
  );
  const [row] = await session.query(`SELECT coalesce(max(version), 0)::int FROM ${s}.schema_version`);
  const current = typeof row?.[0] === 'number' ? row[0] : 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `schema ${schema} heeft versie ${current}, nieuwer dan deze zelfredzaam kent (${SCHEMA_VERSION}): werk zelfredzaam bij`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    for (const statement of migration.statements(s)) await session.query(statement);
    await session.query(`INSERT INTO ${s}.schema_version (version, description) VALUES ($1, $2)`, [
      migration.version,
      migration.description,
    ]);
  }
};

/** Brings `schema` up to SCHEMA_VERSION (creating it when missing). */
export const applySchema = async (driver: SqlDriver, schema: string): Promise<void> => {
  quoteIdentifier(schema);
  await driver.transaction((session) => migrate(session, schema));
};
