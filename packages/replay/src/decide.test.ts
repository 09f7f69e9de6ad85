// Issue 16: `report --from` decides a file on every core. Whatever the split into parts, it gives
// what `import` into a store and a replay of that store give: the same state (every figure, with
// and without a kennisdatum), the same counts, and the same refusals with the same line numbers
// and messages — on files dense with late registrations, retractions, re-imported lines, reused
// eventIds (across households too), lines without eventId, non-canonical lines and bad lines.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importNdjsonFile, openMemoryStore } from '@zelfredzaam/adapters';
import { dayOf, formatInstant, isoDateOf, isoMonthOf, type Recorded, type RecordedAt } from '@zelfredzaam/domain';
import { uuidFrom } from '@zelfredzaam/domain/testing';
import {
  apply,
  BronHash,
  emptyState,
  jaarrapport,
  mergeTransferable,
  type ProjectionState,
  resolveParameters,
  sha256Van,
  toTransferable,
} from '@zelfredzaam/projections';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePart } from './decide.js';
import { decideNdjsonFile, decideNdjsonFileHere } from './decide-file.js';
import { hashText } from './partition.js';

export const DECIDE_RUNS = { files: 80 } as const;

/** Each file is imported into a store and decided five ways: minutes on a busy shared machine. */
const SLOW = 300_000;

const NOW = Date.UTC(2030, 0, 1);
const now = formatInstant(NOW) as RecordedAt;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-decide-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
let fileCounter = 0;
const fileWith = async (text: string): Promise<string> => {
  const path = join(dir, `file-${fileCounter++}.ndjson`);
  await writeFile(path, text);
  return path;
};

const HOUSEHOLDS = ['h-1', 'h-2', 'h-3', 'h-4', 'h-5'];
const FIRST = dayOf('2012-01-01');

/** A fact's own fields, in a narrow window of time so facts meet. */
const fields = (): fc.Arbitrary<Record<string, unknown>> => {
  const huishouden = fc.constantFrom(...HOUSEHOLDS);
  const datum = fc.integer({ min: 0, max: 60 }).map((d) => isoDateOf(FIRST + d * 13));
  const maand = fc.integer({ min: 2012 * 12, max: 2013 * 12 + 11 }).map(isoMonthOf);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('UitkeringGestart'), huishouden, datum }) },
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant('InLoondienstGetreden'),
        huishouden,
        datum,
        uitkering: fc.constantFrom('beeindigd', 'loopt-door'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant('Teruggevallen'), huishouden, datum, op: fc.constantFrom('WWB', 'WW') }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('InkomstenOntvangen'),
        huishouden,
        maand,
        bron: fc.constantFrom('loondienst', 'onderneming'),
        bedragCent: fc.integer({ min: 1, max: 90_000 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('TrajectGestart'),
        huishouden,
        datum,
        trajectId: fc.constantFrom('t-1', 't-2'),
        soort: fc.constant('VAK'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('TrajectBeeindigd'),
        huishouden,
        datum,
        trajectId: fc.constantFrom('t-1', 't-2'),
        resultaat: fc.constant('werk'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('AllianceGesloten'), werkgever: fc.constant('wg-1'), datum }),
    },
  );
};

type Item =
  | { kind: 'feit'; fields: Record<string, unknown>; id: boolean; form: number }
  | { kind: 'kopie'; pick: number }
  | { kind: 'leen'; fields: Record<string, unknown>; pick: number }
  | { kind: 'intrekking'; pick: number; huishouden: string }
  | { kind: 'fout'; line: string };

