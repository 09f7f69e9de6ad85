// NDJSON import and export (MEETREGELS §6) on the in-memory store: line numbers and reasons for
// refused lines, valid neighbours kept, derived eventIds, limits, and an export that import reads.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  type EventStore,
  exportNdjson,
  type ImportOptions,
  importNdjson,
  type LineRefusal,
  openMemoryStore,
} from '../packages/adapters/src/index.js';
import { readLineBatches, readLines } from '../packages/adapters/src/ndjson/lines.js';

/** The text as a byte stream cut into pieces of `size` bytes (lines cross the cuts). */
async function* pieces(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const lines = (...rows: readonly (Readonly<Record<string, unknown>> | string)[]): string =>
  rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n');

const start = (huishouden: string, datum: string) => ({ type: 'UitkeringGestart', huishouden, datum });
const werk = (huishouden: string, datum: string) => ({
  type: 'InLoondienstGetreden',
  huishouden,
  datum,
  uitkering: 'beeindigd',
});
const inkomen = (huishouden: string, maand: string, bedragCent: number) => ({
  type: 'InkomstenOntvangen',
  huishouden,
  maand,
  bron: 'loondienst',
  bedragCent,
});

const importText = (store: EventStore, text: string | Buffer, options: ImportOptions = {}) =>
  importNdjson(store, pieces(text), options);

const exportText = async (store: EventStore): Promise<string> => {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  await exportNdjson(store, sink, { batchSize: 3 });
  return Buffer.concat(parts).toString('utf8');
};

const storedTypes = async (store: EventStore, huishouden: string): Promise<string[]> =>
  (await store.readStream(`huishouden-${huishouden}`)).map((e) => e.event.type);

describe('NDJSON import', () => {
  it('stores every valid line; counts add up', async () => {
    const store = openMemoryStore();
    const result = await importText(
      store,
      lines(
        start('h-1', '2014-01-01'),
        inkomen('h-1', '2014-02', 100),
        start('h-2', '2014-01-01'),
        werk('h-1', '2014-06-01'),
      ),
    );
    expect(result).toMatchObject({ lines: 4, blank: 0, accepted: 4, alreadyStored: 0, refused: 0, refusals: [] });
    expect(await storedTypes(store, 'h-1')).toEqual(['UitkeringGestart', 'InkomstenOntvangen', 'InLoondienstGetreden']);
  });

  it('refuses a bad line with its number and reason and keeps the valid lines around it, same household included', async () => {
    const store = openMemoryStore();
    const result = await importText(
      store,
      lines(
        start('h-1', '2014-01-01'),
        start('h-1', '2014-02-01'),
        inkomen('h-1', '2014-03', 100),
        { ...werk('h-2', '2014-02-30') },
        '{"type":"UitkeringGestart",',
        start('h-2', '2014-01-01'),
        werk('h-1', '2014-06-01'),
      ),
    );
    expect(result).toMatchObject({ lines: 7, accepted: 4, refused: 3 });
    expect(result.refusals.map((r) => [r.line, r.code])).toEqual([
      [2, 'UITKERING_LOOPT_AL'],
      [4, 'ONGELDIG'],
      [5, 'GEEN_JSON'],
    ]);
    expect(result.refusals[0]?.bericht).toBe(
      'regel 2: huishouden h-1: UitkeringGestart op 2014-02-01 geweigerd — er loopt op die datum al bijstand (MEETREGELS §2)',
    );
    expect(result.refusals[1]?.bericht).toMatch(/^regel 4: huishouden h-2, InLoondienstGetreden ongeldig — veld datum/);
    expect(result.refusals[1]?.huishouden).toBe('h-2');
    expect(await storedTypes(store, 'h-1')).toEqual(['UitkeringGestart', 'InkomstenOntvangen', 'InLoondienstGetreden']);
    expect(await storedTypes(store, 'h-2')).toEqual(['UitkeringGestart']);
  });

  it('never echoes a BSN or a whole line in a refusal', async () => {
    const store = openMemoryStore();
    const result = await importText(
      store,
      lines(
        { ...start('111222333', '2014-01-01') },
        '{"type":"UitkeringGestart","huishouden":"h-1","datum":"2014-01-01" 111222333',
      ),
    );
    expect(result.refused).toBe(2);
    for (const refusal of result.refusals) expect(refusal.bericht).not.toContain('111222333');
  });

  it('derives a missing eventId from the line and its repeats: identical lines both count, a re-import adds nothing', async () => {
    const text = lines(
      start('h-1', '2014-01-01'),
      inkomen('h-1', '2014-02', 100),
      inkomen('h-1', '2014-02', 100),
      inkomen('h-1', '2014-03', 100),
    );
    const store = openMemoryStore();
    expect(await importText(store, text)).toMatchObject({ accepted: 4, alreadyStored: 0 });
    const ids = (await store.readStream('huishouden-h-1')).map((e) => e.event.eventId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await importText(store, text)).toMatchObject({ accepted: 0, alreadyStored: 4, refused: 0 });

    // The same file in another store, with CRLF line ends, gets the same ids.
    const other = openMemoryStore();
    await importText(other, `${text.replaceAll('\n', '\r\n')}\r\n`);
    expect((await other.readStream('huishouden-h-1')).map((e) => e.event.eventId)).toEqual(ids);

    // …and so does the file with a byte-order mark in front.
    const marked = openMemoryStore();
    await importText(marked, `\uFEFF${text}`);
    expect((await marked.readStream('huishouden-h-1')).map((e) => e.event.eventId)).toEqual(ids);

    // A file that holds one of those lines once more adds exactly that one.
    const more = await importText(
      store,
      lines(inkomen('h-1', '2014-02', 100), inkomen('h-1', '2014-02', 100), inkomen('h-1', '2014-02', 100)),
    );
    expect(more).toMatchObject({ accepted: 1, alreadyStored: 2 });
  });

  it('keeps a given eventId and recordedAt; refuses an eventId reused for a different fact', async () => {
    const store = openMemoryStore();
    const eventId = '7d0c3a52-1f0e-4a59-9a43-3f1f2b1c0d01';
    const result = await importText(
      store,
      lines(
        { ...start('h-1', '2012-03-01'), eventId, recordedAt: '2012-03-02T09:00:00Z' },
        { ...start('h-1', '2012-03-01'), eventId, recordedAt: '2012-03-02T09:00:00Z' },
        { ...inkomen('h-1', '2012-04', 5), eventId },
      ),
    );
    expect(result).toMatchObject({ accepted: 1, alreadyStored: 1, refused: 1 });
    expect(result.refusals.map((r) => [r.line, r.code])).toEqual([[3, 'EVENT_ID_HERGEBRUIKT']]);
    const [stored] = await store.readStream('huishouden-h-1');
    expect(stored?.event).toMatchObject({ eventId, recordedAt: '2012-03-02T09:00:00.000Z' });
  });

  it('skips blank lines, reads a last line without newline, tolerates CRLF and a byte-order mark', async () => {
    const store = openMemoryStore();
    const text = `\uFEFF${JSON.stringify(start('h-1', '2014-01-01'))}\r\n\r\n   \n\t\n${JSON.stringify(werk('h-1', '2014-06-01'))}`;
    const result = await importText(store, text);
    expect(result).toMatchObject({ lines: 5, blank: 3, accepted: 2, refused: 0, bytes: Buffer.byteLength(text) });
  });

  it('an empty input imports nothing', async () => {
    const store = openMemoryStore();
    expect(await importText(store, '')).toMatchObject({ lines: 0, bytes: 0, accepted: 0, refused: 0 });
  });

  it('refuses a line over the byte limit by number and size, and reads on', async () => {
    const store = openMemoryStore();
    const long = JSON.stringify({ ...start('h-2', '2014-01-01'), regeling: 'x'.repeat(500) });
    const result = await importText(store, lines(start('h-1', '2014-01-01'), long, werk('h-1', '2014-06-01')), {
      maxLineBytes: 200,
    });
    expect(result).toMatchObject({ accepted: 2, refused: 1 });
    expect(result.refusals[0]).toMatchObject({ line: 2, code: 'TE_LANG' });
    expect(result.refusals[0]?.bericht).toBe(
      `regel 2: ${Buffer.byteLength(long)} bytes, langer dan de grens van 200 bytes; niet gelezen`,
    );
  });

  it('keeps the first refusals, counts the rest, and hands every one to onRefusal in line order', async () => {
    const store = openMemoryStore();
    const seen: LineRefusal[] = [];
    const result = await importText(
      store,
      lines('x', 'y', start('h-1', '2014-01-01'), start('h-1', '2014-01-02'), 'z', '1'),
      {
        maxRefusals: 2,
        onRefusal: (r) => seen.push(r),
        chunkSize: 1,
      },
    );
    expect(result.refused).toBe(5);
    expect(result.refusals.map((r) => r.line)).toEqual([1, 2]);
    expect(result.refusalsOmitted).toBe(3);
    expect(seen.map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
  });

  it('reports progress after each chunk, up to every line and byte', async () => {
    const store = openMemoryStore();
    const text = `${lines(...Array.from({ length: 10 }, (_, i) => start(`h-${i}`, '2014-01-01')))}\n`;
    const progress: { lines: number; bytes: number }[] = [];
    await importText(store, text, {
      chunkSize: 3,
      onProgress: (p) => progress.push({ lines: p.lines, bytes: p.bytes }),
    });
    expect(progress.map((p) => p.lines)).toEqual([3, 6, 9, 10]);
    expect(progress[progress.length - 1]?.bytes).toBe(Buffer.byteLength(text));
  });
});

describe('NDJSON lines', () => {
  it('splits across chunk borders, strips CR, numbers lines and counts bytes', async () => {
    const found = [];
    for await (const line of readLines(pieces('ab\r\ncd\n\nef', 3), 10)) {
      found.push(line.kind === 'line' ? [line.number, line.bytes.toString(), line.offset] : [line.number, 'te lang']);
    }
    expect(found).toEqual([
      [1, 'ab', 4],
      [2, 'cd', 7],
      [3, '', 8],
      [4, 'ef', 10],
    ]);
  });

  it('does not hold a line over the limit: a 256 MB line passes in bounded memory', async () => {
    const piece = Buffer.alloc(1024 * 1024, 0x61);
    async function* huge(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"a":1}\n');
      for (let i = 0; i < 256; i++) yield piece;
      yield Buffer.from('\n{"b":2}');
    }
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const found = [];
    for await (const line of readLines(huge(), 1024 * 1024)) {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      found.push(line.kind === 'line' ? line.bytes.toString() : line.length);
    }
    expect(found).toEqual(['{"a":1}', 256 * 1024 * 1024, '{"b":2}']);
    expect(peak - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('gives a piece of many lines in bounded batches, every line once and in order', async () => {
    // A whole file as one Buffer: 10,001 lines, the last without a newline.
    const text = Array.from({ length: 10_001 }, (_, i) => `r${i}`).join('\n');
    const sizes: number[] = [];
    const found: string[] = [];
    for await (const batch of readLineBatches(pieces(text, text.length), 100)) {
      sizes.push(batch.length);
      for (const line of batch) found.push(line.kind === 'line' ? line.bytes.toString() : 'te lang');
    }
    expect(sizes).toEqual([4096, 4096, 1808, 1]);
    expect(found).toEqual(text.split('\n'));
  });
});

describe('NDJSON export', () => {
  it('writes what import reads, in recorded order, canonical keys, eventId and recordedAt; byte-stable', async () => {
    const store = openMemoryStore({ now: () => Date.UTC(2015, 0, 2, 3, 4, 5, 6) });
    await importText(
      store,
      lines(
        { datum: '2014-01-01', huishouden: 'h-1', type: 'UitkeringGestart', regeling: 'IOAW' },
        { bedragCent: 5, bron: 'onderneming', maand: '2014-02', huishouden: 'h-1', type: 'InkomstenOntvangen' },
      ),
    );
    const text = await exportText(store);
    const rows = text.trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    expect(Object.keys(JSON.parse(rows[0] ?? '{}'))).toEqual([
      'type',
      'huishouden',
      'datum',
      'regeling',
      'eventId',
      'recordedAt',
    ]);
    expect(Object.keys(JSON.parse(rows[1] ?? '{}'))).toEqual([
      'type',
      'huishouden',
      'maand',
      'bron',
      'bedragCent',
      'eventId',
      'recordedAt',
    ]);
    expect(JSON.parse(rows[1] ?? '{}').recordedAt).toBe('2015-01-02T03:04:05.006Z');
    expect(await exportText(store)).toBe(text);

    const copy = openMemoryStore();
    expect(await importText(copy, text)).toMatchObject({ accepted: 2, refused: 0 });
    expect(await exportText(copy)).toBe(text);
    expect(await importText(copy, text)).toMatchObject({ accepted: 0, alreadyStored: 2 });
  });
});
