// Generated valid histories for the round-trip, fault and measurement runs: samples of the
// domain's `geldigeGeschiedenis`, with households never repeated across samples, each fact kept
// only when the decider accepts it after the ones kept before (so the file stays valid line by
// line whatever the generator's edge cases). Deterministic for a seed.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import fc from 'fast-check';
import { decide, encode, type Recorded, streamNameOf } from '../../packages/domain/src/index.js';
import { geldigeGeschiedenis } from '../../packages/domain/src/testing/index.js';

export interface HistoryFileOptions {
  /**
   * Every n-th line is written without eventId and recordedAt (the importer derives the id, the
   * store sets the time); facts that a retraction names always keep theirs. 0: none (default).
   */
  readonly bareEvery?: number;
}

/** `count` facts of distinct households, in recorded order. */
export function* generatedHistory(count: number, seed: number): Generator<Recorded> {
  const households = new Set<string>();
  let produced = 0;
  for (let round = 0; produced < count; round++) {
    const samples = fc.sample(geldigeGeschiedenis({ huishoudens: { min: 4, max: 8 } }), {
      seed: seed + round,
      numRuns: 200,
    });
    for (const sample of samples) {
      // Streams (of households, and of employers: MEETREGELS §7.1) are never repeated.
      if (sample.some((f) => households.has(streamNameOf(f)))) continue;
      for (const f of sample) households.add(streamNameOf(f));
      const kept = new Map<string, Recorded[]>();
      for (const f of sample) {
        if (produced >= count) return;
        const history = kept.get(streamNameOf(f)) ?? [];
        const verdict = decide(history, [f]);
        if (verdict._tag === 'Left' || verdict.right.length !== 1) continue;
        kept.set(streamNameOf(f), [...history, f]);
        produced++;
        yield f;
      }
    }
  }
}

/** Writes `count` generated facts as NDJSON to `path`; returns the number of lines. */
export const writeHistoryFile = async (
  path: string,
  count: number,
  seed: number,
  options: HistoryFileOptions = {},
): Promise<number> => {
  const out = createWriteStream(path);
  const bareEvery = options.bareEvery ?? 0;
  const retracted = new Set<string>();
  let pending: string[] = [];
  let n = 0;
  const flush = async (): Promise<void> => {
    if (!out.write(pending.join(''))) await once(out, 'drain');
    pending = [];
  };
  // A first pass finds the facts a retraction names: those keep their eventId.
  for (const f of generatedHistory(count, seed)) if (f.type === 'GebeurtenisIngetrokken') retracted.add(f.ingetrokken);
  for (const f of generatedHistory(count, seed)) {
    n++;
    const bare = bareEvery > 0 && n % bareEvery === 0 && !retracted.has(f.eventId);
    const { eventId: _id, recordedAt: _at, ...fields } = encode(f);
    pending.push(`${JSON.stringify(bare ? fields : encode(f))}\n`);
    if (pending.length >= 1000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return n;
};
