// The EventStore contract (STYLE §5, issue 4 point 4): one suite, run unchanged against every
// adapter. `open` must give a fresh, empty store each time (a new schema, namespace or
// instance); the suite closes each store it opened.
//
// Usage, in a test file:
//   runStoreContract('memory', async () => openMemoryStore());
//   runStoreContract('esdb (test server)', open, { eventIdInOtherStream: 'not-detected', cleanup });

import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EventIdConflictError,
  type EventStore,
  exportNdjson,
  importNdjson,
  type Position,
  recordFacts,
  type StoredEvent,
  type StreamWrite,
  WrongExpectedRevisionError,
} from '../../packages/adapters/src/index.js';
import {
  decide,
  decode,
  type EventId,
  encode,
  feitTypes,
  type Identified,
  type Incoming,
  parseInstant,
  type Recorded,
  streamNameOf,
} from '../../packages/domain/src/index.js';
import { geldigeGeschiedenis, uuidFrom } from '../../packages/domain/src/testing/index.js';

export interface StoreContractOptions {
  /**
   * Whether the store sees an eventId already used in another stream and throws
   * EventIdConflictError (memory, PostgreSQL, PGlite: `refused`). EventStoreDB keeps no index of
   * event ids across streams (`not-detected`): that one test is then left out.
   */
  readonly eventIdInOtherStream?: 'refused' | 'not-detected';
  /** Runs once after the suite (e.g. to stop a server or close a shared database). */
  readonly cleanup?: () => Promise<void>;
}

/** A fact from a plain object, decoded like any input (no casts). */
export const feit = (raw: Readonly<Record<string, unknown>>): Incoming => {
  const decoded = decode(raw);
  if (decoded._tag === 'Left') throw new Error(`testfeit ongeldig: ${JSON.stringify(decoded.left.problems)}`);
  return decoded.right;
};

/** A fact with an identity derived from `key`. */
export const identified = (raw: Readonly<Record<string, unknown>>, key: string): Identified => {
  const incoming = feit(raw);
  return { ...incoming, eventId: incoming.eventId ?? uuidFrom(key) };
};

export const start = (huishouden: string, datum: string, key = `${huishouden}/start/${datum}`): Identified =>
  identified({ type: 'UitkeringGestart', huishouden, datum, regeling: 'Participatiewet' }, key);

export const werk = (huishouden: string, datum: string, key = `${huishouden}/werk/${datum}`): Identified =>
  identified({ type: 'InLoondienstGetreden', huishouden, datum, uitkering: 'beeindigd' }, key);

export const inkomen = (huishouden: string, maand: string, bedragCent: number, key?: string): Identified =>
  identified(
    { type: 'InkomstenOntvangen', huishouden, maand, bron: 'loondienst', bedragCent },
    key ?? `${huishouden}/inkomen/${maand}/${bedragCent}`,
  );

const stream = (huishouden: string): string => `huishouden-${huishouden}`;

/** Everything readAll yields, flattened, with the batches' sizes. */
const readEverything = async (
  store: EventStore,
  options: { after?: Position; batchSize?: number } = {},
): Promise<{ events: StoredEvent[]; batches: number[] }> => {
  const events: StoredEvent[] = [];
  const batches: number[] = [];
  for await (const batch of store.readAll(options)) {
    batches.push(batch.length);
    events.push(...batch);
  }
  return { events, batches };
};

/** A store whose first `parties` readStreams calls wait for each other, so all read the same history. */
const withReadBarrier = (store: EventStore, parties: number): EventStore => {
  let waiting = 0;
  let release = (): void => {};
  const barrier = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    kind: store.kind,
    append: (writes) => store.append(writes),
    appendToStream: (s, expected, events) => store.appendToStream(s, expected, events),
    readStream: (s) => store.readStream(s),
    readStreams: async (streams) => {
      const result = await store.readStreams(streams);
      if (waiting < parties) {
        waiting++;
        if (waiting === parties) release();
        await barrier;
      }
      return result;
    },
    readAll: (options) => store.readAll(options),
    subscribe: (options) => store.subscribe(options),
    loadCheckpoint: (subscriber) => store.loadCheckpoint(subscriber),
    saveCheckpoint: (subscriber, position) => store.saveCheckpoint(subscriber, position),
    close: () => store.close(),
  };
};

