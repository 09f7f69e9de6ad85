// The EventStore port over SQL (issue 4, point 3): one store for a PostgreSQL server and for
// PGlite, through a small driver. One events table with a global position; appends take a
// transaction-scoped advisory lock so positions commit in order; reads are keyset reads by
// position in batches, the next batch fetched while the current one is decoded; subscriptions
// catch up, then wait for a NOTIFY (or a poll). Every row read back is decoded with the
// domain's codec; a corrupt row is an error naming its stream and revision.
import {
  datumOf,
  decodeRecorded,
  describeDecodeError,
  encode,
  type Identified,
  type Recorded,
  type RecordedAt,
  streamNameOf,
} from '@zelfredzaam/domain';
import { appendOne, type PlannedOutcome, planAppend, type Revision } from '../append-plan.js';
import { decodeWrites } from '../boundary.js';
import { APPEND_DECODED } from '../decoded-append.js';
import { recordedAtOf, withRecordedAt } from '../envelope.js';
import { STORE_STATUS, type StoreStatus } from '../gezondheid.js';
import {
  type AppendOutcome,
  CorruptStoredEventError,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type StoredEvent,
  type StreamWrite,
  type SubscribeOptions,
  type UnreadableEvent,
  unreadableOf,
} from '../port.js';
import { checkBatchSize } from '../read-all.js';
import { StreamTable } from '../stream-table.js';
import { ChangeSignal, catchUpThenLive } from '../subscription.js';
import { CopyRows } from './copy-rows.js';
import { constraintOf, type Row, type SqlDriver, type SqlSession, sqlState } from './driver.js';
import { applySchema, DEFAULT_SCHEMA, LOCK_CLASS_APPEND, quoteIdentifier } from './schema.js';

export interface SqlStoreOptions {
  /** The PostgreSQL schema holding the tables (default `zelfredzaam`); created on first use. */
  readonly schema?: string;
  /** The clock for recordedAt when a fact has none (milliseconds since the epoch). */
  readonly now?: () => number;
  /** How often a waiting subscription reads again without a notification (default 1000 ms). */
  readonly pollIntervalMs?: number;
}

const POSITION = /^\d{1,19}$/;

/** The most rows readAll decodes and yields at once, however large its pages. */
const DECODE_SLICE = 1000;

const parsePosition = (position: Position | undefined): string => {
  if (position === undefined) return '0';
  if (typeof position !== 'string' || !POSITION.test(position)) {
    throw new RangeError(`positie ${JSON.stringify(position)} komt niet uit een SQL-opslag`);
  }
  return position;
};

/** A short, stable name for the schema's NOTIFY channel (channel names are at most 63 bytes). */
const channelOf = (schema: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < schema.length; i++) h = Math.imul(h ^ schema.charCodeAt(i), 0x01000193) >>> 0;
  return `zelfredzaam_${h.toString(16).padStart(8, '0')}`;
};

/**
 * A row `position::text, stream, revision, event::text, event_id::text` as a stored event,
 * decoded; a CorruptStoredEventError naming its position when it does not decode.
 */
const toStored = (row: Row): StoredEvent => {
  const [position, stream, revision, text, eventId] = row;
  const name = typeof stream === 'string' ? stream : String(stream);
  const rev = typeof revision === 'number' ? revision : Number(revision);
  const corrupt = (reason: string) =>
    new CorruptStoredEventError(
      name,
      rev,
      reason,
      typeof position === 'string' ? (position as Position) : undefined,
      typeof eventId === 'string' ? eventId : undefined,
    );
  if (typeof position !== 'string' || typeof stream !== 'string' || typeof revision !== 'number') {
    throw corrupt('onverwachte kolomwaarden');
  }
  if (typeof text !== 'string') throw corrupt('de gebeurtenis ontbreekt');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('de gebeurtenis is geen geldige JSON');
  }
  const decoded = decodeRecorded(json);
  if (decoded._tag === 'Left') throw corrupt(describeDecodeError(decoded.left));
  if (streamNameOf(decoded.right) !== stream)
    throw corrupt('het huishouden van de gebeurtenis hoort niet bij deze stream');
  return { stream, revision, position: position as Position, event: decoded.right };
};

