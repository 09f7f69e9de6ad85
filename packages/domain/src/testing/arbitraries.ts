// fast-check arbitraries for property tests on the measurement rules (issue 2, point 6).
// A history is built from a plan of small numbers, interpreted through the lifecycle table, so
// every shrink of the plan is still a valid history: the decider accepts it fact by fact.
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import {
  addMonths,
  dayOf,
  firstDayOfMonth,
  isoDateOf,
  isoMonthOf,
  lastDayOfMonth,
  monthIndexOfDay,
} from '../calendar.js';
import { decide } from '../decider.js';
import type {
  Feit,
  Identified,
  LevensloopFeit,
  Minimaregeling,
  PlaatsingSoort,
  Recorded,
  SchuldhulpResultaat,
  Toelichting,
  TrajectResultaat,
  TrajectSoort,
} from '../events.js';
import { formatInstant } from '../instant.js';
import { STATE_BIJSTAND, STATE_NOOIT, STATE_WW, step, TRANSITION_LOOPT_DOOR, transitionOf } from '../lifecycle.js';
import type {
  BedragCent,
  Datum,
  EventId,
  HuishoudenId,
  Maand,
  RecordedAt,
  TrajectId,
  Trede,
  WerkgeverId,
} from '../values.js';
import { containsBsn } from '../values.js';

const REDENEN = ['verhuizing', 'overlijden', 'andere-uitkering', 'detentie', 'partner-inkomen', 'overig'] as const;

// MEETREGELS §7.1: a few values of each kind.
const SOORTEN = ['Workfast', 'VAK', 'Pauropus', 'Meedoen'] as const;
const TRAJECT_RESULTATEN: readonly TrajectResultaat[] = ['werk', 'opleiding', 'ingetrokken', 'voltooid', 'uitgevallen'];
const SCHULD_RESULTATEN: readonly SchuldhulpResultaat[] = [
  'minnelijk-geslaagd',
  'minnelijk-mislukt',
  'wsnp',
  'uitgevallen',
  'overig',
];
const PLAATSINGEN: readonly PlaatsingSoort[] = ['sroi', 'afspraakbaan', 'beschut-nieuw', 'banenplan'];
const MINIMAREGELINGEN = ['Individuele inkomenstoeslag', 'Bijzondere bijstand', 'Kindpakket'] as const;

