// MEETREGELS §2 and §7.1: the decider. A new fact is checked against its stream's whole timeline
// with the fact inserted at its `datum` (same-date facts in recorded order); it is refused when
// it, or any later fact, would break the lifecycle table or a rule of §7.1 (trajectory pairing,
// one alliance per employer). A batch is accepted whole or not at all.
import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { dayOf, firstDayOfMonth, lastDayOfMonth, monthIndexOf } from './calendar.js';
import { fieldOrder } from './decode.js';
import { datumOf, type Feit, type Identified, streamNameOf, subjectOf } from './events.js';
import { isLevensloopFeit, ruleOfStep, STATE_BIJSTAND, STATE_NOOIT, step, transitionOf } from './lifecycle.js';
import { type FeitAanduiding, type Weigering, type WeigeringCode, weigering } from './weigering.js';

export type Decide = (
  history: readonly Identified[],
  nieuw: readonly Identified[],
) => Either<Weigering, readonly Identified[]>;

export const aanduiding = (feit: Identified): FeitAanduiding => ({
  type: feit.type,
  datum: feit.type === 'InkomstenOntvangen' ? feit.maand : 'datum' in feit ? feit.datum : undefined,
  eventId: feit.eventId,
});

/** The fact's own content, without its envelope, as a comparable string. */
const contentKey = (feit: Feit): string => {
  const source = feit as Readonly<Record<string, unknown>>;
  return JSON.stringify(fieldOrder[feit.type].map((key) => source[key]));
};

interface Breach {
  readonly index: number;
  readonly code: WeigeringCode;
}

/** Checks the combined timeline; returns the first breach, or undefined when it holds. */
const firstBreach = (all: readonly Identified[], firstNew: number): Breach | undefined => {
  const indexById = new Map<string, number>();
  const retracted = new Set<number>();
  for (let i = 0; i < all.length; i++) {
    const feit = all[i] as Identified;
    if (feit.type === 'GebeurtenisIngetrokken') {
      const target = indexById.get(feit.ingetrokken);
      let code: WeigeringCode | undefined;
      if (target === undefined) code = 'INTREKKING_ONBEKEND';
      else if (all[target]?.type === 'GebeurtenisIngetrokken') code = 'INTREKKING_VAN_INTREKKING';
      else if (retracted.has(target)) code = 'INTREKKING_HERHAALD';
      if (code !== undefined) {
        if (i >= firstNew) return { index: i, code };
      } else if (target !== undefined) {
        retracted.add(target);
      }
    }
    indexById.set(feit.eventId, i);
  }

  const timeline: { readonly index: number; readonly day: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const feit = all[i] as Identified;
    if (!retracted.has(i) && isLevensloopFeit(feit)) timeline.push({ index: i, day: dayOf(feit.datum) });
  }
  // Array.prototype.sort is stable: same-date facts keep their recorded order.
  timeline.sort((a, b) => a.day - b.day);

  const spells: number[] = [];
  let state = STATE_NOOIT;
  let spellStart = 0;
  for (const { index, day } of timeline) {
    const feit = all[index] as Identified;
    if (!isLevensloopFeit(feit)) continue;
    const next = step(state, transitionOf(feit));
    if (next < 0) return { index, code: ruleOfStep(next) };
    if (state !== STATE_BIJSTAND && next === STATE_BIJSTAND) spellStart = day;
    if (state === STATE_BIJSTAND && next !== STATE_BIJSTAND) spells.push(spellStart, day);
    state = next;
  }
  if (state === STATE_BIJSTAND) spells.push(spellStart, Number.POSITIVE_INFINITY);

  for (let i = 0; i < all.length; i++) {
    const feit = all[i] as Identified;
    if (feit.type !== 'InkomstenOntvangen' || retracted.has(i)) continue;
    const month = monthIndexOf(feit.maand);
    const first = firstDayOfMonth(month);
    const last = lastDayOfMonth(month);
    let hasBijstand = false;
    for (let s = 0; s < spells.length && !hasBijstand; s += 2) {
      const spellStart = spells[s] as number;
      const spellEnd = spells[s + 1] as number;
      // A spell that starts and ends on one day, [d, d), has no day of bijstand.
      hasBijstand = spellStart < spellEnd && spellStart <= last && spellEnd > first;
    }
    if (!hasBijstand) return { index: i, code: 'INKOMSTEN_ZONDER_BIJSTAND' };
  }
  return trajectBreach(all, retracted);
};

/** The start of a trajectory of the same kind as an end (§7.1: a debt end needs a debt start). */
const matchingStart = (end: Feit['type']): Feit['type'] =>
  end === 'SchuldhulpBeeindigd' ? 'SchuldhulpGestart' : 'TrajectGestart';

