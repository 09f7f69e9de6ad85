// The library boundary (issue 14, points 1 and 3): `feit`, recordFacts' batch rule with invalid
// facts, malformed writes and inputs, the hooks, observeStore and gezondheid, on the in-memory store.
import { describe, expect, it } from 'vitest';
import { type FeitInvoer, feit, OngeldigeFeitenError } from './boundary.js';
import { gezondheid } from './gezondheid.js';
import { type Hooks, observeStore, type RefusalObserved, type RetryObserved } from './hooks.js';
import { openMemoryStore } from './memory-store.js';
import { importNdjson } from './ndjson/import.js';
import type { EventStore } from './port.js';
import { recordFacts } from './record.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const start = (huishouden: string, n: number) =>
  feit({ type: 'UitkeringGestart', huishouden, datum: '2014-01-01', regeling: 'Participatiewet', eventId: id(n) });

const held = async (store: EventStore): Promise<string[]> => {
  const ids: string[] = [];
  for await (const batch of store.readAll()) for (const stored of batch) ids.push(stored.event.eventId);
  return ids;
};

describe('feit(…)', () => {
  it('decodes a fact written in TypeScript into the branded fact of its type', () => {
    const f = feit({
      type: 'InkomstenOntvangen',
      huishouden: 'h-1',
      maand: '2014-03',
      bron: 'loondienst',
      bedragCent: 47_500,
    });
    expect(f.type).toBe('InkomstenOntvangen');
    expect(f.bedragCent).toBe(47_500);
  });

  it('refuses an invalid one with the described error of the NDJSON import, never showing a personal value', () => {
    const invoer = {
      type: 'UitkeringGestart',
      huishouden: '111222333',
      datum: '2013-02-30',
      regeling: 'Participatiewet',
    };
    let caught: unknown;
    try {
      feit(invoer as FeitInvoer);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OngeldigeFeitenError);
    const error = caught as OngeldigeFeitenError;
    expect(error.code).toBe('ONGELDIG');
    expect(error.message).toContain('veld datum');
    expect(error.message).toContain('BSN (niet getoond)');
    expect(error.message).not.toContain('111222333');
    expect(error.ongeldig[0]?.type).toBe('UitkeringGestart');
  });
});

describe('recordFacts from JavaScript', () => {
  it('all or nothing: an invalid fact refuses the batch of the household it names; other households are stored', async () => {
    const store = openMemoryStore();
    const result = await recordFacts(store, [
      start('h-1', 1),
      { type: 'InLoondienstGetreden', huishouden: 'h-1', datum: '2014-03-01', uitkering: 'beeindigd', bedragCent: -5 },
      start('h-2', 2),
    ]);
    expect(result.ongeldig.map((o) => [o.index, o.huishouden])).toEqual([[1, 'h-1']]);
    expect(result.ongeldig[0]?.bericht).toContain('veld bedragCent');
    expect(result.outcomes.map((o) => [o.huishouden, o.status])).toEqual([
      ['h-1', 'invalid'],
      ['h-2', 'accepted'],
    ]);
    expect(result).toMatchObject({ appended: 1, refused: 2 });
    expect(await held(store)).toEqual([id(2)]);
  });

  it('all or nothing: an invalid fact that names no readable household refuses every batch of the call', async () => {
    const store = openMemoryStore();
    const result = await recordFacts(store, [start('h-1', 1), { type: 'UitkeringGestart', huishouden: 42 }]);
    expect(result.outcomes.map((o) => o.status)).toEqual(['invalid']);
    expect(result.appended).toBe(0);
    expect(await held(store)).toEqual([]);
  });

  it('per fact: only the invalid fact is refused, in its place of the input', async () => {
    const store = openMemoryStore();
    const result = await recordFacts(store, [null, start('h-1', 1), 'h-1', start('h-2', 2)], { mode: 'per-fact' });
    expect(result.ongeldig.map((o) => o.index)).toEqual([0, 2]);
    expect(result.appended).toBe(2);
    expect(result.outcomes.flatMap((o) => o.indexes)).toEqual([1, 3]);
  });

  it('a caller changing its object afterwards does not change what the store holds', async () => {
    const store = openMemoryStore();
    const mine: Record<string, unknown> = { ...start('h-1', 1) };
    await recordFacts(store, [mine]);
    mine.datum = 'kapot';
    for await (const batch of store.readAll()) expect(batch[0]?.event).toMatchObject({ datum: '2014-01-01' });
  });

  it('refuses input that is no list with a TypeError that does not repeat it', async () => {
    const store = openMemoryStore();
    await expect(recordFacts(store, 'h-111222333')).rejects.toThrow(TypeError);
    await expect(recordFacts(store, { type: 'UitkeringGestart' })).rejects.toThrow(/verwacht een lijst/);
  });
});

describe('append and appendToStream from JavaScript', () => {
  it('refuse an invalid fact, a fact without eventId, a fact in another stream and a bad revision; nothing stored', async () => {
    const store = openMemoryStore();
    const good = start('h-1', 1);
    await expect(
      store.append([
        {
          stream: 'huishouden-h-1',
          expectedRevision: 'no_stream',
          events: [good, { ...good, datum: '2014-02-30', eventId: id(2) }],
        },
      ]),
    ).rejects.toThrow(OngeldigeFeitenError);
    const { eventId: _gone, ...anonymous } = good;
    await expect(store.appendToStream('huishouden-h-1', 'any', [anonymous])).rejects.toThrow(/veld eventId/);
    await expect(store.appendToStream('huishouden-h-111222333', 'any', [good])).rejects.toThrow(
      /hoort in stream huishouden-h-1/,
    );
    await expect(store.appendToStream('huishouden-h-111222333', 'any', [good])).rejects.not.toThrow(/111222333/);
    await expect(store.appendToStream('huishouden-h-1', -1 as never, [good])).rejects.toThrow(/verwachte revisie/);
    await expect(store.append('nee')).rejects.toThrow(TypeError);
    expect(await held(store)).toEqual([]);
    expect(await store.appendToStream('huishouden-h-1', 'no_stream', [good])).toHaveLength(1);
  });
});