/** A deterministic UUID (v4 layout) from a text: stable ids make failing cases reproducible. */
export const uuidFrom = (text: string): EventId => {
  const words: number[] = [];
  for (let round = 0; round < 4; round++) {
    let h = (0x811c9dc5 ^ (round * 0x9e3779b9)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    words.push(h);
  }
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}` as EventId;
};

export interface HistoryOptions {
  /** First possible `datum` (default 2010-01-01). */
  readonly van?: string;
  /** Last possible `datum` (default 2017-12-31). */
  readonly tot?: string;
  /** Most lifecycle facts per household (default 10). */
  readonly maxLevensloop?: number;
  /** Add late registrations (a fact recorded after facts with a later datum); default true. */
  readonly laat?: boolean;
  /** Add retractions; default true. */
  readonly intrekkingen?: boolean;
  /**
   * Add the facts of MEETREGELS §7.1 (assessments, trajectories with and without an end, debt
   * trajectories, placements, in beeld, minima); default true.
   */
  readonly paragraaf7?: boolean;
}

const stepPlan = fc.record({
  // Mostly short gaps, same-date facts included, sometimes a long one.
  gap: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 250 }), fc.integer({ min: 150, max: 900 })),
  choice: fc.nat(),
  incomes: fc.array(
    fc.record({
      offset: fc.nat({ max: 14 }),
      loondienst: fc.boolean(),
      bedrag: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 100_000_000 })),
    }),
    { maxLength: 4 },
  ),
});

const plan = (maxSteps: number) =>
  fc.record({
    startOffset: fc.nat({ max: 1500 }),
    steps: fc.array(stepPlan, { minLength: 1, maxLength: maxSteps }),
    moves: fc.array(fc.record({ from: fc.nat(), by: fc.integer({ min: 1, max: 6 }) }), { maxLength: 3 }),
    retractions: fc.array(fc.nat(), { maxLength: 2 }),
    recordDelayHours: fc.array(fc.integer({ min: 0, max: 24 * 40 }), { minLength: 1, maxLength: 5 }),
    paragraaf7: fc.array(
      fc.record({
        // Days after the household's first fact: before it, around it and years later.
        offset: fc.oneof(fc.integer({ min: -200, max: 400 }), fc.integer({ min: -30, max: 2000 })),
        choice: fc.nat(),
        waarde: fc.nat(),
        // A trajectory's length: the same day, a few days, or months; none when it does not end.
        duur: fc.option(fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 500 })), {
          freq: 4,
        }),
      }),
      { maxLength: 7 },
    ),
  });

type Plan = ReturnType<typeof plan> extends fc.Arbitrary<infer P> ? P : never;

const lifecycleFact = (
  huishouden: HuishoudenId,
  state: number,
  choice: number,
  datum: Datum,
): LevensloopFeit | undefined => {
  const options: LevensloopFeit[] = [];
  if (state !== STATE_BIJSTAND)
    options.push({ type: 'UitkeringGestart', huishouden, datum, regeling: 'Participatiewet' });
  if (state !== STATE_BIJSTAND && state !== STATE_NOOIT)
    options.push({ type: 'Teruggevallen', huishouden, datum, op: 'WWB' });
  if (state !== STATE_BIJSTAND && state !== STATE_NOOIT && state !== STATE_WW) {
    options.push({ type: 'Teruggevallen', huishouden, datum, op: 'WW' });
  }
  if (state === STATE_BIJSTAND) {
    options.push(
      { type: 'InLoondienstGetreden', huishouden, datum, uitkering: 'beeindigd' },
      { type: 'InLoondienstGetreden', huishouden, datum, uitkering: 'beeindigd' },
      { type: 'EigenOndernemingGestart', huishouden, datum, uitkering: 'beeindigd' },
      { type: 'OpleidingGestart', huishouden, datum },
      { type: 'UitkeringBeeindigd', huishouden, datum, reden: REDENEN[choice % REDENEN.length] ?? 'overig' },
      { type: 'InLoondienstGetreden', huishouden, datum, uitkering: 'loopt-door' },
      { type: 'EigenOndernemingGestart', huishouden, datum, uitkering: 'loopt-door' },
    );
  }
  return options[choice % options.length];
};

interface Planned {
  readonly feit: Feit;
  /** The day from which the fact can be known: its datum, or for income the start of its month's bijstand. */
  readonly knownFrom: number;
}

const accepts = (sequence: readonly Identified[]): boolean => {
  for (let i = 0; i < sequence.length; i++) {
    const result = decide(sequence.slice(0, i), [sequence[i] as Identified]);
    if (!isRight(result) || result.right.length !== 1) return false;
  }
  return true;
};

const build = (huishouden: HuishoudenId, p: Plan, options: HistoryOptions): Recorded[] => {
  const first = dayOf(options.van ?? '2010-01-01');
  const last = dayOf(options.tot ?? '2017-12-31');
  const planned: Planned[] = [];
  let state = STATE_NOOIT;
  let day = first + (p.startOffset % Math.max(1, Math.floor((last - first) / 2)));
  const spells: { start: number; end: number; incomes: Plan['steps'][number]['incomes'] }[] = [];
  for (const s of p.steps) {
    day += state === STATE_NOOIT ? 0 : s.gap;
    if (day > last) break;
    const datum = isoDateOf(day) as Datum;
    const feit = lifecycleFact(huishouden, state, s.choice, datum);
    if (feit === undefined) break;
    const transition = transitionOf(feit);
    const next = step(state, transition);
    if (next < 0) break;
    planned.push({ feit, knownFrom: day });
    if (state !== STATE_BIJSTAND && next === STATE_BIJSTAND)
      spells.push({ start: day, end: Number.POSITIVE_INFINITY, incomes: [...s.incomes] });
    if (state === STATE_BIJSTAND && next !== STATE_BIJSTAND) {
      const open = spells[spells.length - 1];
      if (open !== undefined) open.end = day;
    }
    if (transition === TRANSITION_LOOPT_DOOR) spells[spells.length - 1]?.incomes.push(...s.incomes);
    state = next;
  }
  for (const spell of spells) {
    if (spell.end <= spell.start) continue; // [d, d): no day of bijstand, so no income
    const startMonth = monthIndexOfDay(spell.start);
    for (const income of spell.incomes) {
      const month = startMonth + income.offset;
      const monthFirst = firstDayOfMonth(month);
      if (monthFirst >= spell.end || monthFirst > last || lastDayOfMonth(month) < spell.start) continue;
      planned.push({
        feit: {
          type: 'InkomstenOntvangen',
          huishouden,
          maand: isoMonthOf(month) as Maand,
          bron: income.loondienst ? 'loondienst' : 'onderneming',
          bedragCent: income.bedrag as BedragCent,
        },
        knownFrom: Math.max(monthFirst, spell.start),
      });
    }
  }
  if (options.paragraaf7 !== false) {
    const anchor = planned[0]?.knownFrom ?? first;
    p.paragraaf7.forEach((step, k) => {
      const day = anchor + step.offset;
      if (day < first || day > last) return;
      const datum = isoDateOf(day) as Datum;
      const plan7 = (feit: Feit, on = day): void => {
        planned.push({ feit, knownFrom: on });
      };
      const end = step.duur === null || day + step.duur > last ? undefined : day + step.duur;
      const trajectId = `t-${k}` as TrajectId;
      switch (step.choice % 8) {
        case 0:
        case 1:
          plan7({ type: 'ParticipatieTredeVastgesteld', huishouden, datum, trede: (1 + (step.waarde % 6)) as Trede });
          break;
        case 2:
        case 3: {
          const soort = SOORTEN[step.waarde % SOORTEN.length] as TrajectSoort;
          plan7({ type: 'TrajectGestart', huishouden, datum, trajectId, soort });
          if (end !== undefined) {
            const resultaat = TRAJECT_RESULTATEN[step.waarde % TRAJECT_RESULTATEN.length] ?? 'werk';
            plan7({ type: 'TrajectBeeindigd', huishouden, datum: isoDateOf(end) as Datum, trajectId, resultaat }, end);
          }
          break;
        }
        case 4:
          plan7({ type: 'SchuldhulpGestart', huishouden, datum, trajectId });
          if (end !== undefined) {
            const resultaat = SCHULD_RESULTATEN[step.waarde % SCHULD_RESULTATEN.length] ?? 'overig';
            plan7(
              { type: 'SchuldhulpBeeindigd', huishouden, datum: isoDateOf(end) as Datum, trajectId, resultaat },
              end,
            );
          }
          break;
        case 5:
          plan7({
            type: 'Geplaatst',
            huishouden,
            datum,
            soort: PLAATSINGEN[step.waarde % PLAATSINGEN.length] ?? 'sroi',
          });
          break;
        case 6:
          plan7({ type: 'InBeeldGebracht', huishouden, datum });
          break;
        default: {
          const regeling = MINIMAREGELINGEN[step.waarde % MINIMAREGELINGEN.length] as Minimaregeling;
          plan7({ type: 'MinimaregelingToegekend', huishouden, datum, regeling });
        }
      }
    });
  }
  // Recorded order follows the day a fact could be known (stable: same-day facts keep plan order).
  const ordered = planned
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.knownFrom - b.knownFrom || a.index - b.index);
  let sequence: Identified[] = ordered.map(
    (entry, i) => ({ ...entry.feit, eventId: uuidFrom(`${huishouden}#${i}`) }) as Identified,
  );
  const knownFrom = new Map(sequence.map((feit, i) => [feit.eventId, ordered[i]?.knownFrom ?? first]));

  if (options.laat !== false) {
    for (const move of p.moves) {
      if (sequence.length < 2) break;
      const from = move.from % sequence.length;
      const to = Math.min(sequence.length - 1, from + move.by);
      const candidate = [...sequence];
      const [moved] = candidate.splice(from, 1);
      if (moved === undefined) continue;
      candidate.splice(to, 0, moved);
      if (accepts(candidate)) sequence = candidate;
    }
  }
  if (options.intrekkingen !== false) {
    for (const [n, pick] of p.retractions.entries()) {
      if (sequence.length === 0) break;
      const target = sequence[pick % sequence.length];
      if (target === undefined || target.type === 'GebeurtenisIngetrokken') continue;
      const retraction: Identified = {
        type: 'GebeurtenisIngetrokken',
        huishouden,
        ingetrokken: target.eventId,
        reden: 'registratiefout' as Toelichting,
        eventId: uuidFrom(`${huishouden}#intrekking${n}`),
      };
      const candidate = [...sequence, retraction];
      if (accepts(candidate)) {
        sequence = candidate;
        knownFrom.set(retraction.eventId, knownFrom.get(target.eventId) ?? first);
      }
    }
  }
  // recordedAt: never before the fact could be known, increasing in recorded order.
  let previous = Number.NEGATIVE_INFINITY;
  return sequence.map((feit, i) => {
    const delay = (p.recordDelayHours[i % p.recordDelayHours.length] ?? 0) * 3_600_000;
    const earliest = (knownFrom.get(feit.eventId) ?? first) * 86_400_000 + 9 * 3_600_000 + delay;
    previous = Math.max(previous + 60_000, earliest);
    return { ...feit, recordedAt: formatInstant(previous) as RecordedAt } as Recorded;
  });
};

