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
import { idVan, inhoudVan } from './identiteit.js';

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
  /** The file line of each new fact (for a refusal). */
  readonly regelVan: ReadonlyMap<EventId, number>;
}

const inScope = (feit: Feit, metInkomsten: boolean): boolean => metInkomsten || feit.type !== 'InkomstenOntvangen';

export const verzoen = (
  opties: VerzoeningOpties,
  stored: readonly Recorded[],
  afgeleid: readonly Afgeleid[],
): Verzoening => {
  const { bron, recordedAt, reden, metInkomsten } = opties;
  const retracted = new Set<string>();
  const byContent = new Map<string, Recorded[]>();
  for (const feit of stored) {
    if (feit.type === 'GebeurtenisIngetrokken') {
      retracted.add(feit.ingetrokken);
      continue;
    }
    if (!inScope(feit, metInkomsten)) continue;
    const inhoud = inhoudVan(feit);
    if (inhoud === undefined) continue;
    const list = byContent.get(inhoud);
    if (list === undefined) byContent.set(inhoud, [feit]);
    else list.push(feit);
  }
  // The source's facts, and per content the next free id (k).
  const ours = new Map<string, string>();
  const nextK = new Map<string, number>();
  for (const [inhoud, feiten] of byContent) {
    let k = 0;
    for (;;) {
      const id = idVan(bron, inhoud, k);
      if (!feiten.some((f) => f.eventId === id)) break;
      ours.set(id, inhoud);
      k++;
    }
    nextK.set(inhoud, k);
  }

  const derived = afgeleid
    .filter((a) => inScope(a.feit, metInkomsten))
    .map((a) => ({ ...a, inhoud: inhoudVan(a.feit) ?? '' }));
  const wanted = new Set(derived.map((d) => d.inhoud));

  // Unretracted facts of the source that are still derived, per day in recorded order.
  const current = stored.filter((f) => ours.has(f.eventId) && !retracted.has(f.eventId));
  const kept = new Set<string>();
  const keptByDay = new Map<string, string[]>();
  for (const feit of current) {
    const inhoud = ours.get(feit.eventId) as string;
    if (!wanted.has(inhoud)) continue;
    const day = datumOf(feit);
    if (day === undefined) {
      kept.add(inhoud);
      continue;
    }
    const list = keptByDay.get(day);
    if (list === undefined) keptByDay.set(day, [inhoud]);
    else list.push(inhoud);
  }
  const derivedByDay = new Map<string, string[]>();
  for (const d of derived) {
    const day = datumOf(d.feit);
    if (day === undefined) continue;
    const list = derivedByDay.get(day);
    if (list === undefined) derivedByDay.set(day, [d.inhoud]);
    else list.push(d.inhoud);
  }
  for (const [day, inhouden] of keptByDay) {
    const order = derivedByDay.get(day) ?? [];
    for (let i = 0; i < inhouden.length && inhouden[i] === order[i]; i++) kept.add(inhouden[i] as string);
  }

  const batch: Identified[] = [];
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
    ingetrokken++;
  }
  const regelVan = new Map<EventId, number>();
  let nieuw = 0;
  for (const d of derived) {
    if (kept.has(d.inhoud)) continue;
    const k = nextK.get(d.inhoud) ?? 0;
    nextK.set(d.inhoud, k + 1);
    const eventId = idVan(bron, d.inhoud, k);
    batch.push({ ...d.feit, eventId, recordedAt });
    regelVan.set(eventId, d.line);
    nieuw++;
  }
  return { batch, ingetrokken, nieuw, regelVan };
};
