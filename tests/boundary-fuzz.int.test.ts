// Issue 14, point 1: from JavaScript, no invalid value reaches any store. Generated invalid
// values (support/boundary-fuzz.ts) go into every store through every entry point — recordFacts
// in both modes, append, appendToStream — and every refusal must be a described error that
// shows no personal value; afterwards everything the store holds decodes and is one of the
// valid facts handed in beside them. Stores: in memory (objects and compact), PGlite, a
// PostgreSQL server, and the EventStoreDB adapter against the loopback test server.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStoreDb } from '../packages/adapters/src/eventstoredb.js';
import { type EventStore, OngeldigeFeitenError, openMemoryStore, recordFacts } from '../packages/adapters/src/index.js';
import { openPgliteStore } from '../packages/adapters/src/pglite.js';
import { openPostgresStore } from '../packages/adapters/src/postgres.js';
import { decodeRecorded } from '../packages/domain/src/index.js';
import { type InvalidValue, invalidValue } from './support/boundary-fuzz.js';
import { type EsdbTestServer, startEsdbTestServer } from './support/esdb-test-server.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

interface Kind {
  readonly name: string;
  readonly open: () => Promise<EventStore>;
  readonly runs: number;
}

let esdb: Promise<EsdbTestServer> | undefined;
const schemas: string[] = [];

const KINDS: readonly Kind[] = [
  { name: 'memory', open: async () => openMemoryStore(), runs: 100 },
  { name: 'memory (compact)', open: async () => openMemoryStore({ compact: true }), runs: 100 },
  { name: 'PGlite', open: () => openPgliteStore(undefined), runs: 25 },
  {
    name: 'PostgreSQL',
    open: () => {
      const schema = freshSchema('grens');
      schemas.push(schema);
      return openPostgresStore(postgresUrl(), { schema });
    },
    runs: 25,
  },
  {
    name: 'EventStoreDB (loopback test server)',
    open: async () => {
      esdb ??= startEsdbTestServer();
      return openEventStoreDb((await esdb).connectionString, { namespace: `g${randomUUID().slice(0, 8)}.` });
    },
    runs: 15,
  },
];

afterAll(async () => {
  await (await esdb)?.stop();
  if (schemas.length > 0) await dropSchemas(postgresUrl(), schemas);
});

/** The refusal of an append: one of the two described errors, without any personal value. */
const expectDescribedRefusal = async (attempt: Promise<unknown>, invalid: InvalidValue): Promise<void> => {
  let caught: unknown;
  try {
    await attempt;
  } catch (error) {
    caught = error;
  }
  expect(caught, invalid.what).toBeDefined();
  expect(
    caught instanceof OngeldigeFeitenError || caught instanceof TypeError || caught instanceof RangeError,
    invalid.what,
  ).toBe(true);
  const message = (caught as Error).message;
  expect(message.length, invalid.what).toBeLessThan(5_000);
  for (const secret of invalid.secrets) expect(message, invalid.what).not.toContain(secret);
};

const uuid = (n: number, k: number): string => `00000000-0000-4000-8000-${(n * 10 + k).toString(16).padStart(12, '0')}`;

for (const kind of KINDS) {
  describe(`the library boundary of ${kind.name}`, () => {
    it('refuses every generated invalid value at every entry point, described, and stores only valid facts', async () => {
      const store = await kind.open();
      const validIds = new Set<string>();
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(invalidValue(), { minLength: 1, maxLength: 4 }), async (invalid) => {
            run++;
            const a = `a-${run}`;
            const b = `b-${run}`;
            const values = invalid.map((v) => v.value);

            // recordFacts, per fact: the valid fact is stored, each invalid value listed, described.
            const start = {
              type: 'UitkeringGestart',
              huishouden: a,
              datum: '2014-01-01',
              regeling: 'Participatiewet',
              eventId: uuid(run, 1),
            };
            const perFact = await recordFacts(store, [start, ...values], { mode: 'per-fact' });
            expect(perFact.ongeldig.map((o) => o.index)).toEqual(invalid.map((_, i) => i + 1));
            expect(perFact.appended).toBe(1);
            validIds.add(start.eventId);
            perFact.ongeldig.forEach((o, i) => {
              expect(o.bericht).toMatch(/ongeldig/);
              for (const secret of invalid[i]?.secrets ?? []) expect(o.bericht).not.toContain(secret);
            });

            // recordFacts, all or nothing: b's batch holds no invalid value, so it is stored unless
            // an invalid value names no readable household (it could belong to any batch).
            const other = {
              type: 'UitkeringGestart',
              huishouden: b,
              datum: '2014-02-01',
              regeling: 'IOAW',
              eventId: uuid(run, 2),
            };
            const batch = await recordFacts(store, [...values, other]);
            expect(batch.ongeldig).toHaveLength(invalid.length);
            const anonymous = batch.ongeldig.some((o) => o.huishouden === undefined && o.werkgever === undefined);
            expect(batch.appended).toBe(anonymous ? 0 : 1);
            if (!anonymous) validIds.add(other.eventId);

            // append and appendToStream: refused whole, described.
            for (const [i, v] of invalid.entries()) {
              const fact = {
                type: 'InLoondienstGetreden',
                huishouden: a,
                datum: '2014-06-01',
                uitkering: 'beeindigd',
                eventId: uuid(run, 3 + i),
              };
              await expectDescribedRefusal(
                store.append([{ stream: `huishouden-${a}`, expectedRevision: 'any', events: [fact, v.value] }]),
                v,
              );
              await expectDescribedRefusal(store.appendToStream(`huishouden-${a}`, 'any', [v.value]), v);
            }
          }),
          { numRuns: kind.runs },
        );

        // Whatever the store holds decodes as a stored fact and is one of the valid facts.
        const held: unknown[] = [];
        for await (const batch of store.readAll()) for (const stored of batch) held.push(stored.event);
        expect(held.length).toBe(validIds.size);
        for (const event of held) {
          const decoded = decodeRecorded(JSON.parse(JSON.stringify(event)));
          expect(decoded._tag).toBe('Right');
          if (decoded._tag === 'Right') expect(validIds.has(decoded.right.eventId)).toBe(true);
        }
      } finally {
        await store.close();
      }
    }, 300_000);
  });
}