/**
 * A generated valid history of households and employers whose facts cover every event type (those
 * of MEETREGELS §7.1 too), identities and recordedAt included: samples with fresh streams are
 * added until every type occurs.
 */
const history = (seed: number): readonly Recorded[] => {
  const samples = fc.sample(geldigeGeschiedenis({ huishoudens: { min: 6, max: 8 } }), { seed, numRuns: 40 });
  const facts: Recorded[] = [];
  const households = new Set<string>();
  const types = new Set<string>();
  for (const sample of samples) {
    if (sample.some((f) => households.has(streamNameOf(f)))) continue;
    for (const f of sample) {
      households.add(streamNameOf(f));
      types.add(f.type);
    }
    facts.push(...sample);
    if (types.size === feitTypes.length) return facts;
  }
  throw new Error(`gegenereerde geschiedenis mist gebeurtenistypen: alleen ${[...types].join(', ')}`);
};

/**
 * The generated history, keeping only the facts the decider accepts after the ones kept before
 * in their stream (as tests/support/history.ts does), so that an import through the decider
 * stores every one of them.
 */
const deciderValid = (facts: readonly Recorded[]): Recorded[] => {
  const kept = new Map<string, Recorded[]>();
  const out: Recorded[] = [];
  for (const f of facts) {
    const before = kept.get(streamNameOf(f)) ?? [];
    const verdict = decide(before, [f]);
    if (verdict._tag === 'Left' || verdict.right.length !== 1) continue;
    kept.set(streamNameOf(f), [...before, f]);
    out.push(f);
  }
  return out;
};

async function* chunksOf(text: string): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
}

/** The store's NDJSON export as text. */
const exportText = async (store: EventStore): Promise<string> => {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  await exportNdjson(store, sink, { batchSize: 7 });
  return Buffer.concat(parts).toString('utf8');
};

const sortedLines = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .sort();

