// The EventStoreDB adapter (issue 4, point 3) through the real @eventstore/db-client: against the
// loopback test server, once with Append and once with BatchAppend (what EventStoreDB ≥ 21.10
// uses), or against a real server when EVENTSTOREDB_URL is set. What it adds to the contract
// suite: how facts are laid out in EventStoreDB, the client's wrong-expected-version mapped to
// the port's conflict, the server's own deduplication by event id, the limits of idempotency
// across streams, corrupt events, and that checkpoint streams and foreign streams stay out of
// readAll and subscribe.
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openEventStoreDb } from '../packages/adapters/src/esdb/index.js';
import {
  CorruptStoredEventError,
  type EventStore,
  type Position,
  type StoredEvent,
} from '../packages/adapters/src/port.js';
import type {
  BedragCent,
  Datum,
  EventId,
  HuishoudenId,
  Identified,
  Maand,
  RecordedAt,
} from '../packages/domain/src/index.js';
import { type EsdbTestServer, startEsdbTestServer } from './support/esdb-test-server.js';

const realServer = process.env.EVENTSTOREDB_URL;
const targets: readonly { readonly name: string; readonly batchAppend: boolean }[] =
  realServer === undefined
    ? [
        { name: 'test server, Append', batchAppend: false },
        { name: 'test server, BatchAppend', batchAppend: true },
      ]
    : // The URL may hold credentials: it is not printed.
      [{ name: 'server at EVENTSTOREDB_URL', batchAppend: false }];

const gestart = (huishouden: string, datum: string, recordedAt?: string): Identified => ({
  type: 'UitkeringGestart',
  huishouden: huishouden as HuishoudenId,
  datum: datum as Datum,
  regeling: 'Participatiewet',
  eventId: randomUUID() as EventId,
  ...(recordedAt === undefined ? {} : { recordedAt: recordedAt as RecordedAt }),
});
const inkomsten = (huishouden: string, maand: string): Identified => ({
  type: 'InkomstenOntvangen',
  huishouden: huishouden as HuishoudenId,
  maand: maand as Maand,
  bron: 'loondienst',
  bedragCent: 47_500 as BedragCent,
  eventId: randomUUID() as EventId,
});
const stream = (huishouden: string): string => `huishouden-${huishouden}`;
const collect = async (store: EventStore, options?: Parameters<EventStore['readAll']>[0]) => {
  const batches: (readonly StoredEvent[])[] = [];
  for await (const batch of store.readAll(options)) batches.push(batch);
  return batches;
};