/** A household pseudonym. */
export const huishoudenId = (): fc.Arbitrary<HuishoudenId> =>
  fc.integer({ min: 1, max: 999_999 }).map((n) => `h-${String(n).padStart(6, '0')}` as HuishoudenId);

/**
 * One household's valid history in recorded order: lifecycle facts, income in months with
 * bijstand, same-date facts, late registrations and retractions. The decider accepts every
 * fact of it, one by one, in this order.
 */
export const huishoudenGeschiedenis = (
  huishouden?: HuishoudenId,
  options: HistoryOptions = {},
): fc.Arbitrary<readonly Recorded[]> =>
  fc
    .tuple(huishouden === undefined ? huishoudenId() : fc.constant(huishouden), plan(options.maxLevensloop ?? 10))
    .map(([id, p]) => build(id, p, options));

/** An employer pseudonym (MEETREGELS §7.1); now and then one that is also a household's. */
export const werkgeverId = (): fc.Arbitrary<WerkgeverId> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 9_999 }).map((n) => `wg-${String(n).padStart(4, '0')}`) },
    { weight: 1, arbitrary: huishoudenId() },
  ) as fc.Arbitrary<WerkgeverId>;

const werkgeverPlan = fc.record({
  day: fc.nat({ max: 2_900 }),
  delayHours: fc.integer({ min: 0, max: 24 * 30 }),
  // The alliance retracted as a registration error, and maybe closed again (earlier or later).
  intrekking: fc.boolean(),
  opnieuw: fc.option(fc.integer({ min: -300, max: 400 })),
});

