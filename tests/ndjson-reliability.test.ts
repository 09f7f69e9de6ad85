// Issue 17 points 2 and 8 on the in-memory store: a store error about one fact's data refuses
// that line (with its number), never the lines after it; a lost connection still stops the
// import; a recordedAt in the future is refused, one before the store's latest only with
// `historisch` (a re-import of stored facts is never refused).
import { describe, expect, it } from 'vitest';
import {
  type EventStore,
  type ImportOptions,
  importNdjson,
  openMemoryStore,
  type StreamWrite,
} from '../packages/adapters/src/index.js';

async function* pieces(text: string, size = 13): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const importText = (store: EventStore, text: string, options: ImportOptions = {}) =>
  importNdjson(store, pieces(text), options);

const lines = (...rows: readonly Readonly<Record<string, unknown>>[]): string =>
  rows.map((row) => JSON.stringify(row)).join('\n');

const start = (huishouden: string, datum: string, extra: Record<string, unknown> = {}) => ({
  type: 'UitkeringGestart',
  huishouden,
  datum,
  ...extra,
});
const traject = (huishouden: string, soort: string) => ({
  type: 'TrajectGestart',
  huishouden,
  datum: '2014-05-01',
  trajectId: `t-${soort.length}`,
  soort,
});

/**
 * A store that refuses, like PostgreSQL, to hold a fact whose soort is "GIF" (SQLSTATE 22P05).
 * Only the port's methods are handed on: the package's internal append path of the inner store
 * must not be reachable past the poisoned `append`.
 */
const poisoned = (code = '22P05'): EventStore & { appends: number } => {
  const inner = openMemoryStore();
  const wrapper: EventStore & { appends: number } = {
    kind: inner.kind,
    appends: 0,
    append: async (writes: unknown) => {
      wrapper.appends++;
      const list = writes as readonly StreamWrite[];
      if (list.some((w) => w.events.some((e) => 'soort' in e && e.soort === 'GIF'))) {
        throw Object.assign(new Error('unsupported Unicode escape sequence'), { code });
      }
      return inner.append(writes);
    },
    appendToStream: (stream, expected, events) => inner.appendToStream(stream, expected, events),
    readStream: (stream) => inner.readStream(stream),
    readStreams: (streams) => inner.readStreams(streams),
    readAll: (options) => inner.readAll(options),
    subscribe: (options) => inner.subscribe(options),
    loadCheckpoint: (subscriber) => inner.loadCheckpoint(subscriber),
    saveCheckpoint: (subscriber, position) => inner.saveCheckpoint(subscriber, position),
    close: () => inner.close(),
  };
  return wrapper;
};

const count = async (store: EventStore): Promise<number> => {
  let n = 0;
  for await (const batch of store.readAll()) n += batch.length;
  return n;
};

describe('issue 17 point 2: a line the store refuses never blocks the lines after it', () => {
  it('refuses just the poisoned line, with its number, and keeps every other line (every chunk size)', async () => {
    const rows = [];
    for (let i = 1; i <= 40; i++) rows.push(start(`h-${i}`, '2014-01-01'));
    rows.splice(17, 0, traject('h-3', 'GIF'));
    rows.push(traject('h-5', 'GIF'), traject('h-6', 'Meedoen'));
    const text = lines(...rows);
    for (const chunkSize of [1, 3, 7, 5000]) {
      const store = poisoned();
      const result = await importText(store, text, { chunkSize });
      expect(
        result.refusals.map((r) => [r.line, r.code]),
        String(chunkSize),
      ).toEqual([
        [18, 'OPSLAG'],
        [42, 'OPSLAG'],
      ]);
      expect(result.refusals[0]?.bericht).toMatch(/^regel 18: huishouden h-3, TrajectGestart: de store weigert/);
      expect(result).toMatchObject({ accepted: 41, refused: 2 });
      expect(await count(store)).toBe(41);
      // A re-run stops nowhere either, and adds nothing.
      expect(await importText(store, text, { chunkSize })).toMatchObject({
        accepted: 0,
        alreadyStored: 41,
        refused: 2,
      });
    }
  });

  it("a lost connection is not a line's fault: the import still stops with the error", async () => {
    const store = poisoned('08006');
    await expect(importText(store, lines(start('h-1', '2014-01-01'), traject('h-1', 'GIF')))).rejects.toThrow(
      /unsupported/,
    );
  });
});