const item: fc.Arbitrary<Item> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc
      .record({ fields: fields(), id: fc.boolean(), form: fc.nat(4) })
      .map((r) => ({ kind: 'feit' as const, ...r })),
  },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'kopie' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc.record({ fields: fields(), pick: fc.nat() }).map((r) => ({ kind: 'leen' as const, ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(), huishouden: fc.constantFrom(...HOUSEHOLDS) })
      .map((r) => ({ kind: 'intrekking' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '',
        '   ',
        'geen json',
        '{"type":"Onbekend","huishouden":"h-1"}',
        '{"type":"UitkeringGestart","huishouden":"h-1","datum":"2012-02-30"}',
        '{"type":"UitkeringGestart","huishouden":"h\\u002d2","datum":"2012-03-01"}',
        '[1,2]',
      )
      .map((line) => ({ kind: 'fout' as const, line })),
  },
);

/** The lines of a file: facts in export's form or another program's (order, instants, spacing, no eventId). */
const linesOf = (items: readonly Item[]): string[] => {
  const lines: string[] = [];
  const ids: string[] = [];
  items.forEach((it, i) => {
    const recordedAt = formatInstant(Date.UTC(2014, 0, 1) + i * 3_600_000);
    if (it.kind === 'fout') {
      lines.push(it.line);
      return;
    }
    if (it.kind === 'kopie') {
      const again = lines[it.pick % Math.max(1, lines.length)];
      if (again !== undefined) lines.push(again);
      return;
    }
    let fact: Record<string, unknown>;
    if (it.kind === 'intrekking') {
      fact = {
        type: 'GebeurtenisIngetrokken',
        huishouden: it.huishouden,
        ingetrokken: ids[it.pick % Math.max(1, ids.length)] ?? uuidFrom('nergens'),
        reden: 'fout',
        eventId: uuidFrom(`d-${i}`),
        recordedAt,
      };
    } else if (it.kind === 'leen') {
      fact = { ...it.fields, eventId: ids[it.pick % Math.max(1, ids.length)] ?? uuidFrom(`d-${i}`), recordedAt };
    } else {
      fact = { ...it.fields, ...(it.id ? { eventId: uuidFrom(`d-${i}`) } : {}), recordedAt };
      if (it.form === 1) fact.recordedAt = `${recordedAt.slice(0, 19)}Z`;
      if (it.form === 2) fact.recordedAt = `${recordedAt.slice(0, 19)}+01:00`;
      if (it.form === 3) fact = Object.fromEntries(Object.entries(fact).reverse());
    }
    if (typeof fact.eventId === 'string') ids.push(fact.eventId);
    // As some programs write it: a space after every colon and comma (no value here holds either).
    const text = JSON.stringify(fact);
    lines.push(it.kind === 'feit' && it.form === 4 ? text.replace(/":"/g, '": "').replace(/","/g, '", "') : text);
  });
  return lines;
};

const figures = (state: ProjectionState): unknown[] =>
  [2012, 2013].flatMap((jaar) =>
    [undefined, `${jaar}-07-01`].map((kennisdatum) => {
      const p = resolveParameters(kennisdatum === undefined ? { jaar } : { jaar, kennisdatum }, '2100-12-31');
      if (p._tag === 'Left') throw new Error(p.left.bericht);
      return jaarrapport(state, p.right);
    }),
  );

/** What `import` into a store and a replay of the store give (the reference). */
/** A kennisdatum amid the lines' recordedAt (2014-01-01 plus an hour a line): a digest of the facts known then. */
const KENNIS = '2014-01-02T06:30:00Z';

const viaImport = async (path: string) => {
  const store = openMemoryStore({ now: () => NOW });
  // The default chunks: report --from hashes in the order the importer records (5,000 a chunk).
  const result = await importNdjsonFile(store, path, { now: NOW });
  const state = emptyState();
  const facts: Recorded[] = [];
  for await (const batch of store.readAll({ batchSize: 100 })) {
    for (const s of batch) {
      apply(state, s.event);
      facts.push(s.event);
    }
  }
  await store.close();
  return { result, state, sha256: sha256Van(facts), sha256Kennis: sha256Van(facts, KENNIS) };
};

const refusalsOf = (list: readonly { line: number; code: string; bericht: string }[]) =>
  list.map(({ line, code, bericht }) => ({ line, code, bericht }));

describe('report --from: deciding a file in parts', () => {
  it(
    `any split into parts gives the state, counts and refusals of an import (${DECIDE_RUNS.files} files)`,
    async () => {
      // How often a file was decided household by household to the end (the rest: again in file order).
      let grouped = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(item, { minLength: 1, maxLength: 70 }),
          fc.integer({ min: 2, max: 4 }),
          async (items, parts) => {
            const path = await fileWith(`${linesOf(items).join('\n')}\n`);
            const reference = await viaImport(path);
            const hash = new BronHash([null, KENNIS]);
            const serial = decideNdjsonFileHere(path, { now, hash });
            // MEETREGELS §5 bron.sha256: the accepted facts' canonical lines, in file order, and
            // those known at a kennisdatum.
            expect(hash.sha256(null)).toBe(reference.sha256);
            expect(hash.sha256(KENNIS)).toBe(reference.sha256Kennis);
            const zonderKennis = new BronHash([null]);
            decideNdjsonFileHere(path, { now, hash: zonderKennis });
            expect(zonderKennis.sha256(null)).toBe(reference.sha256);
            expect(refusalsOf(serial.refusals)).toEqual(refusalsOf(reference.result.refusals));
            expect([serial.accepted, serial.alreadyStored, serial.refused, serial.blank, serial.lines]).toEqual([
              reference.result.accepted,
              reference.result.alreadyStored,
              reference.result.refused,
              reference.result.blank,
              reference.result.lines,
            ]);
            expect(figures(serial.state)).toEqual(figures(reference.state));
            // Household by household in windows of a few lines, and in file order: the same.
            const inFileOrder = decidePart(path, 0, 1, { now, windowBytes: 0 });
            const smallWindows = decidePart(path, 0, 1, { now, windowBytes: 400 });
            expect(inFileOrder.inFileOrder).toBe(true);
            if (!smallWindows.inFileOrder) grouped++;
            for (const other of [inFileOrder, smallWindows]) {
              expect(refusalsOf(other.refusals)).toEqual(refusalsOf(serial.refusals));
              expect([other.accepted, other.alreadyStored, other.blank]).toEqual([
                serial.accepted,
                serial.alreadyStored,
                serial.blank,
              ]);
              expect(figures(other.state)).toEqual(figures(serial.state));
            }
            // The parts, as the worker threads decide them, merged as decideNdjsonFile merges them.
            const results = Array.from({ length: parts }, (_, part) => decidePart(path, part, parts, { now }));
            if (results.some((r) => r.misrouted > 0)) return;
            const merged = emptyState();
            for (const r of results) mergeTransferable(merged, toTransferable(r.state));
            const keys = results.flatMap((r) => [...r.eventIdKeys]);
            if (new Set(keys).size !== keys.length) return; // one eventId in two parts: decided in one part
            const refusals = results.flatMap((r) => r.refusals).sort((a, b) => a.line - b.line);
            expect(refusalsOf(refusals)).toEqual(refusalsOf(serial.refusals));
            expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(serial.accepted);
            expect(figures(merged)).toEqual(figures(serial.state));
          },
        ),
        { numRuns: DECIDE_RUNS.files },
      );
      // Not only the fallback was tested: most files borrow no eventId across households.
      expect(grouped).toBeGreaterThan(DECIDE_RUNS.files / 5);
    },
    SLOW,
  );

  it('lines written with spaces after colons and commas are routed to their part: no second reading in one part', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      const huishouden = `h-${i % 9}`;
      const fact =
        i < 9
          ? { type: 'UitkeringGestart', huishouden, datum: '2012-01-02' }
          : {
              type: 'InkomstenOntvangen',
              huishouden,
              maand: isoMonthOf(2012 * 12 + (i % 12)),
              bron: 'loondienst',
              bedragCent: 100 + i,
            };
      const text = JSON.stringify({
        ...fact,
        eventId: uuidFrom(`s-${i}`),
        recordedAt: formatInstant(Date.UTC(2014, 0, 1, i)),
      });
      lines.push(text.replace(/":/g, '": ').replace(/,"/g, ', "'));
    }
    const path = await fileWith(`${lines.join('\n')}\n`);
    const parallel = await decideNdjsonFile(path, { now, workers: 2 });
    const serial = decideNdjsonFileHere(path, { now });
    expect(parallel.workers).toBe(2);
    expect(parallel.accepted).toBe(400);
    expect(refusalsOf(parallel.refusals)).toEqual(refusalsOf(serial.refusals));
    expect(figures(parallel.state)).toEqual(figures(serial.state));
  });

  it('household by household where that gives file order; in file order where a window shows it may not', async () => {
    const line = (fields: Record<string, unknown>, hour: number) =>
      JSON.stringify({ ...fields, recordedAt: formatInstant(Date.UTC(2014, 0, 1, hour)) });
    const gestart = (huishouden: string, eventId: string) => ({
      type: 'UitkeringGestart',
      huishouden,
      datum: '2012-01-02',
      eventId: uuidFrom(eventId),
    });
    const gewoon = [
      line(gestart('h-1', 'a'), 1),
      line(gestart('h-2', 'b'), 2),
      line(
        { type: 'UitkeringBeeindigd', huishouden: 'h-1', datum: '2012-05-01', reden: 'overig', eventId: uuidFrom('c') },
        3,
      ),
    ];
    // h-1 first appears before h-2, so its group comes first; but h-2's line 2 took the eventId
    // before h-1's line 3 reuses it: file order refuses line 3, not line 2.
    const geleend = [
      line(gestart('h-1', 'a'), 1),
      line(gestart('h-2', 'x'), 2),
      line(
        { type: 'UitkeringBeeindigd', huishouden: 'h-1', datum: '2012-05-01', reden: 'overig', eventId: uuidFrom('x') },
        3,
      ),
    ];
    // Line 3 names h-1 first and h-2 last (JSON keeps the last): its bytes group it under h-1,
    // before h-2's start on line 2 that it ends.
    const tweeNamen = [
      line(gestart('h-1', 'a'), 1),
      line(gestart('h-2', 'b'), 2),
      `{"type":"UitkeringBeeindigd","huishouden":"h-1","datum":"2012-05-01","reden":"overig","eventId":"${uuidFrom('c')}","huishouden":"h-2","recordedAt":"2014-01-01T03:00:00.000Z"}`,
    ];
    for (const [lines, inFileOrder] of [
      [gewoon, false],
      [geleend, true],
      [tweeNamen, true],
    ] as const) {
      const path = await fileWith(`${lines.join('\n')}\n`);
      const reference = await viaImport(path);
      const result = decidePart(path, 0, 1, { now });
      expect(refusalsOf(result.refusals)).toEqual(refusalsOf(reference.result.refusals));
      expect(result.accepted).toBe(reference.result.accepted);
      expect(figures(result.state)).toEqual(figures(reference.state));
      expect(result.inFileOrder).toBe(inFileOrder);
    }
  });

  it(
    'on worker threads: the same as in one part, also when one eventId is accepted in two parts',
    async () => {
      const items = fc.sample(fc.array(item, { minLength: 300, maxLength: 300 }), { numRuns: 1, seed: 16 })[0] ?? [];
      const lines = linesOf(items);
      // An eventId used by two households (the second is refused, whichever part it falls in).
      lines.push(
        JSON.stringify({ type: 'UitkeringGestart', huishouden: 'h-8', datum: '2012-01-01', eventId: uuidFrom('twee') }),
        JSON.stringify({ type: 'UitkeringGestart', huishouden: 'h-9', datum: '2012-01-01', eventId: uuidFrom('twee') }),
      );
      for (const text of [lines.slice(0, -2).join('\n'), lines.join('\n')]) {
        const path = await fileWith(text);
        const serial = decideNdjsonFileHere(path, { now });
        const hash = new BronHash([null, KENNIS]);
        const parallel = await decideNdjsonFile(path, { now, workers: 2, hash });
        const reference = await viaImport(path);
        expect(hash.sha256(null)).toBe(reference.sha256);
        expect(hash.sha256(KENNIS)).toBe(reference.sha256Kennis);
        expect(refusalsOf(parallel.refusals)).toEqual(refusalsOf(serial.refusals));
        expect(parallel.accepted).toBe(serial.accepted);
        expect(figures(parallel.state)).toEqual(figures(serial.state));
        expect(refusalsOf(serial.refusals)).toEqual(refusalsOf((await viaImport(path)).result.refusals));
      }
    },
    SLOW,
  );

  it(
    "keeps every line for the digest when one part's lines outgrow its share of the file",
    async () => {
      // Households that all fall in part 0 of 2: that part holds the whole file, twice what each
      // part reserves for its lines (half the file), so its room grows while it decides.
      const lines: string[] = [];
      for (let n = 0; lines.length < 12_000; n++) {
        const huishouden = `h-${n}`;
        if (hashText(huishouden) % 2 !== 0) continue;
        const recordedAt = formatInstant(Date.UTC(2014, 0, 1) + lines.length * 60_000);
        lines.push(
          JSON.stringify({
            type: 'UitkeringGestart',
            huishouden,
            datum: '2013-12-01',
            regeling: 'Participatiewet',
            recordedAt,
          }),
        );
      }
      const path = await fileWith(lines.join('\n'));
      const hash = new BronHash([null, KENNIS]);
      const parallel = await decideNdjsonFile(path, { now, workers: 2, hash });
      const reference = await viaImport(path);
      expect(parallel.accepted).toBe(lines.length);
      expect(hash.sha256(null)).toBe(reference.sha256);
      expect(hash.sha256(KENNIS)).toBe(reference.sha256Kennis);
    },
    SLOW,
  );
});