/**
 * One employer's valid history (MEETREGELS §7.1): an alliance, sometimes retracted and closed
 * again on another date, in recorded order with increasing recordedAt.
 */
export const werkgeverGeschiedenis = (
  werkgever?: WerkgeverId,
  options: Pick<HistoryOptions, 'van' | 'tot'> = {},
): fc.Arbitrary<readonly Recorded[]> =>
  fc.tuple(werkgever === undefined ? werkgeverId() : fc.constant(werkgever), werkgeverPlan).map(([id, p]) => {
    const first = dayOf(options.van ?? '2010-01-01');
    const last = dayOf(options.tot ?? '2017-12-31');
    const day = first + (p.day % Math.max(1, last - first + 1));
    const facts: { feit: Identified; known: number }[] = [];
    const alliance: Identified = {
      type: 'AllianceGesloten',
      werkgever: id,
      datum: isoDateOf(day) as Datum,
      eventId: uuidFrom(`werkgever/${id}#alliantie`),
    };
    facts.push({ feit: alliance, known: day });
    if (p.intrekking) {
      facts.push({
        feit: {
          type: 'GebeurtenisIngetrokken',
          werkgever: id,
          ingetrokken: alliance.eventId,
          reden: 'verkeerde werkgever' as Toelichting,
          eventId: uuidFrom(`werkgever/${id}#intrekking`),
        },
        known: day + 1,
      });
      const again = p.opnieuw === null ? undefined : day + p.opnieuw;
      if (again !== undefined && again >= first && again <= last) {
        facts.push({
          feit: {
            type: 'AllianceGesloten',
            werkgever: id,
            datum: isoDateOf(again) as Datum,
            eventId: uuidFrom(`werkgever/${id}#2`),
          },
          known: Math.max(again, day + 2),
        });
      }
    }
    let previous = Number.NEGATIVE_INFINITY;
    return facts.map(({ feit, known }) => {
      previous = Math.max(previous + 60_000, known * 86_400_000 + 9 * 3_600_000 + p.delayHours * 3_600_000);
      return { ...feit, recordedAt: formatInstant(previous) as RecordedAt } as Recorded;
    });
  });

