// Issue 6: the parallel replay of an NDJSON file gives the state of a sequential replay — the same
// figures for every year, with and without a kennisdatum — and reports every bad line once, by
// its line number, whichever part it fell to.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode, type Recorded } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import {
  emptyState,
  factColumns,
  jaarrapport,
  mergeTransferable,
  type ProjectionState,
  replay,
  resolveParameters,
  toTransferable,
} from '@zelfredzaam/projections';
import { replayNdjsonFile, replayNdjsonFileHere, replayPart } from '@zelfredzaam/replay';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGeschiedenis } from '../demo/index.js';

export const REPLAY_RUNS = { parts: 150 } as const;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-replay-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCounter = 0;
const fileWith = async (text: string): Promise<string> => {
  const path = join(dir, `history-${fileCounter++}.ndjson`);
  await writeFile(path, text);
  return path;
};

const ndjson = (facts: readonly Recorded[]): string => facts.map((f) => `${JSON.stringify(encode(f))}\n`).join('');

/** Every figure of every year the facts touch, with and without a kennisdatum. */
const figures = (state: ProjectionState, facts: readonly Recorded[]): unknown[] => {
  const years = facts.flatMap((f) => {
    const when = 'datum' in f ? f.datum : 'maand' in f ? f.maand : undefined;
    return when === undefined ? [] : [Number(when.slice(0, 4))];
  });
  if (years.length === 0) return [];
  const out: unknown[] = [];
  for (let jaar = Math.min(...years); jaar <= Math.max(...years); jaar++) {
    for (const kennisdatum of [undefined, `${jaar}-07-01`]) {
      const parameters = resolveParameters(kennisdatum === undefined ? { jaar } : { jaar, kennisdatum }, '2100-12-31');
      if (parameters._tag === 'Left') throw new Error(parameters.left.bericht);
      out.push(jaarrapport(state, parameters.right));
    }
  }
  return out;
};

/** Each household's facts (when, recordedAt, eventId key) as the state holds them, in its order. */
const factsByHousehold = (state: ProjectionState): Map<string, number[][]> => {
  const t = factColumns(state);
  const out = new Map<string, number[][]>();
  let f = 0;
  t.huishoudens.forEach((id, h) => {
    const facts: number[][] = [];
    for (let k = 0; k < (t.aantallen[h] ?? 0); k++, f++) {
      // Not the kind and amount columns: they may hold numbers of interned texts (§7.1
      // soorten, trajectIds), which a merge numbers anew.
      facts.push([t.when[f] ?? -1, t.recordedAt[f] ?? -1, t.id[f] ?? -1]);
    }
    out.set(id, facts);
  });
  return out;
};

/** The parts replayed one by one in this thread and merged as the parallel replay merges them. */
const mergedParts = (path: string, parts: number): ProjectionState => {
  const state = emptyState();
  for (let part = 0; part < parts; part++)
    mergeTransferable(state, toTransferable(replayPart(path, part, parts).state));
  return state;
};