/** The lines of an export per stream, in their order, streams by name. */
const perStream = (text: string): [string, string[]][] => {
  const streams = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const fields = JSON.parse(line) as { huishouden?: string; werkgever?: string };
    const name = fields.werkgever === undefined ? `huishouden-${fields.huishouden}` : `werkgever-${fields.werkgever}`;
    streams.set(name, [...(streams.get(name) ?? []), line]);
  }
  return [...streams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

export const runStoreContract = (
  name: string,
  open: () => Promise<EventStore>,
  options: StoreContractOptions = {},
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const opened: EventStore[] = [];

    /** Another fresh store (closed after the test). */
    const openAnother = async (): Promise<EventStore> => {
      const another = await open();
      opened.push(another);
      return another;
    };

    beforeEach(async () => {
      store = await openAnother();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    if (options.cleanup !== undefined) afterAll(options.cleanup);

    describe('append and read a stream', () => {
      it('appends to a new stream with revisions from 0 and reads them back in order', async () => {
        const facts = [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01')];
        const stored = await store.appendToStream(stream('h-1'), 'no_stream', facts);
        expect(stored.map((e) => e.revision)).toEqual([0, 1]);
        expect(stored.map((e) => e.stream)).toEqual([stream('h-1'), stream('h-1')]);
        expect(stored.map((e) => e.event.eventId)).toEqual(facts.map((f) => f.eventId));
        const read = await store.readStream(stream('h-1'));
        expect(read).toEqual(stored);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream('nobody'))).toEqual([]);
      });

      it('keeps revisions contiguous over several appends', async () => {
        await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01')]);
        await store.appendToStream(stream('h-1'), 0, [inkomen('h-1', '2014-02', 100)]);
        await store.appendToStream(stream('h-1'), 1, [inkomen('h-1', '2014-03', 200), inkomen('h-1', '2014-04', 300)]);
        const read = await store.readStream(stream('h-1'));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('gives every event its own position, increasing in append order', async () => {
        const a = await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01')]);
        const b = await store.appendToStream(stream('h-2'), 'no_stream', [start('h-2', '2014-01-01')]);
        const c = await store.appendToStream(stream('h-1'), 0, [werk('h-1', '2014-03-01')]);
        const positions = [...a, ...b, ...c].map((e) => e.position);
        expect(new Set(positions).size).toBe(3);
        const { events } = await readEverything(store);
        expect(events.map((e) => e.position)).toEqual(positions);
      });

      it('reads back every event type decoded exactly as appended, recordedAt included', async () => {
        const facts = history(4242);
        const byStream = new Map<string, Recorded[]>();
        for (const f of facts) byStream.set(streamNameOf(f), [...(byStream.get(streamNameOf(f)) ?? []), f]);
        for (const [s, events] of byStream) await store.appendToStream(s, 'no_stream', events);
        for (const [s, events] of byStream) {
          expect((await store.readStream(s)).map((e) => e.event)).toEqual(events);
        }
        const { events } = await readEverything(store);
        expect(events.map((e) => e.event)).toEqual([...byStream.values()].flat());
      });
    });

    describe('recordedAt', () => {
      it('is set on append when absent, as a canonical UTC instant', async () => {
        const before = Date.now();
        const [stored] = await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01')]);
        const after = Date.now();
        const recordedAt = stored?.event.recordedAt ?? '';
        expect(recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        const ms = parseInstant(recordedAt) ?? Number.NaN;
        // Allow for a store whose clock is not this process's (a few seconds).
        expect(ms).toBeGreaterThanOrEqual(before - 5_000);
        expect(ms).toBeLessThanOrEqual(after + 5_000);
        const [read] = await store.readStream(stream('h-1'));
        expect(read?.event.recordedAt).toBe(recordedAt);
      });

      it('is kept when given', async () => {
        const fact = identified(
          {
            type: 'UitkeringGestart',
            huishouden: 'h-1',
            datum: '2012-03-01',
            recordedAt: '2012-03-02T09:00:00.123Z',
          },
          'kept',
        );
        await store.appendToStream(stream('h-1'), 'no_stream', [fact]);
        const [read] = await store.readStream(stream('h-1'));
        expect(read?.event.recordedAt).toBe('2012-03-02T09:00:00.123Z');
      });
    });

    describe('expected revision', () => {
      it('no_stream: refuses an existing stream with a typed conflict naming the actual revision', async () => {
        await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01')]);
        const error = await store.appendToStream(stream('h-1'), 'no_stream', [werk('h-1', '2014-06-01')]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        if (!(error instanceof WrongExpectedRevisionError)) return;
        expect(error.stream).toBe(stream('h-1'));
        expect(error.expectedRevision).toBe('no_stream');
        expect(error.actualRevision).toBe(0);
        expect(await store.readStream(stream('h-1'))).toHaveLength(1);
      });

      it('exact: appends at the last revision and refuses any other', async () => {
        await store.appendToStream(stream('h-1'), 'no_stream', [
          start('h-1', '2014-01-01'),
          inkomen('h-1', '2014-02', 1),
        ]);
        const stale = await store.appendToStream(stream('h-1'), 0, [werk('h-1', '2014-06-01')]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        if (stale instanceof WrongExpectedRevisionError) expect(stale.actualRevision).toBe(1);
        const ahead = await store.appendToStream(stream('h-1'), 5, [werk('h-1', '2014-06-01')]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(ahead).toBeInstanceOf(WrongExpectedRevisionError);
        const stored = await store.appendToStream(stream('h-1'), 1, [werk('h-1', '2014-06-01')]);
        expect(stored.map((e) => e.revision)).toEqual([2]);
      });

      it('exact: refuses a stream that does not exist, with actual no_stream', async () => {
        const error = await store.appendToStream(stream('h-1'), 0, [start('h-1', '2014-01-01')]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        if (error instanceof WrongExpectedRevisionError) expect(error.actualRevision).toBe('no_stream');
        expect(await store.readStream(stream('h-1'))).toEqual([]);
      });

      it('any: appends whatever the stream holds', async () => {
        await store.appendToStream(stream('h-1'), 'any', [start('h-1', '2014-01-01')]);
        const stored = await store.appendToStream(stream('h-1'), 'any', [werk('h-1', '2014-06-01')]);
        expect(stored.map((e) => e.revision)).toEqual([1]);
      });

      it('append: writes are independent; a conflict is an outcome, not an exception', async () => {
        await store.appendToStream(stream('h-2'), 'no_stream', [start('h-2', '2014-01-01')]);
        const writes: StreamWrite[] = [
          { stream: stream('h-1'), expectedRevision: 'no_stream', events: [start('h-1', '2014-01-01')] },
          { stream: stream('h-2'), expectedRevision: 'no_stream', events: [werk('h-2', '2014-06-01')] },
          { stream: stream('h-3'), expectedRevision: 'no_stream', events: [start('h-3', '2014-01-01')] },
        ];
        const outcomes = await store.append(writes);
        expect(outcomes.map((o) => o.status)).toEqual(['ok', 'conflict', 'ok']);
        const conflict = outcomes[1];
        expect(conflict).toMatchObject({ stream: stream('h-2'), expectedRevision: 'no_stream', actualRevision: 0 });
        expect(await store.readStream(stream('h-1'))).toHaveLength(1);
        expect(await store.readStream(stream('h-2'))).toHaveLength(1);
        expect(await store.readStream(stream('h-3'))).toHaveLength(1);
      });
    });

    describe('idempotency by eventId', () => {
      it('appending stored events again adds nothing', async () => {
        const facts = [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01')];
        await store.appendToStream(stream('h-1'), 'no_stream', facts);
        expect(await store.appendToStream(stream('h-1'), 'any', facts)).toEqual([]);
        expect(await store.appendToStream(stream('h-1'), 1, facts)).toEqual([]);
        expect(await store.readStream(stream('h-1'))).toHaveLength(2);
      });

      it('of a mix of stored and new events only the new ones are appended', async () => {
        const first = start('h-1', '2014-01-01');
        await store.appendToStream(stream('h-1'), 'no_stream', [first]);
        const next = werk('h-1', '2014-06-01');
        const stored = await store.appendToStream(stream('h-1'), 0, [first, next]);
        expect(stored.map((e) => [e.revision, e.event.eventId])).toEqual([[1, next.eventId]]);
      });

      it('an eventId twice in one write is stored once', async () => {
        const fact = start('h-1', '2014-01-01');
        const stored = await store.appendToStream(stream('h-1'), 'no_stream', [fact, fact]);
        expect(stored).toHaveLength(1);
        expect(await store.readStream(stream('h-1'))).toHaveLength(1);
      });

      if (options.eventIdInOtherStream !== 'not-detected') {
        it('an eventId already used in another stream is an EventIdConflictError and stores nothing', async () => {
          const id = uuidFrom('shared');
          await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01', 'shared')]);
          const other: Identified = { ...start('h-2', '2014-01-01'), eventId: id };
          const error = await store.appendToStream(stream('h-2'), 'no_stream', [other]).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(EventIdConflictError);
          if (error instanceof EventIdConflictError) {
            expect(error).toMatchObject({ eventId: id, stream: stream('h-2'), existingStream: stream('h-1') });
          }
          expect(await store.readStream(stream('h-2'))).toEqual([]);
        });
      }
    });

    describe('readStreams', () => {
      it('reads several streams at once; an unknown one is empty', async () => {
        await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01')]);
        await store.appendToStream(stream('h-2'), 'no_stream', [start('h-2', '2015-01-01')]);
        const read = await store.readStreams([stream('h-2'), stream('h-1'), stream('h-9')]);
        expect(read.get(stream('h-1'))?.map((e) => e.revision)).toEqual([0, 1]);
        expect(read.get(stream('h-2'))?.map((e) => e.event.type)).toEqual(['UitkeringGestart']);
        expect(read.get(stream('h-9'))).toEqual([]);
        expect(read.get(stream('h-1'))).toEqual(await store.readStream(stream('h-1')));
      });
    });

    describe('readAll', () => {
      const fill = async (target: EventStore): Promise<StoredEvent[]> => {
        const stored: StoredEvent[] = [];
        for (let i = 0; i < 7; i++) {
          const h = `h-${i % 3}`;
          const facts = i < 3 ? [start(h, '2014-01-01')] : [inkomen(h, `2014-0${i}`, 100 + i)];
          stored.push(...(await target.appendToStream(stream(h), 'any', facts)));
        }
        return stored;
      };

      it('yields nothing from an empty store', async () => {
        expect(await readEverything(store)).toEqual({ events: [], batches: [] });
      });

      it('yields every event in recorded order, in batches of at most batchSize', async () => {
        const stored = await fill(store);
        const { events, batches } = await readEverything(store, { batchSize: 3 });
        expect(events).toEqual(stored);
        expect(batches.every((size) => size >= 1 && size <= 3)).toBe(true);
        expect(batches.length).toBeGreaterThanOrEqual(3);
      });

      it('keeps recorded order past the first nine positions', async () => {
        const stored: StoredEvent[] = [];
        for (let i = 0; i < 25; i++) {
          stored.push(...(await store.appendToStream(stream(`h-${i}`), 'no_stream', [start(`h-${i}`, '2014-01-01')])));
        }
        expect((await readEverything(store, { batchSize: 10 })).events).toEqual(stored);
        const ninth = stored[8];
        if (ninth === undefined) throw new Error('te weinig opgeslagen');
        expect((await readEverything(store, { after: ninth.position })).events).toEqual(stored.slice(9));
      });

      it('starts after a given position (exclusive); after the last there is nothing', async () => {
        const stored = await fill(store);
        const third = stored[2];
        const last = stored[stored.length - 1];
        if (third === undefined || last === undefined) throw new Error('te weinig opgeslagen');
        expect((await readEverything(store, { after: third.position, batchSize: 2 })).events).toEqual(stored.slice(3));
        expect((await readEverything(store, { after: last.position })).events).toEqual([]);
      });

      it('a position round-trips through a string (as a checkpoint does)', async () => {
        const stored = await fill(store);
        const fourth = stored[3];
        if (fourth === undefined) throw new Error('te weinig opgeslagen');
        const copy = JSON.parse(JSON.stringify(fourth.position)) as Position;
        expect((await readEverything(store, { after: copy })).events).toEqual(stored.slice(4));
      });
    });

    describe('subscribe', () => {
      it('catches up, then delivers live events, and ends when its signal aborts', async () => {
        const first = await store.appendToStream(stream('h-1'), 'no_stream', [
          start('h-1', '2014-01-01'),
          inkomen('h-1', '2014-02', 5),
        ]);
        const controller = new AbortController();
        const seen: StoredEvent[] = [];
        let live: readonly StoredEvent[] = [];
        for await (const event of store.subscribe({ signal: controller.signal })) {
          seen.push(event);
          if (seen.length === 2) {
            live = [
              ...(await store.appendToStream(stream('h-2'), 'no_stream', [start('h-2', '2014-05-01')])),
              ...(await store.appendToStream(stream('h-1'), 1, [werk('h-1', '2014-06-01')])),
            ];
          }
          if (seen.length === 4) controller.abort();
        }
        expect(seen).toEqual([...first, ...live]);
      });

      it('starts after a given position', async () => {
        const stored = await store.appendToStream(stream('h-1'), 'no_stream', [
          start('h-1', '2014-01-01'),
          inkomen('h-1', '2014-02', 5),
          inkomen('h-1', '2014-03', 6),
        ]);
        const after = stored[0]?.position;
        if (after === undefined) throw new Error('niets opgeslagen');
        const controller = new AbortController();
        const seen: StoredEvent[] = [];
        for await (const event of store.subscribe({ after, signal: controller.signal })) {
          seen.push(event);
          if (seen.length === 2) controller.abort();
        }
        expect(seen).toEqual(stored.slice(1));
      });

      it('ends when aborted while waiting for live events', async () => {
        await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01')]);
        const controller = new AbortController();
        const seen: StoredEvent[] = [];
        const done = (async () => {
          for await (const event of store.subscribe({ signal: controller.signal })) seen.push(event);
        })();
        while (seen.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
        controller.abort();
        await done;
        expect(seen).toHaveLength(1);
      });

      it('does not start when its signal is already aborted', async () => {
        await store.appendToStream(stream('h-1'), 'no_stream', [start('h-1', '2014-01-01')]);
        const controller = new AbortController();
        controller.abort();
        const seen: StoredEvent[] = [];
        for await (const event of store.subscribe({ signal: controller.signal })) seen.push(event);
        expect(seen).toEqual([]);
      });
    });

    describe('checkpoints', () => {
      it('loads nothing for an unknown subscriber, then what was saved last', async () => {
        expect(await store.loadCheckpoint('rapport')).toBeUndefined();
        const stored = await store.appendToStream(stream('h-1'), 'no_stream', [
          start('h-1', '2014-01-01'),
          werk('h-1', '2014-06-01'),
        ]);
        const [a, b] = stored;
        if (a === undefined || b === undefined) throw new Error('niets opgeslagen');
        await store.saveCheckpoint('rapport', a.position);
        expect(await store.loadCheckpoint('rapport')).toBe(a.position);
        await store.saveCheckpoint('rapport', b.position);
        expect(await store.loadCheckpoint('rapport')).toBe(b.position);
        expect(await store.loadCheckpoint('ander')).toBeUndefined();
        const { events } = await readEverything(store);
        expect(events).toEqual(stored);
      });

      it('a loaded checkpoint resumes readAll after it', async () => {
        const stored = await store.appendToStream(stream('h-1'), 'no_stream', [
          start('h-1', '2014-01-01'),
          werk('h-1', '2014-06-01'),
        ]);
        const first = stored[0];
        if (first === undefined) throw new Error('niets opgeslagen');
        await store.saveCheckpoint('projectie', first.position);
        const checkpoint = await store.loadCheckpoint('projectie');
        expect((await readEverything(store, checkpoint === undefined ? {} : { after: checkpoint })).events).toEqual(
          stored.slice(1),
        );
      });
    });

    describe('recordFacts (through the decider)', () => {
      it('accepts valid facts, assigns missing eventIds, and adds nothing on a second run', async () => {
        const facts = [
          feit({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' }),
          feit({
            type: 'InkomstenOntvangen',
            huishouden: 'h-1',
            maand: '2014-02',
            bron: 'loondienst',
            bedragCent: 100,
          }),
          feit({ type: 'UitkeringGestart', huishouden: 'h-2', datum: '2014-01-01' }),
        ];
        const first = await recordFacts(store, facts);
        expect(first).toMatchObject({ appended: 3, alreadyStored: 0, refused: 0 });
        expect(first.outcomes.map((o) => [o.stream, o.status])).toEqual([
          [stream('h-1'), 'accepted'],
          [stream('h-2'), 'accepted'],
        ]);
        const stored = await store.readStream(stream('h-1'));
        expect(stored.map((e) => e.event.eventId)).toEqual(first.outcomes[0]?.facts.map((f) => f.eventId));
        const again = await recordFacts(
          store,
          first.outcomes.flatMap((o) => o.facts),
        );
        expect(again).toMatchObject({ appended: 0, alreadyStored: 3, refused: 0 });
        expect(again.outcomes.map((o) => o.status)).toEqual(['alreadyStored', 'alreadyStored']);
      });

      it('refuses a batch that breaks the lifecycle, whole, with the Weigering, and keeps other households', async () => {
        const result = await recordFacts(store, [
          start('h-1', '2014-01-01'),
          werk('h-2', '2014-06-01'),
          inkomen('h-2', '2014-07', 10),
        ]);
        expect(result).toMatchObject({ appended: 1, refused: 2 });
        const refused = result.outcomes.find((o) => o.stream === stream('h-2'));
        expect(refused?.status).toBe('refused');
        if (refused?.status !== 'refused') return;
        expect(refused.weigering.code).toBe('GEEN_BIJSTAND');
        expect(refused.weigering.bericht).toContain('huishouden h-2');
        expect(refused.weigering.bericht).toContain('InLoondienstGetreden');
        expect(refused.indexes).toEqual([1, 2]);
        expect(await store.readStream(stream('h-2'))).toEqual([]);
        expect(await store.readStream(stream('h-1'))).toHaveLength(1);
      });

      it('decides against the stored history', async () => {
        await recordFacts(store, [start('h-1', '2014-01-01')]);
        const result = await recordFacts(store, [start('h-1', '2014-03-01')]);
        expect(result.outcomes[0]?.status).toBe('refused');
        const income = await recordFacts(store, [inkomen('h-1', '2014-03', 1)]);
        expect(income.outcomes[0]?.status).toBe('accepted');
        expect((await store.readStream(stream('h-1'))).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('two concurrent writers on one household: both read the same history; the loser re-reads and is decided again', async () => {
        const shared = withReadBarrier(store, 2);
        const [a, b] = await Promise.all([
          recordFacts(shared, [start('h-1', '2014-01-01', 'a1'), werk('h-1', '2014-06-01', 'a2')]),
          recordFacts(shared, [start('h-1', '2015-01-01', 'b1')]),
        ]);
        // Whatever order they land in, both fit: a start, an exit, a new start.
        expect([a.appended, b.appended]).toEqual([2, 1]);
        const read = await store.readStream(stream('h-1'));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(new Set(read.map((e) => e.event.eventId))).toEqual(
          new Set([uuidFrom('a1'), uuidFrom('a2'), uuidFrom('b1')]),
        );
      });

      it('two concurrent writers with incompatible facts: exactly one is stored, the other refused', async () => {
        const shared = withReadBarrier(store, 2);
        const results = await Promise.all([
          recordFacts(shared, [start('h-1', '2014-01-01', 'a')]),
          recordFacts(shared, [start('h-1', '2014-02-01', 'b')]),
        ]);
        const statuses = results.map((r) => r.outcomes[0]?.status).sort();
        expect(statuses).toEqual(['accepted', 'refused']);
        const refused = results.flatMap((r) => r.outcomes).find((o) => o.status === 'refused');
        if (refused?.status === 'refused') expect(refused.weigering.code).toBe('UITKERING_LOOPT_AL');
        expect(await store.readStream(stream('h-1'))).toHaveLength(1);
      });

      it('keeps a household whole across chunks and reports outcomes in input order', async () => {
        const facts: Identified[] = [];
        for (let i = 0; i < 12; i++) facts.push(start(`h-${i}`, '2014-01-01'));
        for (let i = 0; i < 12; i++) facts.push(inkomen(`h-${i}`, '2014-02', 10 + i));
        const result = await recordFacts(store, facts, { chunkSize: 5 });
        expect(result.appended).toBe(24);
        expect(result.outcomes.map((o) => o.stream)).toEqual(facts.slice(0, 12).map((f) => streamNameOf(f)));
        const { events } = await readEverything(store);
        expect(events).toHaveLength(24);
      });

      it('MEETREGELS §7.1: the facts of an employer go to its own stream category, apart from a household with the same pseudonym', async () => {
        const first = await recordFacts(store, [
          feit({ type: 'AllianceGesloten', werkgever: 'x-1', datum: '2014-03-01' }),
          feit({ type: 'UitkeringGestart', huishouden: 'x-1', datum: '2014-01-01' }),
          feit({ type: 'TrajectGestart', huishouden: 'x-1', datum: '2014-02-01', trajectId: 't-1', soort: 'VAK' }),
        ]);
        expect(first).toMatchObject({ appended: 3, refused: 0 });
        expect(first.outcomes.map((o) => o.stream)).toEqual(['werkgever-x-1', 'huishouden-x-1']);
        expect((await store.readStream('werkgever-x-1')).map((e) => e.event.type)).toEqual(['AllianceGesloten']);
        expect((await store.readStream('huishouden-x-1')).map((e) => e.event.type)).toEqual([
          'UitkeringGestart',
          'TrajectGestart',
        ]);
        // Decided against the stored history of each stream: one alliance per werkgever; one
        // namespace of trajectIds for trajectories and debt trajectories.
        const second = await recordFacts(store, [
          feit({ type: 'AllianceGesloten', werkgever: 'x-1', datum: '2015-01-01' }),
          feit({ type: 'SchuldhulpGestart', huishouden: 'x-1', datum: '2014-05-01', trajectId: 't-1' }),
          feit({ type: 'AllianceGesloten', werkgever: 'x-2', datum: '2015-01-01' }),
        ]);
        expect(second.outcomes.map((o) => [o.stream, o.status === 'refused' ? o.weigering.code : o.status])).toEqual([
          ['werkgever-x-1', 'ALLIANTIE_AL_GESLOTEN'],
          ['huishouden-x-1', 'TRAJECT_ID_IN_GEBRUIK'],
          ['werkgever-x-2', 'accepted'],
        ]);
        const { events } = await readEverything(store);
        expect(events.map((e) => streamNameOf(e.event)).sort()).toEqual([
          'huishouden-x-1',
          'huishouden-x-1',
          'werkgever-x-1',
          'werkgever-x-2',
        ]);
      });

      if (options.eventIdInOtherStream !== 'not-detected') {
        it('refuses a household whose eventId another household already holds, and keeps the rest', async () => {
          await recordFacts(store, [start('h-1', '2014-01-01', 'x')]);
          const reused: Identified = { ...start('h-2', '2014-01-01'), eventId: uuidFrom('x') as EventId };
          const result = await recordFacts(store, [start('h-3', '2014-01-01'), reused]);
          expect(result.outcomes.map((o) => o.status)).toEqual(['accepted', 'refused']);
          const refused = result.outcomes[1];
          if (refused?.status === 'refused') expect(refused.weigering.code).toBe('EVENT_ID_HERGEBRUIKT');
        });
      }
    });

    describe('NDJSON (MEETREGELS §6)', () => {
      it('every event type (§7.1 included) imports through the decider and exports as it came in; a copy exports the same', async () => {
        const facts = deciderValid(history(4243));
        expect(new Set(facts.map((f) => f.type)).size).toBe(feitTypes.length);
        const text = facts.map((f) => `${JSON.stringify(encode(f))}\n`).join('');
        expect(await importNdjson(store, chunksOf(text))).toMatchObject({ accepted: facts.length, refused: 0 });
        const exported = await exportText(store);
        expect(sortedLines(exported)).toEqual(sortedLines(text));

        const copy = await openAnother();
        expect(await importNdjson(copy, chunksOf(exported))).toMatchObject({ accepted: facts.length, refused: 0 });
        // The same lines, each stream in the same order (across streams, an adapter that appends
        // streams in parallel may interleave them otherwise: EventStoreDB with BatchAppend does).
        const again = await exportText(copy);
        expect(sortedLines(again)).toEqual(sortedLines(exported));
        expect(perStream(again)).toEqual(perStream(exported));
        expect(await importNdjson(store, chunksOf(exported))).toMatchObject({
          accepted: 0,
          alreadyStored: facts.length,
          refused: 0,
        });
      });
    });
  });
};
