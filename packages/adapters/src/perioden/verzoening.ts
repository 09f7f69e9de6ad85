// MEETREGELS §10, reconciliation of one household: the facts derived from the file are compared
// with the facts of the same source that the store holds unretracted; facts no longer derived
// are retracted, facts newly derived are appended, the rest is left alone. Pure.
//
// Which stored facts are the source's: those whose eventId is one of the ids their content has
// under the source name (identiteit.ts); nothing else is recorded beside the facts. Facts of
// other sources, of an NDJSON import or typed in by hand are never touched.
//
// Order on one day. Figures replay a household by `datum`, facts of one day in recorded order
// (MEETREGELS §1). Facts left alone were recorded before the ones appended now, so for every day
// the facts kept must be the first of that day's derived facts, in derivation order: when a
// correction makes a new fact precede a kept one on the same day (an end moved onto the day the
// next period begins), the kept ones after it are retracted and appended again behind it, under
// their next id. Then the household's unretracted facts of the source, in the order the figures
// read them, are exactly what the file alone would give.
import {
  datumOf,
  type EventId,
  type Feit,
  type Identified,
  type Recorded,
  type RecordedAt,
  type Toelichting,
} from '@zelfredzaam/domain';
import type { Afgeleid } from './afleiding.js';
import { idVan, inhoudVan, zelfdeInhoud } from './identiteit.js';

export interface VerzoeningOpties {
  readonly bron: string;
  readonly recordedAt: RecordedAt;
  /** The retractions' reden: "correctie bronbestand <bron> <peilmoment>". */
  readonly reden: Toelichting;
  /** Whether income is compared too (an income file was given); otherwise it is left alone. */
  readonly metInkomsten: boolean;
}

export interface Verzoening {
  /** Retractions first, then the new facts in derivation order: one batch for the decider. */
  readonly batch: readonly Identified[];
  readonly ingetrokken: number;
  readonly nieuw: number;
  /** Per fact of `batch`, the file line it comes from (-1 for a retraction); for a refusal. */
  readonly regels: readonly number[];
}

const inScope = (feit: Feit, metInkomsten: boolean): boolean => metInkomsten || feit.type !== 'InkomstenOntvangen';

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

export const verzoen = (
  opties: VerzoeningOpties,
  stored: readonly Recorded[],
  afgeleid: readonly Afgeleid[],
): Verzoening => {
  const { bron, recordedAt, reden, metInkomsten } = opties;
  // The derived facts in scope and their contents.
  const derived: Afgeleid[] = [];
  const inhouden: string[] = [];
  for (const a of afgeleid) {
    if (!inScope(a.feit, metInkomsten)) continue;
    derived.push(a);
    inhouden.push(inhoudVan(a.feit) ?? '');
  }
  const batch: Identified[] = [];
  const regels: number[] = [];

  // A household the store holds nothing of (a first import): every derived fact is new, under
  // its first id (contents derived twice take the next ones, as below).
  if (stored.length === 0) {
    const seen = new Map<string, number>();
    for (const [i, d] of derived.entries()) {
      const inhoud = inhouden[i] as string;
      const k = seen.get(inhoud) ?? 0;
      seen.set(inhoud, k + 1);
      batch.push({ ...d.feit, eventId: idVan(bron, inhoud, k), recordedAt });
      regels.push(d.line);
    }
    return { batch, ingetrokken: 0, nieuw: batch.length, regels };
  }

  // Each derived content's first id, computed once: a stored fact holding it with the same
  // content (a re-import: nearly all of them) needs neither its content written out nor a hash.
  const firstIndex = new Map<string, number>();
  const firstIds: EventId[] = [];
  const byFirstId = new Map<string, number>();
  for (const [i, inhoud] of inhouden.entries()) {
    const id = idVan(bron, inhoud, 0);
    firstIds.push(id);
    if (firstIndex.has(inhoud)) continue;
    firstIndex.set(inhoud, i);
    byFirstId.set(id, i);
  }

  const retracted = new Set<string>();
  const byContent = new Map<string, Recorded[]>();
  for (const feit of stored) {
    if (feit.type === 'GebeurtenisIngetrokken') {
      retracted.add(feit.ingetrokken);
      continue;
    }
    if (!inScope(feit, metInkomsten)) continue;
    const i = byFirstId.get(feit.eventId);
    const same = i === undefined ? undefined : derived[i];
    const inhoud =
      i !== undefined && same !== undefined && zelfdeInhoud(feit, same.feit) ? inhouden[i] : inhoudVan(feit);
    if (inhoud !== undefined) pushTo(byContent, inhoud, feit);
  }
  // The source's facts, and per content the next free id (k): the first id that no stored fact
  // of that content holds. After k matches every stored fact of the content is accounted for
  // when there are k of them, so the k-th id needs no hashing to be known free.
  const ours = new Map<string, string>();
  const nextK = new Map<string, number>();
  for (const [inhoud, feiten] of byContent) {
    let k = 0;
    while (k < feiten.length) {
      const first = k === 0 ? firstIndex.get(inhoud) : undefined;
      const id = first === undefined ? idVan(bron, inhoud, k) : (firstIds[first] as EventId);
      if (!feiten.some((f) => f.eventId === id)) break;
      ours.set(id, inhoud);
      k++;
    }
    nextK.set(inhoud, k);
  }

  const wanted = firstIndex;

  // Unretracted facts of the source that are still derived, per day in recorded order.
  const current = stored.filter((f) => ours.has(f.eventId) && !retracted.has(f.eventId));
  const kept = new Set<string>();
  const keptByDay = new Map<string, string[]>();
  for (const feit of current) {
    const inhoud = ours.get(feit.eventId) as string;
    if (!wanted.has(inhoud)) continue;
    const day = datumOf(feit);
    if (day === undefined) kept.add(inhoud);
    else pushTo(keptByDay, day, inhoud);
  }
  const derivedByDay = new Map<string, string[]>();
  for (const [i, d] of derived.entries()) {
    const day = datumOf(d.feit);
    if (day !== undefined) pushTo(derivedByDay, day, inhouden[i] as string);
  }
  for (const [day, kepts] of keptByDay) {
    const order = derivedByDay.get(day) ?? [];
    for (let i = 0; i < kepts.length && kepts[i] === order[i]; i++) kept.add(kepts[i] as string);
  }

  let ingetrokken = 0;
  for (const feit of current) {
    if (kept.has(ours.get(feit.eventId) as string)) continue;
    if (!('huishouden' in feit)) continue;
    const intrekking = {
      type: 'GebeurtenisIngetrokken' as const,
      huishouden: feit.huishouden,
      ingetrokken: feit.eventId,
      reden,
    };
    batch.push({ ...intrekking, eventId: idVan(bron, inhoudVan(intrekking) ?? '', 0), recordedAt });
    regels.push(-1);
    ingetrokken++;
  }
  let nieuw = 0;
  for (const [i, d] of derived.entries()) {
    const inhoud = inhouden[i] as string;
    if (kept.has(inhoud)) continue;
    const k = nextK.get(inhoud) ?? 0;
    nextK.set(inhoud, k + 1);
    const eventId = k === 0 ? (firstIds[firstIndex.get(inhoud) ?? i] as EventId) : idVan(bron, inhoud, k);
    batch.push({ ...d.feit, eventId, recordedAt });
    regels.push(d.line);
    nieuw++;
  }
  return { batch, ingetrokken, nieuw, regels };
};