/** The rows decoded into `into`; an undecodable one goes to `onUnreadable` when given, else throws. */
const decodeRows = (
  rows: readonly Row[],
  start: number,
  end: number,
  onUnreadable: ((event: UnreadableEvent) => void) | undefined,
): StoredEvent[] => {
  const batch: StoredEvent[] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i] as Row;
    if (onUnreadable === undefined) {
      batch.push(toStored(row));
      continue;
    }
    try {
      batch.push(toStored(row));
    } catch (error) {
      if (!(error instanceof CorruptStoredEventError)) throw error;
      onUnreadable(unreadableOf(error));
    }
  }
  return batch;
};

/** One event as a record of the insert's JSON document (built by hand: it is the append's hot path). */
const insertRecord = (stream: string, revision: number, event: Recorded): string => {
  const datum = datumOf(event);
  return `{"s":${JSON.stringify(stream)},"r":${revision},"i":"${event.eventId}","t":"${event.type}","d":${
    datum === undefined ? 'null' : `"${datum}"`
  },"a":"${event.recordedAt}","e":${JSON.stringify(encode(event))}}`;
};

/** Each event's insert record, pushed onto `records` (rowsOf's `record` for an insert). */
const insertInto =
  (records: string[]) =>
  (stream: string, revision: number, event: Recorded): void => {
    records.push(insertRecord(stream, revision, event));
  };

const COPY_COLUMNS = '(stream, revision, event_id, type, datum, recorded_at, event)';

/**
 * The COPY met an eventId that is stored already (a re-append of stored facts, or one held by
 * another stream): the append is done again, inserting with the holders known.
 */
class StoredEventIdMet extends Error {
  override readonly name = 'StoredEventIdMet';
}

/** What one append stored, read and left the sequence at. */
interface Appended {
  readonly outcomes: AppendOutcome[];
  readonly revisions: ReadonlyMap<string, Revision>;
  readonly sequence: string | undefined;
  /** Whether the table held no fact when the append took the lock. */
  readonly emptyBefore: boolean;
}

/** The most stream revisions a store object keeps between appends (off the heap: some 60 bytes each). */
const MAX_KNOWN_REVISIONS = 2_000_000;

class SqlStore implements EventStore {
  readonly kind: string;
  private readonly changes = new ChangeSignal();
  private readonly channel: string;
  private readonly sql: {
    readonly lock: string;
    readonly revisions: string;
    readonly sequenceState: string;
    readonly bumpSequence: string;
    readonly copyTarget: string;
    readonly copied: string;
    readonly positionsAfter: string;
    readonly holders: string;
    readonly insert: string;
    readonly insertOptimistic: string;
    readonly remove: string;
    readonly readStreams: string;
    readonly page: string;
    readonly loadCheckpoint: string;
    readonly saveCheckpoint: string;
  };
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  private closed = false;

  /**
   * The revisions this store object knows (read or appended under the append lock), valid while
   * the positions' sequence stands at `knownAt`: every append takes positions, and setting a
   * fact aside takes one too, so an unchanged sequence means no other writer changed a stream
   * since. Then an append asks the database only for the streams it does not know (issue 16:
   * the revision check per batch was an index probe per stream).
   */
  private readonly revisionsKnown = new StreamTable();
  private knownAt: string | undefined;
  /**
   * Whether `revisionsKnown` names every stream in the table (it was empty when this object
   * appended first, and nobody else appended since): a stream it does not name has none.
   */
  private complete = false;

