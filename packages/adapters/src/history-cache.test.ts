// The histories kept between chunks (history-cache.ts): bounded, and never trusted over the
// store: a household that another writer changed after it was kept is read and decided again.
import { decode, type Identified, type Incoming, streamNameOf } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPEND_DECODED, appendDecoded } from './decoded-append.js';
import { HistoryCache } from './history-cache.js';
import { openMemoryStore } from './memory-store.js';
import { importNdjson } from './ndjson/import.js';
import type { StreamWrite } from './port.js';
import { type RecordResult, recordFacts } from './record.js';

const fact = (json: Record<string, unknown>): Incoming => {
  const decoded = decode(json);
  if (decoded._tag === 'Left') throw new Error('invalid test fact');
  return decoded.right;
};

const start = (huishouden: string, datum: string, eventId: string) =>
  fact({ type: 'UitkeringGestart', huishouden, datum, regeling: 'Participatiewet', eventId });
const inkomen = (huishouden: string, maand: string, eventId: string) =>
  fact({ type: 'InkomstenOntvangen', huishouden, maand, bron: 'loondienst', bedragCent: 100, eventId });
const einde = (huishouden: string, datum: string, eventId: string) =>
  fact({ type: 'UitkeringBeeindigd', huishouden, datum, reden: 'overig', eventId });

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('HistoryCache', () => {
  it('holds at most maxFacts facts, dropping the least recently used households', async () => {
    const store = openMemoryStore();
    const cache = new HistoryCache(10);
    for (let h = 0; h < 8; h++) {
      const facts = [start(`h-${h}`, '2014-01-01', id(2 * h)), inkomen(`h-${h}`, '2014-02', id(2 * h + 1))];
      const result = await recordFacts(store, facts, { mode: 'per-fact', histories: cache });
      expect(result.appended).toBe(2);
      // The bound is kept when a round begins: at most the facts of one round (two) above it.
      expect(cache.size).toBeLessThanOrEqual(10 + 2);
    }
    // The most recent household is kept, with what was appended; the first was dropped.
    expect(cache.kept('huishouden-h-7')?.eventIds).toEqual([id(14), id(15)]);
    expect(cache.kept('huishouden-h-7')?.revision).toBe(1);
    expect(cache.kept('huishouden-h-0')).toBeUndefined();
  });

  it('a household changed by another writer after it was kept is read again and decided on what is stored', async () => {
    const store = openMemoryStore();
    const cache = new HistoryCache();
    await recordFacts(store, [start('h-1', '2014-01-01', id(1))], { mode: 'per-fact', histories: cache });
    expect(cache.kept('huishouden-h-1')?.revision).toBe(0);
    // Another writer ends the uitkering: income in a later month no longer fits.
    await recordFacts(store, [einde('h-1', '2014-03-31', id(2))], { mode: 'per-fact' });
    const result = await recordFacts(store, [inkomen('h-1', '2014-06', id(3)), inkomen('h-1', '2014-02', id(4))], {
      mode: 'per-fact',
      histories: cache,
    });
    expect(result.outcomes.map((o) => o.status)).toEqual(['accepted', 'refused']);
    expect(result.outcomes[1]?.status === 'refused' && result.outcomes[1].weigering.code).toBe(
      'INKOMSTEN_ZONDER_BIJSTAND',
    );
    expect((await store.readStream('huishouden-h-1')).map((e) => e.event.eventId)).toEqual([id(1), id(2), id(4)]);
    expect(cache.kept('huishouden-h-1')?.eventIds).toEqual([id(1), id(2), id(4)]);
  });

  it('a fact another writer stored meanwhile with the same eventId is not stored twice', async () => {
    const store = openMemoryStore();
    const cache = new HistoryCache();
    await recordFacts(store, [start('h-1', '2014-01-01', id(1))], { mode: 'per-fact', histories: cache });
    await recordFacts(store, [inkomen('h-1', '2014-02', id(2))], { mode: 'per-fact' });
    const result = await recordFacts(store, [inkomen('h-1', '2014-02', id(2))], { mode: 'per-fact', histories: cache });
    expect(result).toMatchObject({ appended: 0, alreadyStored: 1, refused: 0 });
    expect(await store.readStream('huishouden-h-1')).toHaveLength(2);
  });

  it('histories read ahead are used for the next call, and a kept history wins over one read ahead', async () => {
    const store = openMemoryStore();
    await recordFacts(store, [start('h-1', '2014-01-01', id(1)), start('h-2', '2014-01-01', id(2))]);
    const cache = new HistoryCache();
    cache.readAhead(store, ['huishouden-h-1', 'huishouden-h-2']);
    const histories = await cache.histories(store, ['huishouden-h-1', 'huishouden-h-3']);
    expect(histories.get('huishouden-h-1')?.revision).toBe(0);
    expect(histories.get('huishouden-h-3')).toMatchObject({ events: [], revision: 'no_stream', kept: true });
    // Not asked for: h-2's read-ahead stays for the call that asks; a fresh read skips it.
    await store.appendToStream('huishouden-h-2', 0, [inkomen('h-2', '2014-02', id(3)) as Identified]);
    expect((await cache.histories(store, ['huishouden-h-2'], true)).get('huishouden-h-2')?.revision).toBe(1);
  });
});

