// What the SQL store promises beyond the port, for PostgreSQL and PGlite alike: a versioned
// schema applied once, a refusal of a newer schema, corrupt rows named by stream and revision,
// values that never reach SQL as text, and data that outlives the store object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorruptStoredEventError,
  canSetAside,
  type EventStore,
  openSqlStore,
  recordFacts,
  SCHEMA_VERSION,
  type SqlDriver,
  type StoredEvent,
  type UnreadableEvent,
} from '../../packages/adapters/src/index.js';
import { freshSchema } from './postgres.js';
import { feit, identified, start, werk } from './store-contract.js';

const HOSTILE = `x'); DROP TABLE events; --"\\;$1`;

export const runSqlStoreTests = (
  name: string,
  open: (schema?: string, options?: { readonly pollIntervalMs?: number }) => Promise<EventStore>,
  raw: () => Promise<SqlDriver>,
): void => {
  describe(`SQL store: ${name}`, () => {
    let driver: SqlDriver;
    beforeAll(async () => {
      driver = await raw();
    });
    afterAll(async () => {
      await driver.close();
    });

    /** Makes huishouden-h-1's revision 1 unreadable (a datum that is no date), as a hand edit would; its position. */
    const corruptDatum = async (schema: string): Promise<string> => {
      const [[position] = []] = await driver.query(
        `UPDATE "${schema}".events SET event = jsonb_set(event::jsonb, '{datum}', '"2014-02-30"')::json
         WHERE stream = 'huishouden-h-1' AND revision = 1 RETURNING position::text`,
      );
      return String(position);
    };

    /** What onUnreadable hears of the fact corruptDatum broke (h-1's second, `eventId`, at `position`). */
    const corruptDatumReport = (eventId: string | undefined, position: string) => ({
      stream: 'huishouden-h-1',
      revision: 1,
      position,
      eventId,
      reason: expect.stringMatching(/veld datum/),
    });

    const withStore = async <T>(schema: string, work: (store: EventStore) => Promise<T>): Promise<T> => {
      const store = await open(schema);
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    };

    it('applies the versioned schema once, and keeps the data when opened again', async () => {
      const schema = freshSchema();
      await withStore(schema, (store) =>
        store.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01')]),
      );
      const stored = await withStore(schema, (store) => store.readStream('huishouden-h-1'));
      expect(stored.map((e) => e.event.type)).toEqual(['UitkeringGestart']);
      const versions = await driver.query(`SELECT version FROM "${schema}".schema_version ORDER BY version`);
      expect(versions).toEqual([[SCHEMA_VERSION]]);
      const columns = await driver.query(
        `SELECT column_name::text FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' ORDER BY ordinal_position`,
        [schema],
      );
      expect(columns.map((c) => c[0])).toEqual([
        'position',
        'stream',
        'revision',
        'event_id',
        'type',
        'datum',
        'recorded_at',
        'event',
      ]);
    });

    it('a subscriber hears of an append by another store object through NOTIFY, without polling', async () => {
      const schema = freshSchema();
      const listening = await open(schema, { pollIntervalMs: 600_000 });
      const writing = await open(schema);
      try {
        const controller = new AbortController();
        const seen: StoredEvent[] = [];
        const reading = (async () => {
          for await (const event of listening.subscribe({ signal: controller.signal })) {
            seen.push(event);
            controller.abort();
          }
        })();
        // The subscription has caught up (nothing to read) and waits; then the other store appends.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const [stored] = await writing.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01')]);
        const timer = setTimeout(() => controller.abort(), 10_000);
        await reading;
        clearTimeout(timer);
        expect(seen).toEqual([stored]);
      } finally {
        await listening.close();
        await writing.close();
      }
    });

    it('refuses a schema newer than the code, saying so', async () => {
      const schema = freshSchema();
      await withStore(schema, async () => undefined);
      await driver.query(`INSERT INTO "${schema}".schema_version (version, description) VALUES (99, 'toekomst')`);
      await expect(open(schema)).rejects.toThrow(/versie 99, nieuwer dan deze zelfredzaam kent/);
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(open(HOSTILE)).rejects.toThrow(/schemanaam .* ongeldig/);
    });

    it('fills the query columns from the fact', async () => {
      const schema = freshSchema();
      await withStore(schema, (store) =>
        recordFacts(store, [
          identified(
            { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', recordedAt: '2014-01-02T09:00:00Z' },
            'a',
          ),
          identified(
            {
              type: 'InkomstenOntvangen',
              huishouden: 'h-1',
              maand: '2014-02',
              bron: 'loondienst',
              bedragCent: 1,
              recordedAt: '2014-03-01T10:00:00+01:00',
            },
            'b',
          ),
        ]),
      );
      const rows = await driver.query(
        `SELECT stream, revision, type, datum::text, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), event->>'eventId' = event_id::text
         FROM "${schema}".events ORDER BY position`,
      );
      expect(rows).toEqual([
        ['huishouden-h-1', 0, 'UitkeringGestart', '2014-01-01', '2014-01-02T09:00:00.000', true],
        ['huishouden-h-1', 1, 'InkomstenOntvangen', null, '2014-03-01T09:00:00.000', true],
      ]);
    });

    it('a corrupt row is an error naming its stream and revision, never a silent skip', async () => {
      const schema = freshSchema();
      await withStore(schema, async (store) => {
        await store.appendToStream('huishouden-h-1', 'no_stream', [
          start('h-1', '2014-01-01'),
          werk('h-1', '2014-06-01'),
        ]);
        await driver.query(
          `UPDATE "${schema}".events SET event = jsonb_set(event::jsonb, '{datum}', '"2014-02-30"')::json WHERE revision = 1`,
        );
        const error = await store.readStream('huishouden-h-1').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CorruptStoredEventError);
        expect(error).toMatchObject({ stream: 'huishouden-h-1', revision: 1 });
        expect(String(error)).toMatch(/stream huishouden-h-1, revisie 1: .*veld datum/);
        const all = async () => {
          for await (const _ of store.readAll()) {
            // reading is enough
          }
        };
        await expect(all()).rejects.toBeInstanceOf(CorruptStoredEventError);
      });
    });

    it('readAll with onUnreadable skips a corrupt row, reports its position and eventId, and reads on (issue 17.7)', async () => {
      const schema = freshSchema();
      await withStore(schema, async (store) => {
        const facts = [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01'), start('h-2', '2014-02-01')];
        await store.appendToStream('huishouden-h-1', 'no_stream', facts.slice(0, 2));
        await store.appendToStream('huishouden-h-2', 'no_stream', facts.slice(2));
        const position = await corruptDatum(schema);
        const unreadable: UnreadableEvent[] = [];
        const read: StoredEvent[] = [];
        for await (const batch of store.readAll({ batchSize: 1, onUnreadable: (u) => unreadable.push(u) })) {
          read.push(...batch);
        }
        expect(read.map((e) => e.event.eventId)).toEqual([facts[0]?.eventId, facts[2]?.eventId]);
        expect(unreadable).toEqual([corruptDatumReport(facts[1]?.eventId, position)]);
      });
    });

    it('subscribe with onUnreadable skips a corrupt fact, reports it once, and goes on with what comes after', async () => {
      const schema = freshSchema();
      // Polling often: the corrupt fact is the last one stored, so every read until the next
      // append meets it again; it must still be reported once.
      const store = await open(schema, { pollIntervalMs: 20 });
      try {
        const facts = [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01')];
        await store.appendToStream('huishouden-h-1', 'no_stream', facts);
        const position = await corruptDatum(schema);
        // Without onUnreadable the subscription ends at the corrupt fact, naming it.
        const plain = async (): Promise<void> => {
          for await (const _ of store.subscribe({})) {
            // reading is enough
          }
        };
        await expect(plain()).rejects.toBeInstanceOf(CorruptStoredEventError);

        const controller = new AbortController();
        const seen: string[] = [];
        const unreadable: UnreadableEvent[] = [];
        const later = start('h-2', '2014-02-01');
        const reading = (async () => {
          for await (const event of store.subscribe({
            signal: controller.signal,
            onUnreadable: (u) => unreadable.push(u),
          })) {
            seen.push(event.event.eventId);
            if (event.event.eventId === later.eventId) controller.abort();
          }
        })();
        // Several polls meet the corrupt fact before anything new is stored.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await store.appendToStream('huishouden-h-2', 'no_stream', [later]);
        const timer = setTimeout(() => controller.abort(), 10_000);
        await reading;
        clearTimeout(timer);
        expect(seen).toEqual([facts[0]?.eventId, later.eventId]);
        expect(unreadable).toEqual([corruptDatumReport(facts[1]?.eventId, position)]);
      } finally {
        await store.close();
      }
    });

    /** Appends facts whose free text holds what COPY and JSON escape; they come back as appended. */
    const keepsEveryCharacter = async (store: EventStore, schema: string): Promise<void> => {
      // Free texts hold no control characters (the codec refuses them), so no tab or newline.
      const awkward = 'a\\e\\\\f"g\\N\\.h\\t\\n ë ß 漢 😀 end\\';
      const target = start('h-1', '2014-01-01');
      const retraction = identified(
        { type: 'GebeurtenisIngetrokken', huishouden: 'h-1', ingetrokken: target.eventId, reden: awkward },
        'copy-r',
      );
      const [stored] = await store.append([
        { stream: 'huishouden-h-1', expectedRevision: 'no_stream', events: [target, retraction] },
        { stream: 'huishouden-h-2', expectedRevision: 'no_stream', events: [start('h-2', '2014-01-01')] },
      ]);
      const read = await store.readStream('huishouden-h-1');
      expect(read[1]?.event).toMatchObject({ reden: awkward });
      expect(stored?.status === 'ok' && stored.appended.map((e) => e.position)).toEqual(read.map((e) => e.position));
      // Positions follow the order appended, across both writes.
      const all: StoredEvent[] = [];
      for await (const batch of store.readAll()) all.push(...batch);
      expect(all.map((e) => e.event.eventId)).toEqual([
        target.eventId,
        retraction.eventId,
        start('h-2', '2014-01-01').eventId,
      ]);
      const [[text] = []] = await driver.query(
        `SELECT event::text FROM "${schema}".events WHERE stream = 'huishouden-h-1' AND revision = 1`,
      );
      expect(JSON.parse(String(text))).toMatchObject({ reden: awkward });
      // Appended again with one fact more: the stored ones are left out, the new one stored.
      const again = await store.appendToStream('huishouden-h-1', 1, [target, retraction, werk('h-1', '2014-06-01')]);
      expect(again.map((e) => e.revision)).toEqual([2]);
    };

    it('COPY keeps every character: backslashes, quotes, \\N, \\t and non-ASCII come back as appended (issue 16)', async () => {
      const schema = freshSchema();
      await withStore(schema, (store) => keepsEveryCharacter(store, schema));
    });

    it('a connection of the caller that loads COPY only as text gets the same rows (SqlSession.copyIn)', async () => {
      const schema = freshSchema();
      let asText = 0;
      const textOnly: SqlDriver = {
        kind: driver.kind,
        query: (text, params) => driver.query(text, params),
        transaction: (work) =>
          driver.transaction((session) =>
            work({
              query: (text, params) => session.query(text, params),
              copyIn: (target, data) => {
                asText++;
                return session.copyIn?.(target, data) ?? Promise.reject(new Error('geen COPY'));
              },
            }),
          ),
        listen: (channel, onNotify) => driver.listen(channel, onNotify),
        close: async () => {},
      };
      const store = await openSqlStore(textOnly, { schema });
      try {
        await keepsEveryCharacter(store, schema);
      } finally {
        await store.close();
      }
      expect(asText).toBeGreaterThan(0);
    });

    it('another store object appending in between is seen: the revisions this one knew are asked again (issue 16)', async () => {
      const schema = freshSchema();
      const a = await open(schema);
      const b = await open(schema);
      try {
        // `a` appends first into an empty table: it knows every stream from then on, until the
        // positions' sequence shows another writer.
        await a.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01')]);
        await a.appendToStream('huishouden-h-3', 'no_stream', [start('h-3', '2014-01-01')]);
        await b.appendToStream('huishouden-h-1', 0, [werk('h-1', '2014-06-01')]);
        await b.appendToStream('huishouden-h-2', 'no_stream', [start('h-2', '2014-01-01')]);
        const [one, two, three] = await a.append([
          { stream: 'huishouden-h-1', expectedRevision: 0, events: [werk('h-1', '2014-07-01')] },
          { stream: 'huishouden-h-2', expectedRevision: 'no_stream', events: [start('h-2', '2014-03-01')] },
          { stream: 'huishouden-h-3', expectedRevision: 0, events: [werk('h-3', '2014-07-01')] },
        ]);
        expect(one).toMatchObject({ status: 'conflict', actualRevision: 1 });
        expect(two).toMatchObject({ status: 'conflict', actualRevision: 0 });
        expect(three).toMatchObject({ status: 'ok' });
        // And after `a`'s own append it still sees `b`'s next one.
        await b.appendToStream('huishouden-h-3', 1, [start('h-3', '2015-01-01')]);
        const [four] = await a.append([
          { stream: 'huishouden-h-3', expectedRevision: 1, events: [werk('h-3', '2015-07-01')] },
        ]);
        expect(four).toMatchObject({ status: 'conflict', actualRevision: 2 });
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('a fact set aside by another store object is seen by this one: the stream stands one revision lower (issue 16)', async () => {
      const schema = freshSchema();
      const a = await open(schema);
      const b = await open(schema);
      try {
        await a.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01')]);
        const position = await corruptDatum(schema);
        if (!canSetAside(b)) throw new Error('een SQL-opslag kan apart zetten');
        await b.setAsideUnreadable(position as StoredEvent['position']);
        const [outcome] = await a.append([
          { stream: 'huishouden-h-1', expectedRevision: 1, events: [start('h-1', '2015-01-01')] },
        ]);
        expect(outcome).toMatchObject({ status: 'conflict', actualRevision: 0 });
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('values with quotes, semicolons and SQL are stored as values, never run', async () => {
      const schema = freshSchema();
      await withStore(schema, async (store) => {
        const target = start('h-1', '2014-01-01');
        const retraction = identified(
          { type: 'GebeurtenisIngetrokken', huishouden: 'h-1', ingetrokken: target.eventId, reden: HOSTILE },
          'r',
        );
        await store.appendToStream('huishouden-h-1', 'no_stream', [target, retraction]);
        const [, read] = await store.readStream('huishouden-h-1');
        expect(read?.event).toMatchObject({ reden: HOSTILE });
        expect(await store.readStream(HOSTILE)).toEqual([]);
        expect((await store.readStreams([HOSTILE, 'huishouden-h-1'])).get(HOSTILE)).toEqual([]);
        const position = read?.position;
        if (position === undefined) throw new Error('niets opgeslagen');
        await store.saveCheckpoint(HOSTILE, position);
        expect(await store.loadCheckpoint(HOSTILE)).toBe(position);
        await expect(
          store.appendToStream(
            HOSTILE,
            'any',
            [feit({ type: 'UitkeringGestart', huishouden: 'h-2', datum: '2014-01-01' })].map((f) => ({
              ...f,
              eventId: target.eventId,
            })),
          ),
        ).rejects.toThrow(/hoort in stream huishouden-h-2/);
        await expect(
          store
            .readAll({ after: HOSTILE as StoredEvent['position'] })
            [Symbol.asyncIterator]()
            .next(),
        ).rejects.toThrow(/positie/);
        const [count] = await driver.query(`SELECT count(*)::int FROM "${schema}".events`);
        expect(count).toEqual([2]);
      });
    });
  });
};