describe.each(targets)('EventStoreDB adapter ($name)', ({ batchAppend }) => {
  let server: EsdbTestServer | undefined;
  let url = realServer ?? '';
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    if (realServer !== undefined) return;
    server = await startEsdbTestServer({ batchAppend });
    url = server.connectionString;
  });
  afterEach(async () => {
    if (server !== undefined) server.beforeAppend = undefined;
    await Promise.all(opened.splice(0).map((o) => o.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A store of its own on the shared server: a fresh namespace per test. */
  const open = async (options: { now?: () => number } = {}) => {
    const namespace = `t${randomUUID().slice(0, 8)}.`;
    const store = await openEventStoreDb(url, { namespace, ...options });
    opened.push(store);
    return { store, namespace };
  };
  const rawClient = () => {
    const client = EventStoreDBClient.connectionString(url);
    opened.push({ close: () => client.dispose() });
    return client;
  };

  it('stores a fact as one event: its eventId as id, its type, the fact as data, the envelope as metadata', async () => {
    const { store, namespace } = await open({ now: () => Date.UTC(2024, 4, 1, 12, 0, 0) });
    const given = gestart('h-1', '2014-01-06', '2014-01-07T09:00:00.000Z');
    const later = inkomsten('h-1', '2014-02');
    await store.appendToStream(stream('h-1'), 'no_stream', [given, later]);
    const events = [];
    for await (const { event } of rawClient().readStream(`${namespace}${stream('h-1')}`)) events.push(event);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      streamId: `${namespace}huishouden-h-1`,
      id: given.eventId,
      type: 'UitkeringGestart',
      isJson: true,
      data: { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-06', regeling: 'Participatiewet' },
      metadata: { recordedAt: '2014-01-07T09:00:00.000Z', schemaVersion: 1 },
    });
    expect(Object.keys(events[0]?.data ?? {})).toEqual(['type', 'huishouden', 'datum', 'regeling']);
    // Without a recordedAt the store's clock sets it.
    expect(events[1]).toMatchObject({
      id: later.eventId,
      type: 'InkomstenOntvangen',
      metadata: { recordedAt: '2024-05-01T12:00:00.000Z', schemaVersion: 1 },
    });
  });

  it('the server itself ignores a repeated append of the same event ids at the same place', async () => {
    const client = rawClient();
    const name = `raw-${randomUUID()}`;
    const event = () => jsonEvent({ id: '5e9c1f4e-8a61-4b2a-9a57-2f7f3c0b1d01', type: 'T', data: { n: 1 } });
    await client.appendToStream(name, event(), { expectedRevision: NO_STREAM });
    const repeat = await client.appendToStream(name, event(), { expectedRevision: NO_STREAM });
    expect(repeat.success).toBe(true);
    const ids = [];
    for await (const { event: e } of client.readStream(name)) ids.push(e?.id);
    expect(ids).toEqual(['5e9c1f4e-8a61-4b2a-9a57-2f7f3c0b1d01']);
  });

  it('cannot see an eventId reused in another stream: EventStoreDB stores it there too', async () => {
    const { store } = await open();
    const fact = gestart('h-5', '2014-01-06');
    await store.appendToStream(stream('h-5'), 'no_stream', [fact]);
    const other = { ...gestart('h-6', '2014-01-06'), eventId: fact.eventId };
    const stored = await store.appendToStream(stream('h-6'), 'no_stream', [other]);
    expect(stored.map((e) => e.event.eventId)).toEqual([fact.eventId]);
  });

  it('refuses stream names outside the household category, and invalid revisions', async () => {
    const { store } = await open();
    await expect(store.readStream('zelfredzaam-checkpoint-x')).rejects.toThrow(RangeError);
    await expect(store.append([{ stream: stream('h-7'), expectedRevision: -1, events: [] }])).rejects.toThrow(
      RangeError,
    );
  });

  it('readAll: every fact of our streams in recorded order, in full batches, after a position exclusive', async () => {
    const { store } = await open();
    const other = await open();
    const expected: string[] = [];
    // Interleaved streams, other namespaces and checkpoints; $all also holds system events.
    for (let round = 0; round < 3; round++) {
      for (const h of ['a', 'b', 'c']) {
        const fact = round === 0 ? gestart(h, '2014-01-06') : inkomsten(h, `2014-0${round + 1}`);
        await store.appendToStream(stream(h), round === 0 ? 'no_stream' : round - 1, [fact]);
        expected.push(fact.eventId);
        const [noise] = await other.store.appendToStream(stream(h), 'any', [gestart(h, '2015-01-01')]);
        if (noise !== undefined) await store.saveCheckpoint('projectie', noise.position);
      }
    }
    const batches = await collect(store, { batchSize: 4 });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 1]);
    const all = batches.flat();
    expect(all.map((e) => e.event.eventId)).toEqual(expected);
    expect(new Set(all.map((e) => e.stream))).toEqual(new Set([stream('a'), stream('b'), stream('c')]));
    const third = all[2];
    const last = all[all.length - 1];
    if (third === undefined || last === undefined) throw new Error('expected events');
    const rest = (await collect(store, { after: third.position, batchSize: 100 })).flat();
    expect(rest.map((e) => e.event.eventId)).toEqual(expected.slice(3));
    expect(await collect(store, { after: last.position })).toEqual([]);
  });

  it('readAll pages through $all beyond one round trip', async () => {
    const { store } = await open();
    const households = Array.from({ length: 240 }, (_, i) => `p-${i}`);
    const writes = households.map((h) => ({
      stream: stream(h),
      expectedRevision: 'no_stream' as const,
      events: [gestart(h, '2014-01-06'), ...['02', '03', '04', '05'].map((m) => inkomsten(h, `2014-${m}`))],
    }));
    const outcomes = await store.append(writes);
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    const all = (await collect(store, { batchSize: 1 })).flat();
    expect(all).toHaveLength(1200);
    const perStream = new Map<string, number[]>();
    for (const e of all) perStream.set(e.stream, [...(perStream.get(e.stream) ?? []), e.revision]);
    expect([...perStream.values()].every((r) => r.join() === '0,1,2,3,4')).toBe(true);
    const middle = all[599];
    if (middle === undefined) throw new Error('expected events');
    const resumed = (await collect(store, { after: middle.position, batchSize: 250 })).flat();
    expect(resumed).toEqual(all.slice(600));
  });

  it('subscribe: catches up after a position, then goes live, without checkpoints or other namespaces; stops on abort', async () => {
    const { store } = await open();
    const other = await open();
    const first = await store.appendToStream(stream('s'), 'no_stream', [gestart('s', '2014-01-06')]);
    const second = await store.appendToStream(stream('s'), 0, [inkomsten('s', '2014-02')]);
    const controller = new AbortController();
    const seen: string[] = [];
    const live = [inkomsten('s', '2014-03'), gestart('t', '2014-03-01')];
    const after = first[0]?.position;
    const subscription = (async () => {
      for await (const e of store.subscribe({ ...(after === undefined ? {} : { after }), signal: controller.signal })) {
        seen.push(e.event.eventId);
        if (seen.length === 1) {
          // Caught up: now write live, with noise around it.
          await other.store.appendToStream(stream('s'), 'any', [gestart('s', '2016-01-01')]);
          await store.saveCheckpoint('x', e.position);
          await store.appendToStream(stream('s'), 1, [live[0] as Identified]);
          await store.appendToStream(stream('t'), 'no_stream', [live[1] as Identified]);
        }
        if (seen.length === 3) controller.abort();
      }
    })();
    await subscription;
    expect(seen).toEqual([second[0]?.event.eventId, ...live.map((f) => f.eventId)]);
  });

  it('subscribe ends when the store closes, and when aborted before it starts', async () => {
    const { store } = await open();
    await store.appendToStream(stream('c'), 'no_stream', [gestart('c', '2014-01-06')]);
    const aborted = new AbortController();
    aborted.abort();
    const none = [];
    for await (const e of store.subscribe({ signal: aborted.signal })) none.push(e);
    expect(none).toEqual([]);
    const seen = [];
    for await (const e of store.subscribe()) {
      seen.push(e);
      await store.close();
    }
    expect(seen).toHaveLength(1);
  });

  it('keeps checkpoints per subscriber in their own streams; the last one counts', async () => {
    const { store, namespace } = await open();
    const [a, b] = await store.appendToStream(stream('k'), 'no_stream', [
      gestart('k', '2014-01-06'),
      inkomsten('k', '2014-02'),
    ]);
    if (a === undefined || b === undefined) throw new Error('expected two events');
    expect(await store.loadCheckpoint('rapport')).toBeUndefined();
    await store.saveCheckpoint('rapport', a.position);
    await store.saveCheckpoint('rapport', b.position);
    await store.saveCheckpoint('export', a.position);
    expect(await store.loadCheckpoint('rapport')).toBe(b.position);
    expect(await store.loadCheckpoint('export')).toBe(a.position);
    await expect(store.saveCheckpoint('rapport', 'gisteren' as Position)).rejects.toThrow(/positie/);
    const names = server?.streamNames() ?? [];
    if (server !== undefined) expect(names).toContain(`${namespace}zelfredzaam-checkpoint-rapport`);
    expect((await collect(store)).flat()).toEqual([a, b]);
  });

  it('a corrupt event is an error naming its stream and revision', async () => {
    const { store, namespace } = await open();
    await store.appendToStream(stream('x'), 'no_stream', [gestart('x', '2014-01-06')]);
    await rawClient().appendToStream(
      `${namespace}${stream('x')}`,
      jsonEvent({
        type: 'UitkeringGestart',
        data: { type: 'UitkeringGestart', huishouden: 'x', datum: '2014-02-30' },
        metadata: { recordedAt: '2014-03-01T00:00:00Z', schemaVersion: 1 },
      }),
    );
    const error = await store.readStream(stream('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptStoredEventError);
    expect(error).toMatchObject({ stream: stream('x'), revision: 1 });
    expect(String(error)).toMatch(/stream huishouden-x, revisie 1: .*datum/);
    await expect(collect(store)).rejects.toThrow(CorruptStoredEventError);
    // With onUnreadable it is skipped and reported with its position, and reading goes on (issue 17.7).
    const unreadable: unknown[] = [];
    const read = (await collect(store, { onUnreadable: (u) => unreadable.push(u) })).flat();
    expect(read.map((e) => e.revision)).toEqual([0]);
    expect(unreadable).toEqual([
      expect.objectContaining({
        stream: stream('x'),
        revision: 1,
        position: expect.any(String),
        reason: expect.stringMatching(/datum/),
      }),
    ]);
    // A subscription: without onUnreadable it ends at the corrupt event; with it, the event is
    // reported and skipped, and what is appended after it still arrives.
    const plain = async (): Promise<void> => {
      for await (const _ of store.subscribe({})) {
        // reading is enough
      }
    };
    await expect(plain()).rejects.toThrow(CorruptStoredEventError);
    const controller = new AbortController();
    const later = gestart('y', '2014-04-01');
    const heard: unknown[] = [];
    const seen: string[] = [];
    const listening = (async () => {
      for await (const event of store.subscribe({ signal: controller.signal, onUnreadable: (u) => heard.push(u) })) {
        seen.push(event.event.eventId);
        if (event.event.eventId === later.eventId) controller.abort();
      }
    })();
    await store.appendToStream(stream('y'), 'no_stream', [later]);
    const timer = setTimeout(() => controller.abort(), 10_000);
    await listening;
    clearTimeout(timer);
    expect(seen).toEqual([read[0]?.event.eventId, later.eventId]);
    expect(heard).toEqual([expect.objectContaining({ stream: stream('x'), revision: 1 })]);
  });

  if (realServer === undefined) {
    it('maps the server’s wrong-expected-version when another writer gets in between read and append', async () => {
      const { store, namespace } = await open();
      const s = stream('w');
      await store.appendToStream(s, 'no_stream', [gestart('w', '2014-01-06')]);
      const intruder = inkomsten('w', '2014-02');
      let interfered = false;
      const tests = server;
      if (tests === undefined) throw new Error('test server expected');
      tests.beforeAppend = (name) => {
        if (interfered || name !== `${namespace}${s}`) return;
        interfered = true;
        tests.seed(name, [
          {
            id: intruder.eventId,
            type: intruder.type,
            contentType: 'application/json',
            data: Buffer.from(
              JSON.stringify({
                type: intruder.type,
                huishouden: 'w',
                maand: '2014-02',
                bron: 'loondienst',
                bedragCent: 47_500,
              }),
            ),
            customMetadata: Buffer.from(JSON.stringify({ recordedAt: '2014-03-01T00:00:00.000Z', schemaVersion: 1 })),
          },
        ]);
      };
      const [outcome] = await store.append([{ stream: s, expectedRevision: 0, events: [inkomsten('w', '2014-03')] }]);
      expect(interfered).toBe(true);
      expect(outcome).toEqual({ status: 'conflict', stream: s, expectedRevision: 0, actualRevision: 1 });

      // With `any`, the adapter reads again, so the intruder's id is seen and skipped.
      interfered = false;
      tests.beforeAppend = (name) => {
        if (interfered || name !== `${namespace}${s}`) return;
        interfered = true;
        tests.seed(name, [
          {
            id: randomUUID(),
            type: 'InkomstenOntvangen',
            contentType: 'application/json',
            data: Buffer.from(
              JSON.stringify({
                type: 'InkomstenOntvangen',
                huishouden: 'w',
                maand: '2014-04',
                bron: 'loondienst',
                bedragCent: 1,
              }),
            ),
            customMetadata: Buffer.from(JSON.stringify({ recordedAt: '2014-05-01T00:00:00.000Z', schemaVersion: 1 })),
          },
        ]);
      };
      const late = inkomsten('w', '2014-05');
      const stored = await store.appendToStream(s, 'any', [intruder, late]);
      expect(interfered).toBe(true);
      expect(stored.map((e) => [e.revision, e.event.eventId])).toEqual([[3, late.eventId]]);
    });
  }
});