/**
 * MEETREGELS §7.1, over the facts that are not retracted, in timeline order (datum, then recorded
 * order), so a late registration or a retraction is checked like the lifecycle: a trajectId is
 * used by one start of a household (trajectories and debt trajectories share the namespace); an
 * end needs a start of its kind with that id dated on or before it, and is the only end of it; an
 * employer closes one alliance. Of two facts that collide, the later one in the timeline breaks.
 * Starts are taken first, so a start recorded after an end of the same day still fits.
 */
const trajectBreach = (all: readonly Identified[], retracted: ReadonlySet<number>): Breach | undefined => {
  const timeline: { readonly index: number; readonly datum: string }[] = [];
  for (let i = 0; i < all.length; i++) {
    const feit = all[i] as Identified;
    if (retracted.has(i)) continue;
    switch (feit.type) {
      case 'TrajectGestart':
      case 'SchuldhulpGestart':
      case 'TrajectBeeindigd':
      case 'SchuldhulpBeeindigd':
      case 'AllianceGesloten':
        timeline.push({ index: i, datum: feit.datum });
    }
  }
  if (timeline.length === 0) return undefined;
  timeline.sort((a, b) => (a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : a.index - b.index));
  const starts = new Map<string, Identified>();
  let alliance = false;
  for (const { index } of timeline) {
    const feit = all[index] as Identified;
    if (feit.type === 'TrajectGestart' || feit.type === 'SchuldhulpGestart') {
      if (starts.has(feit.trajectId)) return { index, code: 'TRAJECT_ID_IN_GEBRUIK' };
      starts.set(feit.trajectId, feit);
    } else if (feit.type === 'AllianceGesloten') {
      if (alliance) return { index, code: 'ALLIANTIE_AL_GESLOTEN' };
      alliance = true;
    }
  }
  const ended = new Set<string>();
  for (const { index, datum } of timeline) {
    const feit = all[index] as Identified;
    if (feit.type !== 'TrajectBeeindigd' && feit.type !== 'SchuldhulpBeeindigd') continue;
    const start = starts.get(feit.trajectId);
    if (start === undefined || start.type !== matchingStart(feit.type) || (datumOf(start) ?? '') > datum) {
      return { index, code: 'TRAJECT_NIET_GESTART' };
    }
    if (ended.has(feit.trajectId)) return { index, code: 'TRAJECT_AL_BEEINDIGD' };
    ended.add(feit.trajectId);
  }
  return undefined;
};

/** The new fact to blame when an existing fact breaks: a retraction, else the earliest by datum. */
const culprit = (all: readonly Identified[], firstNew: number): Identified => {
  const nieuw = all.slice(firstNew);
  const retraction = nieuw.find((feit) => feit.type === 'GebeurtenisIngetrokken');
  if (retraction !== undefined) return retraction;
  let best = nieuw[0] as Identified;
  for (const feit of nieuw) {
    const datum = datumOf(feit);
    const bestDatum = datumOf(best);
    if (datum !== undefined && (bestDatum === undefined || datum < bestDatum)) best = feit;
  }
  return best;
};

/**
 * Decides a batch of new facts for one stream (a household's, or an employer's: §7.1) against its
 * history (both in recorded order).
 * Returns the facts to append: facts whose eventId is already stored with the same content are
 * left out (idempotent import); the rest are accepted whole or refused with the first rule broken.
 */
export const decide: Decide = (history, nieuw) => {
  const first = nieuw[0];
  if (first === undefined) return right([]);
  const huishouden = subjectOf(first);
  const stream = streamNameOf(first);
  for (const feit of [...history, ...nieuw]) {
    if (streamNameOf(feit) !== stream) return left(weigering('ANDER_HUISHOUDEN', huishouden, aanduiding(feit)));
  }

  const known = new Map<string, Identified>();
  for (const feit of history) known.set(feit.eventId, feit);
  const accepted: Identified[] = [];
  for (const feit of nieuw) {
    const existing = known.get(feit.eventId);
    if (existing === undefined) {
      known.set(feit.eventId, feit);
      accepted.push(feit);
    } else if (contentKey(existing) !== contentKey(feit)) {
      return left(weigering('EVENT_ID_HERGEBRUIKT', huishouden, aanduiding(feit)));
    }
  }
  if (accepted.length === 0) return right([]);

  const all = [...history, ...accepted];
  const breach = firstBreach(all, history.length);
  if (breach === undefined) return right(accepted);
  const broken = all[breach.index] as Identified;
  if (breach.index >= history.length) return left(weigering(breach.code, huishouden, aanduiding(broken)));
  return left(weigering(breach.code, huishouden, aanduiding(culprit(all, history.length)), aanduiding(broken)));
};
