// Issue 15, fuzzed CSV input for import-perioden: truncated rows, wrong types, huge fields,
// stray quotes and random bytes between valid rows, in files read in random chunks.
// - Nothing throws but a PeriodenBestandFout for a file that has no usable header.
// - Nothing valid is lost: every household whose rows are all valid is stored exactly as from
//   the file of only the valid rows (same facts, same ids); every refusal is one line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventStore,
  importPerioden,
  openMemoryStore,
  PeriodenBestandFout,
} from '../packages/adapters/src/index.js';
import type { Recorded } from '../packages/domain/src/index.js';

const stream = (bytes: Buffer, chunk: number) =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();

const validRow = fc
  .record({
    h: fc.integer({ min: 0, max: 30 }),
    begin: fc.integer({ min: 1, max: 28 }),
    maand: fc.integer({ min: 1, max: 6 }),
    eind: fc.option(fc.integer({ min: 7, max: 12 }), { nil: undefined }),
    reden: fc.constantFrom('loondienst', 'opleiding', 'overig'),
  })
  .map(({ h, begin, maand, eind, reden }) => {
    const d = String(begin).padStart(2, '0');
    const m = String(maand).padStart(2, '0');
    const e = eind === undefined ? '' : `2014-${String(eind).padStart(2, '0')}-${d}`;
    return { h: `valid-${h}`, line: `valid-${h},2014-${m}-${d},${e},${eind === undefined ? '' : reden}` };
  });

const noiseLine: fc.Arbitrary<Buffer> = fc.oneof(
  // Truncated rows of a noise household.
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 20 }))
    .map(([h, cut]) => Buffer.from(`noise-${h},2014-03-01,2014-06-01,loondienst`.slice(0, cut + 8))),
  // Wrong types.
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }))
    .map(([h, a, b]) => Buffer.from(`noise-${h},${a.replaceAll('\n', ' ')},${b.replaceAll('\n', ' ')},x`)),
  // Huge fields.
  fc.integer({ min: 60_000, max: 140_000 }).map((n) => Buffer.from(`noise-1,${'9'.repeat(n)},,`)),
  // Stray quotes.
  fc.constantFrom('"', 'noise-2,"2014-01-01', 'noise-3,2014-01-01,"', '"""', 'a"b,c').map((s) => Buffer.from(s)),
  // Random bytes (no line feed: where a line ends is chosen by the test).
  fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes.filter((b) => b !== 0x0a))),
);

const facts = async (store: EventStore): Promise<Recorded[]> => {
  const out: Recorded[] = [];
  for await (const batch of store.readAll()) for (const s of batch) out.push(s.event);
  return out;
};

const importeer = async (perioden: Buffer, chunk: number) => {
  const store = openMemoryStore();
  const meldingen: string[] = [];
  const result = await importPerioden(store, {
    bron: 'fuzz',
    peilmoment: '2015-01-31',
    perioden: { naam: 'p.csv', stream: stream(perioden, chunk) },
    onWeigering: (w) => meldingen.push(w.bericht),
  });
  return { result, meldingen, facts: await facts(store) };
};

const HEADER = 'huishouden,begindatum,einddatum,reden\n';

describe('import-perioden under fuzzed input', () => {
  it('valid rows among noise: nothing thrown, nothing valid lost, one line per refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validRow, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), noiseLine), { maxLength: 8 }),
        fc.integer({ min: 1, max: 4096 }),
        fc.boolean(),
        async (valid, noise, chunk, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const clean = Buffer.from(HEADER + valid.map((v) => v.line + eol).join(''));
          const lines: Buffer[] = valid.map((v) => Buffer.from(v.line));
          for (const [at, bytes] of noise) lines.splice(at % (lines.length + 1), 0, bytes);
          const noisy = Buffer.concat([Buffer.from(HEADER), ...lines.flatMap((l) => [l, Buffer.from(eol)])]);
          const expected = await importeer(clean, 1 << 20);
          const got = await importeer(noisy, chunk);
          for (const m of got.meldingen) expect(m).not.toMatch(/[\n\r]/);
          // Households of the valid rows that the clean file itself refuses (overlaps) stay refused.
          const byHousehold = (list: readonly Recorded[]) =>
            list.filter((f) => 'huishouden' in f && f.huishouden.startsWith('valid-'));
          expect(byHousehold(got.facts)).toEqual(byHousehold(expected.facts));
          expect(got.result.huishoudensVerzoend).toBeGreaterThanOrEqual(expected.result.huishoudensVerzoend);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('random bytes as a whole file: a result or a PeriodenBestandFout, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.concat([Buffer.from(HEADER), Buffer.from(b)])),
        ),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, chunk) => {
          try {
            const { meldingen } = await importeer(bytes, chunk);
            for (const m of meldingen) expect(m).not.toMatch(/[\n\r]/);
          } catch (error) {
            expect(error).toBeInstanceOf(PeriodenBestandFout);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