describe('issue 17 point 8: recordedAt limits on import', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');

  it('refuses a recordedAt in the future, naming the line; the others are kept', async () => {
    const store = openMemoryStore();
    const result = await importText(
      store,
      lines(
        start('h-1', '2014-01-01', { recordedAt: '2026-12-07T09:59:59Z' }),
        start('h-2', '2014-01-01', { recordedAt: '2026-12-07T10:00:01Z' }),
        start('h-3', '2014-01-01'),
      ),
      { now },
    );
    expect(result.refusals.map((r) => [r.line, r.code])).toEqual([[2, 'TOEKOMST']]);
    expect(result.refusals[0]?.bericht).toContain('ligt in de toekomst');
    expect(result.accepted).toBe(2);
  });

  it("refuses a new fact recorded before the store's latest unless historisch; a re-import passes", async () => {
    const store = openMemoryStore();
    const eerst = lines(
      start('h-1', '2014-01-01', { recordedAt: '2015-01-01T00:00:00Z' }),
      start('h-2', '2014-01-01', { recordedAt: '2016-06-30T12:00:00Z' }),
    );
    expect(await importText(store, eerst, { now })).toMatchObject({ accepted: 2, refused: 0 });
    // The same file again: already stored, never refused for its (old) recordedAt.
    expect(await importText(store, eerst, { now })).toMatchObject({ accepted: 0, alreadyStored: 2, refused: 0 });
    const laat = lines(
      start('h-3', '2014-01-01', { recordedAt: '2016-01-01T00:00:00Z' }),
      start('h-4', '2014-01-01', { recordedAt: '2016-06-30T12:00:00Z' }),
      start('h-5', '2014-01-01'),
    );
    const refused = await importText(store, laat, { now });
    expect(refused.refusals.map((r) => [r.line, r.code])).toEqual([[1, 'VOOR_LAATSTE']]);
    expect(refused.refusals[0]?.bericht).toContain('--historisch');
    expect(refused.accepted).toBe(2);
    // Migrating a whole history: allowed explicitly.
    expect(await importText(store, laat, { now, historisch: true })).toMatchObject({ accepted: 1, alreadyStored: 2 });
  });
});

describe('issue 17 point 8: library misuse gives a Dutch message naming the argument', () => {
  it('importNdjson with null or wrong types', async () => {
    const store = openMemoryStore();
    await expect(importNdjson(null as never, [])).rejects.toThrow(
      /^importNdjson: verwacht als eerste argument een store/,
    );
    await expect(importNdjson(store, null as never)).rejects.toThrow(/^importNdjson: verwacht als tweede argument/);
    await expect(importNdjson(store, [], null as never)).rejects.toThrow(/^importNdjson: verwacht als derde argument/);
    await expect(importNdjson(store, [], { now: '2026' as never })).rejects.toThrow(/optie now: verwacht een tijdstip/);
    await expect(importNdjson(store, [1 as never])).rejects.toThrow(/de invoer moet bytes .* of tekst leveren/);
  });
});

describe('issue 17 point 8: a re-run of a stopped import completes', () => {
  it('the facts a first, stopped run stored do not raise the bar for the rest of the same file', async () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    const store = openMemoryStore({ now: () => Date.parse('2026-12-07T09:00:00Z') });
    await importText(store, lines(start('h-0', '2014-01-01', { recordedAt: '2010-01-01T00:00:00Z' })), { now });
    // Lines without recordedAt get the store's "now"; the others are older.
    const rows = [];
    for (let i = 1; i <= 20; i++) {
      rows.push(
        start(
          `h-${i}`,
          '2014-01-01',
          i % 5 === 0 ? {} : { recordedAt: `2015-01-${String(i).padStart(2, '0')}T00:00:00Z` },
        ),
      );
    }
    // The first run stopped after 12 lines.
    expect(await importText(store, lines(...rows.slice(0, 12)), { now, chunkSize: 4 })).toMatchObject({ refused: 0 });
    const rerun = await importText(store, lines(...rows), { now, chunkSize: 4 });
    expect(rerun.refusals).toEqual([]);
    expect(rerun).toMatchObject({ accepted: 8, alreadyStored: 12 });
    // Another file's old fact is still refused: the bar is what the store held before this file.
    const other = await importText(store, lines(start('h-99', '2014-01-01', { recordedAt: '2009-01-01T00:00:00Z' })), {
      now,
    });
    expect(other.refusals.map((r) => r.code)).toEqual(['VOOR_LAATSTE']);
  });
});