/** The facts of `facts` as NDJSON text, one chunk of the importer's input. */
async function* text(lines: readonly Readonly<Record<string, unknown>>[]): AsyncGenerator<Buffer> {
  yield Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n'), 'utf8');
}

/** Per input index: how a fact fared (accepted, already stored, or the refusal's code). */
const verdicts = (result: RecordResult): string[] => {
  const byIndex: string[] = [];
  for (const outcome of result.outcomes) {
    const verdict = outcome.status === 'refused' ? outcome.weigering.code : outcome.status;
    for (const index of outcome.indexes) byIndex[index] = verdict;
  }
  return byIndex;
};

describe('the off-heap cache (issue 16)', () => {
  it('equals re-reading the store: the same verdicts for every fact, and what it keeps is what is stored', () =>
    fc.assert(
      fc.asyncProperty(
        geldigeGeschiedenis({ huishoudens: { min: 1, max: 5 }, werkgevers: { min: 0, max: 1 } }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        async (history, moves, chunkSize) => {
          // The history with some facts moved later and some repeated: late, refused and re-imported facts.
          const facts: Identified[] = [...history];
          for (const move of moves) {
            const from = move % facts.length;
            const [moved] = facts.splice(from, 1);
            if (moved === undefined) continue;
            facts.splice(Math.min(facts.length, from + (move % 7)), 0, moved);
            if (move % 5 === 0) facts.push(moved);
          }
          const cached = openMemoryStore();
          const reread = openMemoryStore();
          const cache = new HistoryCache(1 + (moves.length % 3) * 20);
          const withCache: string[] = [];
          const rereading: string[] = [];
          for (let start = 0; start < facts.length; start += chunkSize) {
            const chunk = facts.slice(start, start + chunkSize);
            withCache.push(...verdicts(await recordFacts(cached, chunk, { mode: 'per-fact', histories: cache })));
            rereading.push(...verdicts(await recordFacts(reread, chunk, { mode: 'per-fact' })));
          }
          expect(withCache).toEqual(rereading);
          for (const stream of new Set(facts.map(streamNameOf))) {
            const stored = await cached.readStream(stream);
            expect(stored.map((e) => e.event.eventId)).toEqual(
              (await reread.readStream(stream)).map((e) => e.event.eventId),
            );
            const kept = cache.kept(stream);
            if (kept === undefined) continue;
            expect(kept.eventIds).toEqual(stored.map((e) => e.event.eventId));
            expect(kept.revision).toBe(stored.at(-1)?.revision ?? 'no_stream');
          }
        },
      ),
      { numRuns: 80 },
    ));

  it('a household that another writer changed while the chunk before was appended: the chunk decided on it is decided again', async () => {
    const store = openMemoryStore();
    const other = start('h-1', '2014-08-01', id(99));
    let appends = 0;
    // The first append (chunk 1) waits, and another writer starts h-1's bijstand in August first.
    const racing = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'append' && key !== APPEND_DECODED) return Reflect.get(target, key, receiver);
        return async (writes: readonly StreamWrite[]) => {
          if (appends++ === 0) {
            await target.appendToStream('huishouden-h-1', 'no_stream', [other]);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return appendDecoded(target, writes);
        };
      },
    });
    const lines = [
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', eventId: id(1) },
      { type: 'UitkeringGestart', huishouden: 'h-2', datum: '2014-01-01', eventId: id(2) },
      // Chunk 2, decided while chunk 1 is appended: on h-1 as chunk 1 would leave it, income in June fits.
      {
        type: 'InkomstenOntvangen',
        huishouden: 'h-1',
        maand: '2014-06',
        bron: 'loondienst',
        bedragCent: 100,
        eventId: id(3),
      },
      {
        type: 'InkomstenOntvangen',
        huishouden: 'h-2',
        maand: '2014-06',
        bron: 'loondienst',
        bedragCent: 100,
        eventId: id(4),
      },
    ];
    const result = await importNdjson(racing, text(lines), { chunkSize: 2 });
    // As if imported after the other writer: h-1's start and its June income do not fit.
    const reference = openMemoryStore();
    await reference.appendToStream('huishouden-h-1', 'no_stream', [other]);
    const expected = await importNdjson(reference, text(lines), { chunkSize: 2 });
    expect(result.refusals.map((r) => [r.line, r.code])).toEqual(expected.refusals.map((r) => [r.line, r.code]));
    expect(result.refusals.map((r) => r.line)).toEqual([1, 3]);
    expect((await store.readStream('huishouden-h-1')).map((e) => e.event.eventId)).toEqual([id(99)]);
    expect((await store.readStream('huishouden-h-2')).map((e) => e.event.eventId)).toEqual([id(2), id(4)]);
  });
});