describe('parallel replay of NDJSON', () => {
  it(`any split into parts gives the figures of a sequential replay (${REPLAY_RUNS.parts} histories)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        geldigeGeschiedenis({ huishoudens: { min: 1, max: 12 } }),
        fc.integer({ min: 2, max: 5 }),
        async (facts, parts) => {
          const path = await fileWith(ndjson(facts));
          const expected = figures(replay(facts), facts);
          expect(figures(replayNdjsonFileHere(path).state, facts)).toEqual(expected);
          const results = Array.from({ length: parts }, (_, part) => replayPart(path, part, parts));
          expect(results.every((r) => r.misrouted === 0)).toBe(true);
          expect(results.reduce((n, r) => n + r.facts, 0)).toBe(facts.length);
          const merged = mergedParts(path, parts);
          expect(factsByHousehold(merged)).toEqual(factsByHousehold(replay(facts)));
          expect(figures(merged, facts)).toEqual(expected);
        },
      ),
      { numRuns: REPLAY_RUNS.parts },
    );
  });

  it('on worker threads, the demo municipality gives the figures of a sequential replay', async () => {
    const facts = [...demoGeschiedenis({ huishoudens: 300, van: 2012, tot: 2015 })];
    const path = await fileWith(ndjson(facts));
    const parallel = await replayNdjsonFile(path, { workers: 2 });
    expect(parallel.workers).toBe(2);
    expect(parallel.facts).toBe(facts.length);
    expect(parallel.refused).toBe(0);
    expect(parallel.state.households).toBe(replay(facts).households);
    expect(factsByHousehold(parallel.state)).toEqual(factsByHousehold(replay(facts)));
    expect(figures(parallel.state, facts)).toEqual(figures(replay(facts), facts));
    expect([parallel.vanJaar, parallel.totJaar]).toEqual([
      Math.min(...facts.map((f) => Number(('datum' in f ? f.datum : 'maand' in f ? f.maand : '9999').slice(0, 4)))),
      2015,
    ]);
  });

  it('reports every bad line once, by number, and folds every good line around it', async () => {
    const facts = [...demoGeschiedenis({ huishoudens: 40, van: 2014, tot: 2014 })].slice(0, 60);
    const good = facts.map((f) => JSON.stringify(encode(f)));
    const longest = Math.max(...good.map((g) => g.length));
    const lines = [
      `\uFEFF${good[0]}`,
      ...good.slice(1, 10),
      '',
      '   ',
      '{"type":"UitkeringGestart"',
      '{"type":"Onbekend","huishouden":"h-1"}',
      JSON.stringify({ ...encode(facts[10] as Recorded), datum: '2014-02-30' }),
      `${good[10]}\r`,
      JSON.stringify({ ...encode(facts[11] as Recorded), eventId: undefined }),
      'x'.repeat(longest + 100),
      ...good.slice(12),
    ];
    const path = join(dir, 'bad.ndjson');
    await writeFile(path, Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0x0a, 0xff, 0xfe, 0x0a])]));
    for (const workers of [1, 2, 3]) {
      const result = await replayNdjsonFile(path, { workers, maxLineBytes: longest + 10 });
      expect(result.lines).toBe(lines.length + 1);
      expect(result.blank).toBe(2);
      expect(result.fouten.map((f) => [f.line, f.code])).toEqual([
        [13, 'GEEN_JSON'],
        [14, 'ONGELDIG'],
        [15, 'ONGELDIG'],
        [17, 'ONGELDIG'],
        [18, 'TE_LANG'],
        [lines.length + 1, 'GEEN_UTF8'],
      ]);
      expect(result.fouten[0]?.bericht).toMatch(/^regel 13: /);
      expect(result.facts).toBe(facts.length - 1);
      expect(result.refused).toBe(6);
      const kept = facts.filter((_, i) => i !== 11);
      expect(figures(result.state, kept)).toEqual(figures(replay(kept), kept));
    }
  });

  it('a line the byte scan cannot route (an escaped pseudonym) makes it replay in one part, still equal', async () => {
    const facts = [...demoGeschiedenis({ huishoudens: 30, van: 2014, tot: 2014 })].slice(0, 80);
    const lines = facts.map((f) => JSON.stringify(encode(f)));
    // The same household, its "-" written as an escape: valid JSON, same fact.
    lines[5] = (lines[5] as string).replace(/"huishouden":"h-/, '"huishouden":"h\\u002d');
    const path = await fileWith(`${lines.join('\n')}\n`);
    const parts = [0, 1, 2].map((part) => replayPart(path, part, 3));
    const result = await replayNdjsonFile(path, { workers: 3 });
    expect(result.refused).toBe(0);
    expect(result.facts).toBe(facts.length);
    expect(figures(result.state, facts)).toEqual(figures(replay(facts), facts));
    // Either the scan routed it by chance to the right part, or the replay fell back.
    if (parts.some((p) => p.misrouted > 0)) expect(result.workers).toBe(0);
  });

  it('a part that fails fails the replay, with the part named, and no thread is left running', async () => {
    // A directory: there to be looked at, but every part's read of it fails.
    await expect(replayNdjsonFile(dir, { workers: 2 })).rejects.toThrow(/herafspelen \(deel \d van 2\): EISDIR/);
    // A file that is not there fails before any thread starts, naming it.
    await expect(replayNdjsonFile(join(dir, 'missing.ndjson'), { workers: 2 })).rejects.toThrow(/missing\.ndjson/);
  });

  it('an empty file, and a last line without a newline', async () => {
    const empty = await replayNdjsonFile(await fileWith(''), { workers: 2 });
    expect([empty.lines, empty.facts, empty.vanJaar]).toEqual([0, 0, undefined]);
    const facts = [...demoGeschiedenis({ huishoudens: 5, van: 2014, tot: 2014 })].slice(0, 5);
    const result = await replayNdjsonFile(await fileWith(facts.map((f) => JSON.stringify(encode(f))).join('\n')), {
      workers: 2,
    });
    expect([result.lines, result.facts]).toEqual([5, 5]);
  });
});
