// Issue 7, points 1 and 2: generated files of valid and bad lines through the NDJSON importer.
// - Every bad line is refused with its line number (and the field, where there is one); nothing
//   throws; no message shows personal data or spans lines.
// - Nothing valid is lost: what a file with bad lines stores, and what it refuses among its valid
//   lines, is exactly what the file of only its valid lines stores and refuses.
// - The outcome does not depend on chunking: chunk sizes 1, 7 and 5,000 give the same stored
//   facts and the same refusals (each line is decided against the history plus the lines
//   accepted before it, MEETREGELS §6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventStore,
  type ImportOptions,
  type ImportResult,
  importNdjson,
  type LineRefusal,
  openMemoryStore,
  recordFacts,
} from '../packages/adapters/src/index.js';
import { encode } from '../packages/domain/src/index.js';
import { BSNS, type FuzzFile, type FuzzLine, fileBytes, fuzzFile, pieces, reformat } from './support/ndjson-fuzz.js';
import { feit } from './support/store-contract.js';

/** Generated cases per property (reported in the issue's note). */
const IMPORT_FUZZ_RUNS = { badAndValid: 400, chunking: 250 } as const;

const NOW = Date.UTC(2020, 5, 1, 12);
/** The import's "now" (issue 17): generated recordedAts after it (up to 2100) are refused, the same in every run. */
const IMPORT_NOW = Date.UTC(2060, 0, 1);

interface Imported {
  readonly result: ImportResult;
  readonly refusals: readonly LineRefusal[];
  /** Per stream, its facts in revision order, each as its canonical JSON. */
  readonly streams: ReadonlyMap<string, readonly string[]>;
}

const contents = async (store: EventStore): Promise<Map<string, string[]>> => {
  const streams = new Map<string, string[]>();
  for await (const batch of store.readAll({ batchSize: 1000 })) {
    for (const stored of batch) {
      const list = streams.get(stored.stream) ?? [];
      expect(stored.revision).toBe(list.length);
      list.push(JSON.stringify(encode(stored.event)));
      streams.set(stored.stream, list);
    }
  }
  return streams;
};

const importBytes = async (bytes: Buffer, pieceSize: number, options: ImportOptions = {}): Promise<Imported> => {
  const store = openMemoryStore({ now: () => NOW });
  const refusals: LineRefusal[] = [];
  const result = await importNdjson(store, pieces(bytes, pieceSize), {
    now: IMPORT_NOW,
    ...options,
    maxRefusals: 1_000_000,
    onRefusal: (refusal) => refusals.push(refusal),
  });
  return { result, refusals, streams: await contents(store) };
};

/** The message without its `regel N: ` prefix. */
const withoutLine = (refusal: LineRefusal): string => refusal.bericht.replace(/^regel \d+: /, '');

const describeFile = (file: FuzzFile): string =>
  file.lines
    .map((line, i) => `${i + 1}: ${line.kind === 'bad' ? `[${line.what}]` : JSON.stringify(line.text)}`)
    .join('\n');