  constructor(
    private readonly driver: SqlDriver,
    private readonly schema: string,
    private readonly now: () => number,
    private readonly pollIntervalMs: number,
    /** The positions' identity sequence, as a regclass text (from pg_get_serial_sequence). */
    sequence: string,
  ) {
    this.kind = driver.kind;
    this.channel = channelOf(schema);
    const s = quoteIdentifier(schema);
    const sequenceState = `SELECT last_value::text || CASE WHEN is_called THEN '+' ELSE '-' END FROM ${sequence}`;
    this.sql = {
      lock: 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))',
      // A first row without a stream: the last position before this append (the rows COPY adds
      // come after it) and the state of the positions' sequence (see `knownAt`).
      revisions: `SELECT NULL::text, NULL::int, (SELECT max(position) FROM ${s}.events)::text, (${sequenceState})
        UNION ALL
        SELECT s.stream, (SELECT max(e.revision) FROM ${s}.events e WHERE e.stream = s.stream), NULL, NULL
        FROM unnest($1::text[]) AS s(stream)`,
      sequenceState,
      bumpSequence: `SELECT nextval('${sequence}')`,
      copyTarget: `${s}.events ${COPY_COLUMNS}`,
      // Bounded by LIMIT ($2 = the rows copied + 1): without it the generic plan of this prepared
      // statement guesses a third of the table and starts parallel workers for every append
      // (about 30 ms each, measured in an import-perioden of 80 appends).
      copied: `SELECT count(*)::int, min(p)::text, max(p)::text, (${sequenceState})
        FROM (SELECT position AS p FROM ${s}.events WHERE position > $1::bigint ORDER BY position LIMIT $2::int) x`,
      positionsAfter: `SELECT event_id::text, position::text FROM ${s}.events WHERE position > $1::bigint`,
      // One index lookup per value (a scalar subquery is never turned into a join): with the
      // statistics of a table that an import is filling, `= ANY(array)` gets planned as a scan
      // of the whole table, per chunk.
      holders: `SELECT h.id, h.stream FROM (SELECT i.id::text AS id,
          (SELECT e.stream FROM ${s}.events e WHERE e.event_id = i.id) AS stream
        FROM unnest($1::uuid[]) AS i(id) OFFSET 0) h WHERE h.stream IS NOT NULL`,
      insert: `INSERT INTO ${s}.events (stream, revision, event_id, type, datum, recorded_at, event)
        SELECT r.s, r.r, r.i, r.t, r.d, r.a, r.e
        FROM json_to_recordset($1::json) AS r(s text, r integer, i uuid, t text, d date, a timestamptz, e json)
        RETURNING event_id::text, position::text`,
      insertOptimistic: `INSERT INTO ${s}.events (stream, revision, event_id, type, datum, recorded_at, event)
        SELECT r.s, r.r, r.i, r.t, r.d, r.a, r.e
        FROM json_to_recordset($1::json) AS r(s text, r integer, i uuid, t text, d date, a timestamptz, e json)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id::text, position::text`,
      remove: `DELETE FROM ${s}.events WHERE position = ANY($1::bigint[])`,
      // Per stream along the (stream, revision) index, for the same reason as above.
      readStreams: `SELECT e.position::text, e.stream, e.revision, e.event::text, e.event_id::text FROM unnest($1::text[]) AS s(stream)
        CROSS JOIN LATERAL (SELECT * FROM ${s}.events x WHERE x.stream = s.stream ORDER BY x.revision) e`,
      // Ordered by the table's column e.position: the output column `position::text` would sort as text.
      page: `SELECT e.position::text, e.stream, e.revision, e.event::text, e.event_id::text FROM ${s}.events e
        WHERE e.position > $1::bigint ORDER BY e.position LIMIT $2`,
      loadCheckpoint: `SELECT position::text FROM ${s}.checkpoints WHERE subscriber = $1`,
      saveCheckpoint: `INSERT INTO ${s}.checkpoints (subscriber, position) VALUES ($1, $2::bigint)
        ON CONFLICT (subscriber) DO UPDATE SET position = EXCLUDED.position, saved_at = now()`,
    };
  }

  // ── appending ───────────────────────────────────────────────────────────────────────────

  /** Decodes every fact first (boundary.ts); nothing is stored when one does not decode. */
  async append(writes: unknown): Promise<readonly AppendOutcome[]> {
    this.checkOpen();
    return this[APPEND_DECODED](decodeWrites(writes));
  }

  async [APPEND_DECODED](writes: readonly StreamWrite[]): Promise<readonly AppendOutcome[]> {
    this.checkOpen();
    if (writes.length === 0) return [];
    let appended: Appended;
    try {
      try {
        appended = await this.driver.transaction((tx) => this.appendLocked(tx, writes, true));
      } catch (error) {
        if (!(error instanceof StoredEventIdMet)) throw error;
        appended = await this.driver.transaction((tx) => this.appendLocked(tx, writes, false));
      }
    } catch (error) {
      // Whether it was stored is unknown: ask the database again next time.
      this.forgetRevisions();
      throw error;
    }
    // Committed: what the append read and wrote holds until the sequence moves again.
    this.rememberRevisions(appended);
    const { outcomes } = appended;
    if (outcomes.some((o) => o.status === 'ok' && o.appended.length > 0)) this.changes.notify();
    return outcomes;
  }

  /**
   * The append under the lock. `copy`: optimistic, as if no eventId were stored yet (recordFacts
   * has left out what the households hold), the rows loaded with COPY where the driver can; an
   * eventId that is stored after all fails the COPY, and the append is done again without it.
   */
  private forgetRevisions(): void {
    this.revisionsKnown.clear();
    this.knownAt = undefined;
    this.complete = false;
  }

  private rememberRevisions(appended: Appended): void {
    const { revisions, sequence } = appended;
    if (sequence === undefined) {
      this.forgetRevisions();
      return;
    }
    if (appended.emptyBefore) {
      this.revisionsKnown.clear();
      this.complete = true;
    }
    // Bounded: past the limit the streams are asked for again as they come.
    if (this.revisionsKnown.size + revisions.size > MAX_KNOWN_REVISIONS) {
      this.revisionsKnown.clear();
      this.complete = false;
    }
    for (const [stream, revision] of revisions)
      this.revisionsKnown.set(stream, revision === 'no_stream' ? -1 : revision);
    this.knownAt = sequence;
  }

  /** The current revisions of `streams` (under the lock), the last position, and the sequence's state. */
  private async readRevisions(tx: SqlSession, streams: readonly string[]) {
    const revisions = new Map<string, Revision>();
    let before = '0';
    let emptyBefore = false;
    let sequence: string | undefined;
    const knownAt = this.knownAt;
    const complete = this.complete && knownAt !== undefined;
    // Knowing every stream, nothing needs asking once the sequence shows nobody else appended.
    const ask = complete
      ? []
      : knownAt === undefined
        ? streams
        : streams.filter((stream) => !this.revisionsKnown.has(stream));
    const read = async (which: readonly string[]): Promise<void> => {
      for (const [stream, revision, last, state] of await tx.query(this.sql.revisions, [which])) {
        if (typeof stream === 'string') revisions.set(stream, typeof revision === 'number' ? revision : 'no_stream');
        else {
          if (typeof last === 'string') before = last;
          else emptyBefore = true;
          if (typeof state === 'string') sequence = state;
        }
      }
    };
    await read(ask);
    if (knownAt !== undefined && sequence === knownAt) {
      for (const stream of streams) {
        if (revisions.has(stream)) continue;
        const known = this.revisionsKnown.get(stream);
        if (known !== undefined) revisions.set(stream, known < 0 ? 'no_stream' : known);
        else if (complete) revisions.set(stream, 'no_stream');
      }
    } else if (knownAt !== undefined) {
      // Another writer appended (or set a fact aside) since: what this object knew may be old.
      this.forgetRevisions();
      const rest = streams.filter((stream) => !revisions.has(stream));
      if (rest.length > 0) await read(rest);
    }
    return { revisions, before, emptyBefore, sequence };
  }

  private async appendLocked(tx: SqlSession, writes: readonly StreamWrite[], copy: boolean): Promise<Appended> {
    // Everything below runs after the lock, so it sees every append that committed before.
    await tx.query(this.sql.lock, [LOCK_CLASS_APPEND, this.schema]);
    const streams = [...new Set(writes.map((w) => w.stream))];
    const { revisions, before, emptyBefore } = await this.readRevisions(tx, streams);
    const recordedAt = recordedAtOf(this.now());
    const currentRevision = (stream: string): Revision => revisions.get(stream) ?? 'no_stream';
    let plan = planAppend(writes, currentRevision, () => undefined);
    let rows: ReturnType<typeof this.rowsOf>;
    let positions: Map<string, string>;
    let sequence: string | undefined;
    if (copy && (tx.copyInBytes !== undefined || tx.copyIn !== undefined)) {
      const copyRows = new CopyRows(writes.reduce((n, w) => n + w.events.length, 0));
      rows = this.rowsOf(plan, recordedAt, (stream, revision, event) => copyRows.add(stream, revision, event));
      ({ positions, sequence } = await this.copy(tx, copyRows, rows.ids, before));
    } else {
      // Optimistic too: an eventId that is stored after all makes the insert skip its row; then
      // the rows are taken out again and the append is planned with the holders known.
      const records: string[] = [];
      rows = this.rowsOf(plan, recordedAt, insertInto(records));
      positions = await this.insert(tx, this.sql.insertOptimistic, records);
    }
    if (positions.size < rows.ids.length) {
      if (positions.size > 0) await tx.query(this.sql.remove, [[...positions.values()]]);
      const ids = [...new Set(writes.flatMap((w) => w.events.map((e) => e.eventId)))];
      const holders = new Map<string, string>();
      for (const [id, stream] of await tx.query(this.sql.holders, [ids])) {
        if (typeof id === 'string' && typeof stream === 'string') holders.set(id, stream);
      }
      plan = planAppend(writes, currentRevision, (id) => holders.get(id));
      const records: string[] = [];
      rows = this.rowsOf(plan, recordedAt, insertInto(records));
      positions = await this.insert(tx, this.sql.insert, records);
    }
    if (positions.size > 0) await tx.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    if (sequence === undefined) {
      const [state] = await tx.query(this.sql.sequenceState);
      sequence = typeof state?.[0] === 'string' ? state[0] : undefined;
    }
    const outcomes = rows.pending.map((outcome): AppendOutcome => {
      if (outcome.status === 'conflict') return outcome;
      const appended = outcome.events.map(({ revision, event }): StoredEvent => {
        const position = positions.get(event.eventId);
        if (position === undefined)
          throw new Error(`stream ${outcome.stream}: geen positie terug voor revisie ${revision}`);
        return { stream: outcome.stream, revision, position: position as Position, event };
      });
      const last = appended[appended.length - 1];
      if (last !== undefined) revisions.set(outcome.stream, last.revision);
      return { status: 'ok', stream: outcome.stream, appended };
    });
    return { outcomes, revisions, sequence, emptyBefore };
  }

  /** The planned writes, each event handed to `record` (for the insert or for COPY); their eventIds, and per write what it will store. */
  private rowsOf(
    plan: readonly PlannedOutcome[],
    recordedAt: RecordedAt,
    record: (stream: string, revision: number, event: Recorded) => void,
  ) {
    const ids: string[] = [];
    const pending = plan.map((planned) => {
      if (planned.status === 'conflict') return planned;
      const events = planned.events.map((event: Identified, i) => {
        const recorded = withRecordedAt(event, recordedAt);
        record(planned.stream, planned.firstRevision + i, recorded);
        ids.push(recorded.eventId);
        return { revision: planned.firstRevision + i, event: recorded };
      });
      return { status: 'ok' as const, stream: planned.stream, events };
    });
    return { ids, pending };
  }

  /**
   * Loads the rows with COPY; the positions they got, by eventId. Under the append lock the rows
   * take the positions after `before` in COPY's order, one after the other; that is checked
   * (count and range), and when it does not hold (a writer without the lock) they are read back.
   */
  private async copy(
    tx: SqlSession,
    rows: CopyRows,
    ids: readonly string[],
    before: string,
  ): Promise<{ positions: Map<string, string>; sequence: string | undefined }> {
    const positions = new Map<string, string>();
    if (rows.count === 0) return { positions, sequence: undefined };
    try {
      // A connection of the caller's that takes only text gets the same rows as text.
      if (tx.copyInBytes !== undefined) await tx.copyInBytes(this.sql.copyTarget, rows.bytes());
      else await tx.copyIn?.(this.sql.copyTarget, rows.bytes().toString('utf8'));
    } catch (error) {
      if (sqlState(error) === '23505' && constraintOf(error) === 'events_event_id_key') {
        throw new StoredEventIdMet('een eventId is al opgeslagen', { cause: error });
      }
      throw this.explainInsertError(error);
    }
    const [row] = await tx.query(this.sql.copied, [before, ids.length + 1]);
    const [count, min, max, state] = row ?? [];
    const sequence = typeof state === 'string' ? state : undefined;
    const first = typeof min === 'string' ? Number(min) : Number.NaN;
    const last = typeof max === 'string' ? Number(max) : Number.NaN;
    if (count === ids.length && Number.isSafeInteger(last) && last - first + 1 === ids.length) {
      for (let i = 0; i < ids.length; i++) positions.set(ids[i] as string, String(first + i));
      return { positions, sequence };
    }
    const ours = new Set(ids);
    for (const [id, position] of await tx.query(this.sql.positionsAfter, [before])) {
      if (typeof id === 'string' && typeof position === 'string' && ours.has(id)) positions.set(id, position);
    }
    return { positions, sequence };
  }

  /** Inserts the records; the positions they got, by eventId. */
  private async insert(tx: SqlSession, statement: string, records: readonly string[]): Promise<Map<string, string>> {
    const positions = new Map<string, string>();
    if (records.length === 0) return positions;
    try {
      for (const [id, position] of await tx.query(statement, [`[${records.join(',')}]`])) {
        if (typeof id === 'string' && typeof position === 'string') positions.set(id, position);
      }
    } catch (error) {
      throw this.explainInsertError(error);
    }
    return positions;
  }

  /** Under the append lock a unique violation means a writer that bypassed it: say so plainly. */
  private explainInsertError(error: unknown): unknown {
    if (sqlState(error) !== '23505') return error;
    const which = constraintOf(error) === 'events_event_id_key' ? 'een eventId' : 'een (stream, revisie)';
    return new Error(
      `schema ${this.schema}: ${which} bestaat al; schreef een ander programma zonder de append-vergrendeling? Niets vastgelegd`,
      { cause: error },
    );
  }

  appendToStream(stream: string, expectedRevision: ExpectedRevision, events: unknown): Promise<readonly StoredEvent[]> {
    return appendOne((writes) => this.append(writes), stream, expectedRevision, events);
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────

  async readStream(stream: string): Promise<readonly StoredEvent[]> {
    return (await this.readStreams([stream])).get(stream) ?? [];
  }

  async readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly StoredEvent[]>> {
    this.checkOpen();
    const unique = [...new Set(streams)];
    const result = new Map<string, StoredEvent[]>(unique.map((stream) => [stream, []]));
    if (unique.length === 0) return result;
    for (const row of await this.driver.query(this.sql.readStreams, [unique])) {
      const stored = toStored(row);
      result.get(stored.stream)?.push(stored);
    }
    return result;
  }

  /** The latest recordedAt stored (before position `before`, when given; issue 17), in the canonical form of RecordedAt. */
  async latestRecordedAt(before?: Position): Promise<string | undefined> {
    this.checkOpen();
    const [row] = await this.driver.query(
      `SELECT to_char(max(recorded_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM ${quoteIdentifier(this.schema)}.events
        WHERE $1::bigint IS NULL OR position < $1::bigint`,
      [before ?? null],
    );
    const latest = row?.[0];
    return typeof latest === 'string' ? latest : undefined;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    this.checkOpen();
    const batchSize = checkBatchSize(options.batchSize);
    const slice = Math.min(batchSize, DECODE_SLICE);
    let next: Promise<readonly Row[]> | undefined = this.page(parsePosition(options.after), batchSize);
    while (next !== undefined) {
      const rows: readonly Row[] = await next;
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      // Fetch the next page while this one is decoded and consumed (the database and this
      // process work at the same time). A short page is the end for now.
      next = rows.length < batchSize || typeof last[0] !== 'string' ? undefined : this.page(last[0], batchSize);
      // Decoded and handed over a slice at a time: a consumer that folds each batch lets the
      // decoded facts die young, where a whole page of them outlived the young generation and
      // made the collector copy and promote them (replay from PostgreSQL: about a fifth less CPU).
      for (let start = 0; start < rows.length; start += slice) {
        const batch = decodeRows(rows, start, Math.min(rows.length, start + slice), options.onUnreadable);
        if (batch.length > 0) yield batch;
      }
    }
  }

  private page(after: string, size: number): Promise<readonly Row[]> {
    const rows = this.driver.query(this.sql.page, [after, size]);
    // Marked handled: a consumer that stops early leaves the prefetched page unread.
    rows.catch(() => {});
    return rows;
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    this.startListening();
    return catchUpThenLive(
      {
        readAll: (o) => this.readAll(o),
        changes: this.changes,
        pollIntervalMs: this.pollIntervalMs,
        isClosed: () => this.closed,
      },
      options,
    );
  }

  /** Other processes' appends arrive as notifications; polling covers a lost connection. */
  private startListening(): void {
    this.listening ??= this.driver
      .listen(this.channel, () => this.changes.notify())
      .catch(() => {
        this.listening = undefined;
        return undefined;
      });
  }

  async [STORE_STATUS](): Promise<StoreStatus> {
    this.checkOpen();
    const s = quoteIdentifier(this.schema);
    const [version] = await this.driver.query(`SELECT coalesce(max(version), 0)::int FROM ${s}.schema_version`);
    const [last] = await this.driver.query(`SELECT max(position)::text FROM ${s}.events`);
    return {
      schemaVersion: typeof version?.[0] === 'number' ? version[0] : undefined,
      lastPosition: typeof last?.[0] === 'string' ? (last[0] as Position) : undefined,
    };
  }

  // ── setting an unreadable fact aside (issue 17, point 7) ───────────────────────────────

  /**
   * Moves the stored event at `position` out of the events table into `set_aside` (kept as it
   * was, with why), when — and only when — it does not decode: a fact that no longer decodes
   * counts in no figure already, so no figure changes. A readable fact is refused: that one is
   * retracted with a GebeurtenisIngetrokken.
   */
  async setAsideUnreadable(position: Position): Promise<UnreadableEvent> {
    this.checkOpen();
    const at = parsePosition(position);
    const s = quoteIdentifier(this.schema);
    // Other store objects learn of the change by the sequence moving (see `knownAt`).
    this.forgetRevisions();
    return this.driver.transaction(async (tx) => {
      await tx.query(this.sql.lock, [LOCK_CLASS_APPEND, this.schema]);
      await tx.query(this.sql.bumpSequence);
      const [row] = await tx.query(
        `SELECT position::text, stream, revision, event::text, event_id::text FROM ${s}.events WHERE position = $1::bigint`,
        [at],
      );
      if (row === undefined) throw new RangeError(`positie ${at}: daar staat geen opgeslagen feit`);
      let unreadable: UnreadableEvent;
      try {
        toStored(row);
        throw new RangeError(
          `positie ${at}: dit feit is leesbaar en wordt niet apart gezet; trek het in met een GebeurtenisIngetrokken (import)`,
        );
      } catch (error) {
        if (!(error instanceof CorruptStoredEventError)) throw error;
        unreadable = unreadableOf(error);
      }
      await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.set_aside (
        position bigint PRIMARY KEY,
        stream text NOT NULL,
        revision integer NOT NULL,
        event_id text,
        event text,
        reason text NOT NULL,
        set_aside_at timestamptz NOT NULL DEFAULT now()
      )`);
      await tx.query(
        `INSERT INTO ${s}.set_aside (position, stream, revision, event_id, event, reason)
          SELECT position, stream, revision, event_id::text, event::text, $2 FROM ${s}.events WHERE position = $1::bigint`,
        [at, unreadable.reason],
      );
      await tx.query(`DELETE FROM ${s}.events WHERE position = $1::bigint`, [at]);
      return unreadable;
    });
  }

  // ── checkpoints ─────────────────────────────────────────────────────────────────────────

  async loadCheckpoint(subscriber: string): Promise<Position | undefined> {
    this.checkOpen();
    const [row] = await this.driver.query(this.sql.loadCheckpoint, [subscriber]);
    const position = row?.[0];
    return typeof position === 'string' ? (position as Position) : undefined;
  }

  async saveCheckpoint(subscriber: string, position: Position): Promise<void> {
    this.checkOpen();
    await this.driver.query(this.sql.saveCheckpoint, [subscriber, parsePosition(position)]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.changes.notify();
    const stop = await this.listening;
    await stop?.().catch(() => {});
    await this.driver.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error(`de opslag (${this.kind}, schema ${this.schema}) is gesloten`);
  }
}

/** A store over `driver`, its schema applied on first use; closing the store closes the driver. */
export const openSqlStore = async (driver: SqlDriver, options: SqlStoreOptions = {}): Promise<EventStore> => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  await applySchema(driver, schema);
  const [row] = await driver.query('SELECT pg_get_serial_sequence($1, $2)', [
    `${quoteIdentifier(schema)}.events`,
    'position',
  ]);
  const sequence = row?.[0];
  if (typeof sequence !== 'string') throw new Error(`schema ${schema}: de tabel events heeft geen reeks voor position`);
  return new SqlStore(driver, schema, options.now ?? Date.now, options.pollIntervalMs ?? 1000, sequence);
};