describe('importNdjson from JavaScript', () => {
  it('takes a list of strings or bytes (or a stream); refuses anything else with a TypeError', async () => {
    const store = openMemoryStore();
    const line = JSON.stringify(start('h-1', 1));
    expect((await importNdjson(store, [`${line}\n`])).accepted).toBe(1);
    expect((await importNdjson(store, [Buffer.from(`${line}\n`)])).alreadyStored).toBe(1);
    await expect(importNdjson(store, 42)).rejects.toThrow(TypeError);
    await expect(importNdjson(store, [line, 7])).rejects.toThrow(/moet bytes .* of tekst leveren/);
  });
});

describe('hooks', () => {
  it('hear every append, every refusal with its code and place, and a retry after another writer', async () => {
    const inner = openMemoryStore();
    await recordFacts(inner, [start('h-1', 1)]);
    // Another writer slips a fact in between the first read and the append.
    let sneaked = false;
    const racing: EventStore = {
      ...inner,
      kind: inner.kind,
      readStreams: async (streams) => {
        const read = await inner.readStreams(streams);
        if (!sneaked) {
          sneaked = true;
          await inner.appendToStream('huishouden-h-1', 0, [
            feit({
              type: 'InkomstenOntvangen',
              huishouden: 'h-1',
              maand: '2014-02',
              bron: 'loondienst',
              bedragCent: 100,
              eventId: id(9),
            }),
          ]);
        }
        return read;
      },
      append: (writes) => inner.append(writes),
      readStream: (s) => inner.readStream(s),
      readAll: (o) => inner.readAll(o),
      subscribe: (o) => inner.subscribe(o),
      loadCheckpoint: (s) => inner.loadCheckpoint(s),
      saveCheckpoint: (s, p) => inner.saveCheckpoint(s, p),
      close: () => inner.close(),
      appendToStream: (s, r, e) => inner.appendToStream(s, r, e),
    };
    const appends: number[] = [];
    const refusals: RefusalObserved[] = [];
    const retries: RetryObserved[] = [];
    const spans: string[] = [];
    const hooks: Hooks = {
      onAppend: (e) => appends.push(e.appended),
      onRefusal: (e) => refusals.push(e),
      onRetry: (e) => retries.push(e),
      span: (name, _attributes, work) => {
        spans.push(name);
        return work();
      },
    };
    const result = await recordFacts(
      racing,
      [
        'geen feit',
        feit({
          type: 'InLoondienstGetreden',
          huishouden: 'h-1',
          datum: '2014-03-01',
          uitkering: 'beeindigd',
          eventId: id(2),
        }),
        feit({
          type: 'InLoondienstGetreden',
          huishouden: 'h-2',
          datum: '2014-03-01',
          uitkering: 'beeindigd',
          eventId: id(3),
        }),
      ],
      { mode: 'per-fact', hooks },
    );
    expect(result.appended).toBe(1);
    expect(spans).toEqual(['zelfredzaam.record']);
    expect(retries).toEqual([{ stream: 'huishouden-h-1', attempt: 2 }]);
    expect(refusals.map((r) => [r.code, r.index])).toEqual([
      ['ONGELDIG', 0],
      ['GEEN_BIJSTAND', 2],
    ]);
    expect(appends.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('a hook that throws changes nothing', async () => {
    const store = openMemoryStore();
    const hooks: Hooks = {
      onAppend: () => {
        throw new Error('waarnemer stuk');
      },
    };
    expect((await recordFacts(store, [start('h-1', 1)], { hooks })).appended).toBe(1);
  });

  it('observeStore: append latency and each delivered event’s subscription lag', async () => {
    const appended: number[] = [];
    const lags: number[] = [];
    const store = observeStore(
      openMemoryStore({ now: () => Date.UTC(2026, 0, 1) }),
      { onAppend: (e) => appended.push(e.appended), onSubscriptionLag: (e) => lags.push(e.lagMs) },
      () => Date.UTC(2026, 0, 1, 0, 0, 5),
    );
    await recordFacts(store, [start('h-1', 1), start('h-2', 2)]);
    expect(appended).toEqual([2]);
    const controller = new AbortController();
    for await (const _ of store.subscribe({ signal: controller.signal })) if (lags.length === 2) controller.abort();
    expect(lags).toEqual([5000, 5000]);
  });
});

describe('gezondheid', () => {
  it('says whether the store answers and where its last fact is', async () => {
    const store = openMemoryStore();
    expect(await gezondheid(store)).toMatchObject({ bereikbaar: true, store: 'memory', laatstePositie: undefined });
    await recordFacts(store, [start('h-1', 1), start('h-2', 2)]);
    expect(await gezondheid(store)).toMatchObject({ bereikbaar: true, laatstePositie: '2' });
    expect(await gezondheid(observeStore(store, {}))).toMatchObject({ laatstePositie: '2' });
    await store.close();
    const closed = await gezondheid(store);
    expect(closed.bereikbaar).toBe(false);
    expect(closed.fout).toContain('gesloten');
  });
});
