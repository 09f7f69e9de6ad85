// The histories kept between chunks (history-cache.ts): bounded, and never trusted over the
// store: a household that another writer changed after it was kept is read and decided again.
import { decode, type Identified, type Incoming } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { HistoryCache } from './history-cache.js';
import { openMemoryStore } from './memory-store.js';
import { recordFacts } from './record.js';

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
      expect(cache.size).toBeLessThanOrEqual(10);
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