/** Every message: one line, the line number first, no BSN, no personal value of any bad line. */
const expectSafeMessages = (file: FuzzFile, refusals: readonly LineRefusal[]): void => {
  const secrets = file.lines.flatMap((line) => (line.kind === 'bad' ? line.secrets : []));
  for (const refusal of refusals) {
    expect(refusal.bericht).toMatch(new RegExp(`^regel ${refusal.line}: `));
    expect(refusal.bericht).not.toMatch(/[\r\n\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(refusal.bericht.length).toBeLessThan(3_000);
    for (const bsn of BSNS) expect(refusal.bericht).not.toContain(bsn);
    for (const secret of secrets) expect(refusal.bericht).not.toContain(secret);
  }
};

/** The checks of one generated file of bad and valid lines. */
const checkBadAndValid = async (file: FuzzFile, chunkSize: number, pieceSize: number): Promise<void> => {
  const mixed = await importBytes(fileBytes(file), pieceSize, { chunkSize });
  const validLines = file.lines.filter((line) => line.kind === 'valid');
  const validOnly = await importBytes(fileBytes(file, validLines), 1 + ((pieceSize * 7) % 500), { chunkSize });

  expect(mixed.result.lines).toBe(file.lines.length);
  expect(mixed.result.blank).toBe(file.lines.filter((l) => l.kind === 'blank').length);
  const byLine = new Map(mixed.refusals.map((r) => [r.line, r]));
  expect(byLine.size).toBe(mixed.refusals.length);

  // Each bad line: refused, with a code it may get and the field it must name.
  const validNumber = new Map<number, number>();
  file.lines.forEach((line: FuzzLine, i) => {
    const number = i + 1;
    const refusal = byLine.get(number);
    if (line.kind === 'bad') {
      expect(refusal, `regel ${number} (${line.what}) is niet geweigerd`).toBeDefined();
      expect(line.codes).toContain(refusal?.code);
      if (line.field !== undefined && refusal?.code === 'ONGELDIG') {
        expect(refusal.bericht).toContain(`veld ${line.field}:`);
      }
    } else if (line.kind === 'blank') {
      expect(refusal).toBeUndefined();
    } else {
      validNumber.set(number, validNumber.size + 1);
    }
  });

  // Nothing valid lost: the valid lines fare exactly as they do without the bad ones.
  const refusedValid = mixed.refusals
    .filter((r) => validNumber.has(r.line))
    .map((r) => [validNumber.get(r.line), r.code, withoutLine(r)]);
  expect(refusedValid).toEqual(validOnly.refusals.map((r) => [r.line, r.code, withoutLine(r)]));
  expect(mixed.streams).toEqual(validOnly.streams);
  expect(mixed.result.accepted).toBe(validOnly.result.accepted);
  expect(mixed.result.refused).toBe(validOnly.result.refused + file.lines.filter((l) => l.kind === 'bad').length);

  expectSafeMessages(file, mixed.refusals);
};

describe('fuzzing the NDJSON importer', () => {
  it(`bad lines are refused by line number and field, valid lines beside them are all kept (${IMPORT_FUZZ_RUNS.badAndValid} generated files)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fuzzFile(),
        fc.constantFrom(1, 2, 7, 5_000),
        fc.integer({ min: 1, max: 300 }),
        async (file, chunkSize, pieceSize) => {
          try {
            await checkBadAndValid(file, chunkSize, pieceSize);
          } catch (error) {
            // The generated lines, readable, beside the assertion that failed.
            throw new Error(`${error instanceof Error ? error.message : String(error)}\n${describeFile(file)}`);
          }
        },
      ),
      { numRuns: IMPORT_FUZZ_RUNS.badAndValid },
    );
  }, 120_000);

  it(`chunk sizes 1, 7 and 5,000 store the same facts and refuse the same lines with the same reasons (${IMPORT_FUZZ_RUNS.chunking} generated files)`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzFile({ maxLines: 60 }), fc.integer({ min: 1, max: 200 }), async (file, pieceSize) => {
        const bytes = fileBytes(file);
        const runs = await Promise.all([1, 7, 5_000].map((chunkSize) => importBytes(bytes, pieceSize, { chunkSize })));
        const [one, ...others] = runs.map((run) => ({
          streams: run.streams,
          refusals: run.refusals.map((r) => [r.line, r.code, r.bericht]),
          counts: [run.result.accepted, run.result.alreadyStored, run.result.refused, run.result.blank],
        }));
        for (const other of others) expect(other).toEqual(one);
      }),
      { numRuns: IMPORT_FUZZ_RUNS.chunking },
    );
  }, 120_000);
});

describe('fuzzing re-imports (issue 17 point 6)', () => {
  it('the same file with every line reformatted re-imports exactly as the file itself does (100 generated files)', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzFile({ bad: false }), async (file) => {
        const again = file.lines.map(
          (l): FuzzLine => (l.kind === 'valid' ? { kind: 'valid', text: reformat(l.text) } : l),
        );
        const runs = await Promise.all(
          [file.lines, again].map(async (second) => {
            const store = openMemoryStore({ now: () => NOW });
            await importNdjson(store, pieces(fileBytes(file), 97), { now: IMPORT_NOW });
            const stored = await contents(store);
            const result = await importNdjson(store, pieces(fileBytes(file, second), 31), { now: IMPORT_NOW });
            return { stored, result, after: await contents(store) };
          }),
        );
        const [same, reformatted] = runs;
        // The plain re-import only adds facts the decider refused the first time and now fit.
        expect(reformatted?.after).toEqual(same?.after);
        expect(reformatted?.result.accepted).toBe(same?.result.accepted);
        expect(reformatted?.result.alreadyStored).toBe(same?.result.alreadyStored);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

const line = (fields: Readonly<Record<string, unknown>>): string => JSON.stringify(fields);

const income = { type: 'InkomstenOntvangen', huishouden: 'h-1', maand: '2014-03', bron: 'loondienst', bedragCent: 100 };
const start = { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' };
const exit = { type: 'InLoondienstGetreden', huishouden: 'h-1', datum: '2014-06-01', uitkering: 'beeindigd' };

describe('import decides line by line, in file order (the chunking defect)', () => {
  it.each([1, 2, 7, 5_000])(
    'an income line before its UitkeringGestart is refused, whatever the chunk size (%i)',
    async (chunkSize) => {
      const bytes = Buffer.from(`${[line(income), line(start), line(exit), line(income)].join('\n')}\n`);
      const run = await importBytes(bytes, 64, { chunkSize });
      expect(run.refusals.map((r) => [r.line, r.code])).toEqual([[1, 'INKOMSTEN_ZONDER_BIJSTAND']]);
      expect(run.refusals[0]?.bericht).toBe(
        'regel 1: huishouden h-1: InkomstenOntvangen over 2014-03 geweigerd — in die maand loopt op geen enkele dag bijstand (MEETREGELS §2)',
      );
      // The second, identical income line (its own derived eventId) fits after the start.
      expect(run.streams.get('huishouden-h-1')?.map((f) => JSON.parse(f).type)).toEqual([
        'UitkeringGestart',
        'InLoondienstGetreden',
        'InkomstenOntvangen',
      ]);
    },
  );

  it('an explicit library batch keeps all-or-nothing (the default mode); per-fact mode decides in order', async () => {
    const facts = [feit(income), feit(start)];
    const batch = await recordFacts(openMemoryStore(), facts);
    expect(batch).toMatchObject({ appended: 2, refused: 0 });
    const explicit = await recordFacts(openMemoryStore(), facts, { mode: 'all-or-nothing' });
    expect(explicit).toMatchObject({ appended: 2, refused: 0 });
    const perFact = await recordFacts(openMemoryStore(), facts, { mode: 'per-fact' });
    expect(perFact).toMatchObject({ appended: 1, refused: 1 });
    expect(perFact.outcomes.map((o) => [o.status, o.indexes])).toEqual([
      ['accepted', [1]],
      ['refused', [0]],
    ]);
    // A batch that breaks a rule is refused whole in the default mode.
    const broken = await recordFacts(openMemoryStore(), [feit(start), feit({ ...start, datum: '2014-02-01' })]);
    expect(broken).toMatchObject({ appended: 0, refused: 2 });
  });
});

describe('odd files', () => {
  it('an empty file imports nothing and refuses nothing', async () => {
    const run = await importBytes(Buffer.alloc(0), 10);
    expect(run.result).toMatchObject({ lines: 0, bytes: 0, accepted: 0, refused: 0, blank: 0 });
  });

  it('a file without a final newline keeps its last line; one of only bad lines stores nothing', async () => {
    const run = await importBytes(Buffer.from(`${line(start)}\n${line(exit)}`), 5);
    expect(run.result).toMatchObject({ lines: 2, accepted: 2, refused: 0 });
    const garbage = await importBytes(Buffer.from('{"type":\n\u0000\n[1,2]\n{}'), 3);
    expect(garbage.result).toMatchObject({ lines: 4, accepted: 0, refused: 4 });
    expect(garbage.refusals.map((r) => r.code)).toEqual(['GEEN_JSON', 'GEEN_JSON', 'ONGELDIG', 'ONGELDIG']);
  });

  it('says where JSON breaks off, without repeating the line', async () => {
    const run = await importBytes(Buffer.from('{"type":"UitkeringGestart","huishouden":"geheim-9"\n{"a":1,}\n'), 100);
    expect(run.refusals.map((r) => r.bericht)).toEqual([
      'regel 1: geen geldige JSON: de regel houdt halverwege op (de regel is niet getoond)',
      'regel 2: geen geldige JSON bij teken 8 (de regel is niet getoond)',
    ]);
  });

  it('a line with thousands of unknown fields gets one short message', async () => {
    const fields: Record<string, unknown> = { ...start };
    for (let i = 0; i < 5_000; i++) fields[`veld${i}`] = `waarde${i}`;
    const run = await importBytes(Buffer.from(JSON.stringify(fields)), 4096);
    expect(run.refusals).toHaveLength(1);
    expect(run.refusals[0]?.bericht).toMatch(/; en nog 4990 andere velden$/);
    expect(run.refusals[0]?.bericht.length).toBeLessThan(2_100);
  });
});