export interface GeschiedenisOptions extends HistoryOptions {
  /** Number of households (default 1–8). */
  readonly huishoudens?: { readonly min?: number; readonly max?: number };
  /** Number of employers with an alliance (MEETREGELS §7.1; default 0–2). */
  readonly werkgevers?: { readonly min?: number; readonly max?: number };
}

/**
 * A valid history of several households and employers (§7.1), their facts interleaved; each
 * stream's facts keep their recorded order.
 */
export const geldigeGeschiedenis = (options: GeschiedenisOptions = {}): fc.Arbitrary<readonly Recorded[]> =>
  fc
    .tuple(
      fc.uniqueArray(huishoudenId(), {
        minLength: options.huishoudens?.min ?? 1,
        maxLength: options.huishoudens?.max ?? 8,
      }),
      fc.uniqueArray(werkgeverId(), {
        minLength: options.werkgevers?.min ?? 0,
        maxLength: options.werkgevers?.max ?? 2,
      }),
    )
    .chain(([ids, werkgevers]) =>
      fc.tuple(
        fc.tuple(
          ...ids.map((id) => plan(options.maxLevensloop ?? 10).map((p) => build(id, p, options))),
          ...werkgevers.map((id) => werkgeverGeschiedenis(id, options)),
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
      ),
    )
    .map(([histories, schedule]) => interleave(histories, schedule));

/** Merges per-household histories by a schedule, keeping each one's order; recordedAt made increasing. */
const interleave = (histories: readonly (readonly Recorded[])[], schedule: readonly number[]): Recorded[] => {
  const cursors = histories.map(() => 0);
  const merged: Recorded[] = [];
  let turn = 0;
  for (;;) {
    const open = histories.map((h, i) => ((cursors[i] ?? 0) < h.length ? i : -1)).filter((i) => i >= 0);
    if (open.length === 0) break;
    const pick = open[(schedule[turn % schedule.length] ?? 0) % open.length] as number;
    turn++;
    const history = histories[pick] as readonly Recorded[];
    merged.push(history[cursors[pick] ?? 0] as Recorded);
    cursors[pick] = (cursors[pick] ?? 0) + 1;
  }
  return merged;
};

/** Free text of 1–`max` characters without control characters (and, rarely, without a BSN in it). */
const vrijeTekst = (max: number): fc.Arbitrary<string> =>
  fc
    .string({ minLength: 1, maxLength: max, unit: 'grapheme-composite' })
    .filter((s) => s.length <= max && !/[\u0000-\u001f\u007f-\u009f]/.test(s) && !containsBsn(s));

/** Field-valid facts of MEETREGELS §7.1 (trajectIds from a small set, so they meet). */
const paragraaf7Feiten = (id: fc.Arbitrary<HuishoudenId>, datum: fc.Arbitrary<Datum>): fc.Arbitrary<Feit>[] => {
  const trajectId = fc.constantFrom('t-1', 't-2', 'schuld-1').map((t) => t as TrajectId);
  const soort = fc.oneof(fc.constantFrom(...SOORTEN), vrijeTekst(40)).map((s) => s as TrajectSoort);
  return [
    fc.record({
      type: fc.constant('ParticipatieTredeVastgesteld' as const),
      huishouden: id,
      datum,
      trede: fc.integer({ min: 1, max: 6 }).map((n) => n as Trede),
    }),
    fc.record({ type: fc.constant('TrajectGestart' as const), huishouden: id, datum, trajectId, soort }),
    fc.record({
      type: fc.constant('TrajectBeeindigd' as const),
      huishouden: id,
      datum,
      trajectId,
      resultaat: fc.constantFrom(...TRAJECT_RESULTATEN),
    }),
    fc.record({
      type: fc.constant('Geplaatst' as const),
      huishouden: id,
      datum,
      soort: fc.constantFrom(...PLAATSINGEN),
    }),
    fc.record({ type: fc.constant('InBeeldGebracht' as const), huishouden: id, datum }),
    fc.record({
      type: fc.constant('MinimaregelingToegekend' as const),
      huishouden: id,
      datum,
      regeling: fc.oneof(fc.constantFrom(...MINIMAREGELINGEN), vrijeTekst(60)).map((s) => s as Minimaregeling),
    }),
    fc.record({ type: fc.constant('SchuldhulpGestart' as const), huishouden: id, datum, trajectId }),
    fc.record({
      type: fc.constant('SchuldhulpBeeindigd' as const),
      huishouden: id,
      datum,
      trajectId,
      resultaat: fc.constantFrom(...SCHULD_RESULTATEN),
    }),
    fc.record({ type: fc.constant('AllianceGesloten' as const), werkgever: werkgeverId(), datum }),
    fc.record({
      type: fc.constant('GebeurtenisIngetrokken' as const),
      werkgever: werkgeverId(),
      ingetrokken: fc.uuid().map((u) => u.toLowerCase() as EventId),
      reden: fc.constant('verkeerde werkgever' as Toelichting),
    }),
  ];
};

/** Any single fact that is valid field by field (not necessarily fitting a lifecycle). */
export const willekeurigFeit = (): fc.Arbitrary<Recorded> => {
  const datum = fc.integer({ min: dayOf('1990-01-01'), max: dayOf('2100-12-31') }).map((d) => isoDateOf(d) as Datum);
  const maand = fc.integer({ min: 1990 * 12, max: 2100 * 12 + 11 }).map((m) => isoMonthOf(m) as Maand);
  const id = huishoudenId();
  const uitkering = fc.constantFrom('beeindigd' as const, 'loopt-door' as const);
  const feit: fc.Arbitrary<Feit> = fc.oneof(
    fc.record({
      type: fc.constant('UitkeringGestart' as const),
      huishouden: id,
      datum,
      regeling: fc.constantFrom('Participatiewet' as const, 'IOAW' as const, 'IOAZ' as const),
    }),
    fc.record({ type: fc.constant('UitkeringGestart' as const), huishouden: id, datum }),
    fc.record({ type: fc.constant('InLoondienstGetreden' as const), huishouden: id, datum, uitkering }),
    fc.record({ type: fc.constant('EigenOndernemingGestart' as const), huishouden: id, datum, uitkering }),
    fc.record({ type: fc.constant('OpleidingGestart' as const), huishouden: id, datum }),
    fc.record({
      type: fc.constant('UitkeringBeeindigd' as const),
      huishouden: id,
      datum,
      reden: fc.constantFrom(...REDENEN),
    }),
    fc.record({
      type: fc.constant('Teruggevallen' as const),
      huishouden: id,
      datum,
      op: fc.constantFrom('WWB' as const, 'WW' as const),
    }),
    fc.record({
      type: fc.constant('InkomstenOntvangen' as const),
      huishouden: id,
      maand,
      bron: fc.constantFrom('loondienst' as const, 'onderneming' as const),
      bedragCent: fc.integer({ min: 1, max: 100_000_000 }).map((n) => n as BedragCent),
    }),
    ...paragraaf7Feiten(id, datum),
  ) as fc.Arbitrary<Feit>;
  return fc
    .tuple(
      feit,
      fc.uuid(),
      fc.integer({ min: dayOf('1990-01-01') * 86_400_000, max: dayOf('2100-12-31') * 86_400_000 }),
    )
    .map(
      ([f, eventId, ms]) =>
        ({ ...f, eventId: eventId.toLowerCase() as EventId, recordedAt: formatInstant(ms) as RecordedAt }) as Recorded,
    );
};

/** The date six calendar months after a datum, for tests that build windows by hand. */
export const zesMaandenNa = (datum: string): string => isoDateOf(addMonths(dayOf(datum), 6));
