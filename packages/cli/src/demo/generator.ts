// The demo municipality: a deterministic simulation of a bijstand population, month by month,
// that yields facts (MEETREGELS §2) in recorded order. Memory grows with households, not with
// facts: only the facts not yet due (recorded after the month being simulated) are held.
//
// The rates follow the documents (Zwolle 2013–2015): each year about a tenth of the households
// leaves bijstand fully (mostly loondienst, some onderneming and opleiding), about a fifth of
// those falls back within six months (some via WW), about a tenth earns income of around
// € 450–500 a month beside the benefit (partial outflow, `loopt-door`), other exits (verhuizing,
// andere uitkering, …), inflow of new households, late registrations and a few retractions.
//
// MEETREGELS §7 as the documents describe it: a participation ladder (trede 1–6) assessed about
// yearly for those far from work (treden 1–3) and every two to three years for the others;
// Workfast for most new applicants (its participants find work far more often in its first
// months), VAK for the job-ready (treden 4–5; most leave for work within six months), Pauropus
// and Meedoen for those far from work (a Pauropus ends with a new assessment, often two treden
// up); a placement (SROI, afspraakbaan, banenplan) with some exits to work and beschut werk nieuw
// for some far from work; contacts 'in beeld', minima schemes, debt trajectories (about four in
// five amicable settlements succeed) and some 15–25 employers a year closing an alliance. A
// trajectory ends on the day its household leaves bijstand (werk, opleiding or ingetrokken).
import {
  type BedragCent,
  type Datum,
  daysInMonth,
  type EventId,
  firstDayOfMonth,
  type HuishoudenId,
  isoDateOf,
  isoMonthOf,
  MAX_BEDRAG_CENT,
  type Maand,
  type Minimaregeling,
  type PlaatsingSoort,
  type Recorded,
  type RecordedAt,
  type RedenBeeindiging,
  type Regeling,
  type SchuldhulpResultaat,
  type Toelichting,
  type TrajectId,
  type TrajectResultaat,
  type TrajectSoort,
  type Trede,
  type WerkgeverId,
} from '@zelfredzaam/domain';
import { createPrng, demoUuid, type Prng } from './prng.js';

export interface DemoOptions {
  /** Seed of the pseudo-random generator (an integer 0 … 4 294 967 295); default 1. */
  readonly seed?: number;
  /** Households on bijstand at the start of the first year; default 4000 (a Zwolle-sized city). */
  readonly huishoudens?: number;
  /** First simulated year; default 2011. */
  readonly van?: number;
  /** Last simulated year (facts up to its 31 December); default 2016. */
  readonly tot?: number;
}

export const DEMO_DEFAULTS = { seed: 1, huishoudens: 4000, van: 2011, tot: 2016 } as const;

/**
 * Monthly hazards of the simulation. Tuned so that the default run lands in the documents'
 * ranges (checked by rates.test.ts); documented in the README.
 */
export const DEMO_RATES = {
  /** Full outflow (loondienst, onderneming, opleiding) of a household on bijstand. */
  volledigeUitstroom: 0.0042,
  /** The same for a household that already works part-time beside its benefit. */
  volledigeUitstroomDeeltijd: 0.03,
  /** Share of full outflow per reason. */
  redenLoondienst: 0.77,
  redenOnderneming: 0.07,
  /** Other exits (verhuizing, andere uitkering, partner-inkomen, …). */
  andereUitstroom: 0.0075,
  /** Starting part-time work beside the benefit (loopt-door). */
  deeltijdStart: 0.0066,
  /** Share of part-time starts that are an own business. */
  deeltijdOnderneming: 0.04,
  /** Part-time work ending (no fact: the income reports just stop). */
  deeltijdEinde: 0.075,
  /** Fall back after a full exit, in the first six months: onto bijstand, onto WW. */
  terugvalWwbVroeg: 0.044,
  terugvalWwVroeg: 0.022,
  /** The same after six months. */
  terugvalWwbLaat: 0.006,
  terugvalWwLaat: 0.002,
  /** From WW back onto bijstand. */
  wwNaarWwb: 0.045,
  /** New households per month, as a share of the starting population. */
  instroom: 0.0132,
  /** Share of lifecycle facts recorded weeks after their datum. */
  laat: 0.04,
  /** Share of income reports entered wrongly (ten times the amount) and retracted later. */
  registratiefout: 0.005,
  /** Share of exits dated on the first of a month (benefits often end at a month's turn). */
  eersteVanDeMaand: 0.3,
  // MEETREGELS §7 (monthly, for a household on bijstand unless said otherwise).
  /** Share of new applicants that start Workfast on the day of their application. */
  workfast: 0.8,
  /** Full outflow during Workfast (its first months), and during VAK. */
  uitstroomWorkfast: 0.2,
  uitstroomVak: 0.22,
  /** A VAK start for the job-ready (treden 4–5); Pauropus and Meedoen for treden 1–3. */
  vak: 0.004,
  pauropus: 0.005,
  meedoen: 0.002,
  /** Share of exits to work with a registered placement (SROI, afspraakbaan, banenplan). */
  plaatsingBijWerk: 0.12,
  /** Beschut werk nieuw for those far from work (treden 1–2). */
  beschut: 0.002,
  /** A contact 'in beeld' (e.g. Kansen in Kaart), and one in the first months of a new spell. */
  inBeeld: 0.015,
  inBeeldNieuw: 0.4,
  /** A minima scheme granted. */
  minima: 0.01,
  /** A debt trajectory starting; share of ends that are an amicable settlement, and its success. */
  schuldhulp: 0.004,
  minnelijk: 0.72,
  minnelijkGeslaagd: 0.8,
  /** Employers closing an alliance, per month (about 20 a year). */
  allianties: 20 / 12,
} as const;

const DAY_MINUTES = 24 * 60;

// Dates and times as text, cached: formatting them was the largest cost per fact (a few hundred
// distinct days per run, repeated millions of times at national scale).
const dayTexts = new Map<number, string>();
const datum = (day: number): Datum => {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = isoDateOf(day);
    dayTexts.set(day, text);
  }
  return text as Datum;
};
const maand = (month: number): Maand => isoMonthOf(month) as Maand;
const HH_MM: readonly string[] = Array.from(
  { length: DAY_MINUTES },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);
/** recordedAt of a whole minute, in the canonical form `YYYY-MM-DDTHH:MM:00.000Z` (= formatInstant). */
const instant = (minute: number): RecordedAt => {
  const day = Math.floor(minute / DAY_MINUTES);
  return `${datum(day)}T${HH_MM[minute - day * DAY_MINUTES] ?? '00:00'}:00.000Z` as RecordedAt;
};

/** The phase of a simulated household. */
const BIJSTAND = 0;
const UIT_KWALIFICEREND = 1;
const UIT_OVERIG = 2;
const WW = 3;

interface Huishouden {
  readonly id: HuishoudenId;
  fase: number;
  /** Index in OTHER_REASONS of its last other exit. */
  reden: number;
  /** Month index of the last lifecycle fact (at most one per month). */
  laatsteMaand: number;
  /** Part-time work: 0 none, 1 loondienst, 2 onderneming. */
  deeltijd: number;
  /** The usual monthly income of the part-time work, in cents. */
  inkomenCent: number;
  /** Recorded time of its last lifecycle fact: later facts are recorded after it. */
  laatstGeregistreerd: number;
  /** MEETREGELS §7: its trede, and the month of its next assessment. */
  trede: number;
  volgendeTrede: number;
  /** Its running trajectory: 0 none, else 1 + index in SOORTEN; its start day, planned last month, id. */
  traject: number;
  trajectStart: number;
  trajectEind: number;
  trajectId: number;
  /** Trajectories and debt trajectories started so far (their ids: t-n and s-n). */
  trajecten: number;
  /** Its running debt trajectory: its start day and planned last month, −1 when none; its id. */
  schuldStart: number;
  schuldEind: number;
  schuldId: number;
}

// Facts waiting to be due are kept as small records of integers and materialised (strings and
// all) only when emitted: long-lived strings for a month of facts made the garbage collector
// the generator's main cost.
const START = 0;
const EXIT_LOONDIENST = 1;
const EXIT_ONDERNEMING = 2;
const EXIT_OPLEIDING = 3;
const EXIT_ANDERS = 4;
const TERUGVAL_WWB = 5;
const TERUGVAL_WW = 6;
const DOOR_LOONDIENST = 7;
const DOOR_ONDERNEMING = 8;
const INKOMSTEN = 9;
const INTREKKING = 10;
// MEETREGELS §7.1
const TREDE = 11;
const TRAJECT_START = 12;
const TRAJECT_EINDE = 13;
const GEPLAATST = 14;
const IN_BEELD = 15;
const MINIMA = 16;
const SCHULD_START = 17;
const SCHULD_EINDE = 18;
const ALLIANTIE = 19;
const ALLIANTIE_INTREKKING = 20;

interface Pending {
  /** Order of simulation: breaks ties of recordedAt. */
  readonly order: number;
  /** recordedAt in whole minutes since 1970 (a small integer). */
  readonly minute: number;
  readonly kind: number;
  readonly h: Huishouden;
  /** The datum as a day number; for income the month index. */
  readonly when: number;
  /** Regeling or reden as an index; for income 2 · cents + (1 for onderneming). */
  readonly value: number;
  /** Number of the fact's eventId; for a retraction, the retracted fact's number in `value`. */
  readonly id: number;
  /** A trajectory's number (its trajectId), or an employer's (its werkgever). */
  readonly extra: number;
}

const SOORTEN: readonly TrajectSoort[] = ['Workfast', 'VAK', 'Pauropus', 'Meedoen'] as TrajectSoort[];
const WORKFAST = 1;
const VAK = 2;
const PAUROPUS = 3;
const MEEDOEN = 4;
const TRAJECT_RESULTATEN: readonly TrajectResultaat[] = ['werk', 'opleiding', 'ingetrokken', 'voltooid', 'uitgevallen'];
const R_WERK = 0;
const R_OPLEIDING = 1;
const R_INGETROKKEN = 2;
const R_VOLTOOID = 3;
const R_UITGEVALLEN = 4;
const SCHULD_RESULTATEN: readonly SchuldhulpResultaat[] = [
  'minnelijk-geslaagd',
  'minnelijk-mislukt',
  'wsnp',
  'uitgevallen',
  'overig',
];
const PLAATSINGEN: readonly PlaatsingSoort[] = ['sroi', 'afspraakbaan', 'beschut-nieuw', 'banenplan'];
const MINIMAREGELINGEN: readonly Minimaregeling[] = [
  'Individuele inkomenstoeslag',
  'Bijzondere bijstand',
  'Kindpakket',
  'Collectieve zorgverzekering',
] as Minimaregeling[];

/** Cumulative shares of the treden 1–6: of the households on bijstand at the start, of new ones. */
const TREDEN_BESTAND = [0.1, 0.35, 0.6, 0.8, 0.92, 1];
const TREDEN_NIEUW = [0.05, 0.2, 0.4, 0.65, 0.85, 1];

const trajectIdOf = (n: number): TrajectId => `t-${n}` as TrajectId;
const schuldIdOf = (n: number): TrajectId => `s-${n}` as TrajectId;
const werkgeverIdOf = (n: number): WerkgeverId => `wg-${String(n).padStart(5, '0')}` as WerkgeverId;

const REGELINGEN: readonly Regeling[] = ['Participatiewet', 'IOAW', 'IOAZ'];

/** Other exit reasons with their cumulative share. */
const OTHER_REASONS: readonly { readonly reden: RedenBeeindiging; readonly cumulative: number }[] = [
  { reden: 'verhuizing', cumulative: 0.35 },
  { reden: 'andere-uitkering', cumulative: 0.6 },
  { reden: 'partner-inkomen', cumulative: 0.8 },
  { reden: 'overlijden', cumulative: 0.85 },
  { reden: 'detentie', cumulative: 0.9 },
  { reden: 'overig', cumulative: 1 },
];

/** Monthly chance of a new bijstand spell after an exit for another reason (by index above). */
const RETURN_AFTER: readonly number[] = [0, 0.004, 0.01, 0, 0.08, 0.015];

/** Households out of sight this long (months) are no longer simulated. */
const FORGET_AFTER_MONTHS = 36;

const FOUT_REDEN = 'registratiefout: bedrag tienmaal te hoog ingevoerd' as Toelichting;
const FOUT_WERKGEVER = 'registratiefout: verkeerde datum van de alliantie' as Toelichting;

const householdId = (n: number): HuishoudenId => `h-${String(n).padStart(6, '0')}` as HuishoudenId;

/** A household as it enters the simulation: only its id, phase and last income month differ. */
const freshHousehold = (id: HuishoudenId, fase: number, laatsteMaand: number): Huishouden => ({
  id,
  fase,
  reden: 0,
  laatsteMaand,
  deeltijd: 0,
  inkomenCent: 0,
  laatstGeregistreerd: 0,
  trede: 0,
  volgendeTrede: 0,
  traject: 0,
  trajectStart: 0,
  trajectEind: 0,
  trajectId: 0,
  trajecten: 0,
  schuldStart: -1,
  schuldEind: 0,
  schuldId: 0,
});

/** The facts of employers are not a household's: they carry this stand-in (its fields unused). */
const WERKGEVER: Huishouden = freshHousehold(householdId(0), UIT_OVERIG, 0);

const checkOptions = (options: DemoOptions): Required<DemoOptions> => {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const huishoudens = options.huishoudens ?? DEMO_DEFAULTS.huishoudens;
  const van = options.van ?? DEMO_DEFAULTS.van;
  const tot = options.tot ?? DEMO_DEFAULTS.tot;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed ${seed}: 0 … 4294967295`);
  if (!Number.isInteger(huishoudens) || huishoudens < 1 || huishoudens > 2_000_000) {
    throw new RangeError(`huishoudens ${huishoudens}: 1 … 2000000`);
  }
  if (!Number.isInteger(van) || !Number.isInteger(tot) || van < 2000 || tot > 2099 || tot < van) {
    throw new RangeError(`jaren ${van}–${tot}: 2000 ≤ van ≤ tot ≤ 2099`);
  }
  return { seed, huishoudens, van, tot };
};

/** The simulation: per month, the facts that became due, in recorded order, still as numbers. */
function* simulate(options: Required<DemoOptions>): Generator<readonly Pending[], void, undefined> {
  const { seed, huishoudens, van, tot } = options;
  const rng: Prng = createPrng(seed);
  const R = DEMO_RATES;
  let ids = 0;
  let order = 0;
  let nextNumber = 1;
  let werkgevers = 1;
  let pending: Pending[] = [];

  const record = (minute: number, kind: number, h: Huishouden, when: number, value: number, extra = 0): number => {
    const id = ids++;
    pending.push({ order: order++, minute, kind, h, when, value, id, extra });
    return id;
  };

  /** A time during office hours (07:00–16:00 UTC, about 08:00–17:00 in the Netherlands) on `day`, in minutes. */
  const officeMinute = (day: number): number => day * DAY_MINUTES + 7 * 60 + rng.int(0, 9 * 60 - 1);

  /** When a lifecycle fact is recorded: days (sometimes weeks) after its datum, after the household's earlier ones. */
  const lifecycleMinute = (h: Huishouden, day: number): number => {
    const delay = rng.float() < R.laat ? rng.int(21, 60) : rng.int(0, 10);
    const minute = Math.max(officeMinute(day + delay), h.laatstGeregistreerd + 1);
    h.laatstGeregistreerd = minute;
    return minute;
  };

  const lifecycle = (h: Huishouden, kind: number, day: number, value: number, extra = 0): void => {
    record(lifecycleMinute(h, day), kind, h, day, value, extra);
  };

  const newHousehold = (): Huishouden => freshHousehold(householdId(nextNumber++), BIJSTAND, -1);

  // ── MEETREGELS §7 ────────────────────────────────────────────────────────────────────
  const drawTrede = (cumulative: readonly number[]): number => {
    const u = rng.float();
    let t = 0;
    while (t < cumulative.length - 1 && u >= (cumulative[t] ?? 1)) t++;
    return t + 1;
  };

  /** An assessment on `day`; the next one in about a year when far from work, else in two to three. */
  const assess = (h: Huishouden, day: number, month: number, trede: number): void => {
    h.trede = Math.max(1, Math.min(6, trede));
    lifecycle(h, TREDE, day, h.trede);
    h.volgendeTrede = month + (h.trede <= 3 ? rng.int(11, 13) : rng.int(24, 36));
  };

  /** A trede after some months: mostly the same, sometimes a step up, now and then down. */
  const nextTrede = (trede: number): number => {
    const u = rng.float();
    return u < 0.22 ? trede + 1 : u < 0.28 ? trede + 2 : u < 0.36 ? trede - 1 : trede;
  };

  const startTraject = (h: Huishouden, soort: number, day: number, month: number, months: number): void => {
    h.traject = soort;
    h.trajectStart = day;
    h.trajectEind = month + months;
    h.trajectId = h.trajecten++;
    lifecycle(h, TRAJECT_START, day, soort - 1, h.trajectId);
  };

  /** Ends the running trajectory on `day` (never before its start) with `resultaat`. */
  const endTraject = (h: Huishouden, day: number, month: number, resultaat: number): void => {
    const end = Math.max(day, h.trajectStart);
    if (h.traject === PAUROPUS && resultaat === R_VOLTOOID) {
      // A completed Pauropus ends with a new assessment: often two treden up (trede 2 → 4).
      const u = rng.float();
      assess(h, end, month, h.trede + (u < 0.38 ? 2 : u < 0.7 ? 1 : u < 0.95 ? 0 : -1));
    }
    lifecycle(h, TRAJECT_EINDE, end, resultaat, h.trajectId);
    h.traject = 0;
  };

  /** What a trajectory's end means when its household leaves bijstand on `day` (MEETREGELS §7.1). */
  const endTrajectOnExit = (h: Huishouden, day: number, month: number, exitKind: number): void => {
    if (h.traject === 0) return;
    const resultaat =
      exitKind === EXIT_LOONDIENST || exitKind === EXIT_ONDERNEMING
        ? R_WERK
        : exitKind === EXIT_OPLEIDING
          ? R_OPLEIDING
          : h.traject === WORKFAST
            ? R_INGETROKKEN
            : R_UITGEVALLEN;
    endTraject(h, day, month, resultaat);
  };

  const endSchuld = (h: Huishouden, day: number): void => {
    const u = rng.float();
    const resultaat =
      u < R.minnelijk
        ? rng.float() < R.minnelijkGeslaagd
          ? 0
          : 1
        : u < R.minnelijk + 0.12
          ? 2
          : u < R.minnelijk + 0.22
            ? 3
            : 4;
    lifecycle(h, SCHULD_EINDE, Math.max(day, h.schuldStart), resultaat, h.schuldId);
    h.schuldStart = -1;
  };

  const drawIncome = (): number => Math.max(5_000, Math.min(150_000, Math.round(47_500 + 13_000 * rng.normal())));

  const start = (h: Huishouden, day: number, month: number): void => {
    const u = rng.float();
    lifecycle(h, START, day, u < 0.96 ? 0 : u < 0.99 ? 1 : 2);
    h.fase = BIJSTAND;
    h.laatsteMaand = month;
  };

  /** A new application (inflow or a return after another exit): most start Workfast that day. */
  const application = (h: Huishouden, day: number, month: number): void => {
    start(h, day, month);
    if (h.trede === 0) h.volgendeTrede = month + rng.int(1, 3);
    if (h.traject === 0 && rng.float() < R.workfast) startTraject(h, WORKFAST, day, month, rng.int(1, 3));
    if (rng.float() < R.inBeeldNieuw) lifecycle(h, IN_BEELD, day, 0);
  };

  /** A full exit (loondienst, onderneming or opleiding) on `day`. */
  const fullExit = (h: Huishouden, day: number, month: number): void => {
    const v = rng.float();
    const kind =
      h.deeltijd === 1 || v < R.redenLoondienst
        ? EXIT_LOONDIENST
        : v < R.redenLoondienst + R.redenOnderneming
          ? EXIT_ONDERNEMING
          : EXIT_OPLEIDING;
    lifecycle(h, kind, day, 0);
    endTrajectOnExit(h, day, month, kind);
    if (kind !== EXIT_OPLEIDING && rng.float() < R.plaatsingBijWerk) {
      const v = rng.float();
      lifecycle(h, GEPLAATST, day, v < 0.5 ? 0 : v < 0.78 ? 1 : 3);
    }
    h.fase = UIT_KWALIFICEREND;
    h.laatsteMaand = month;
    h.deeltijd = 0;
  };

  const otherExit = (h: Huishouden, day: number, month: number): void => {
    const v = rng.float();
    let reden = 0;
    while (reden < OTHER_REASONS.length - 1 && v >= (OTHER_REASONS[reden]?.cumulative ?? 1)) reden++;
    lifecycle(h, EXIT_ANDERS, day, reden);
    endTrajectOnExit(h, day, month, EXIT_ANDERS);
    h.fase = UIT_OVERIG;
    h.reden = reden;
    h.laatsteMaand = month;
    h.deeltijd = 0;
  };

  const partTimeStart = (h: Huishouden, day: number, month: number): void => {
    const onderneming = rng.float() < R.deeltijdOnderneming;
    lifecycle(h, onderneming ? DOOR_ONDERNEMING : DOOR_LOONDIENST, day, 0);
    h.deeltijd = onderneming ? 2 : 1;
    h.inkomenCent = drawIncome();
    h.laatsteMaand = month;
  };

  const fallBack = (h: Huishouden, day: number, month: number, wwb: boolean): void => {
    lifecycle(h, wwb ? TERUGVAL_WWB : TERUGVAL_WW, day, 0);
    h.fase = wwb ? BIJSTAND : WW;
    h.laatsteMaand = month;
  };

  /** The month's income, reported early in the next month (sometimes weeks late, rarely wrong). */
  const income = (h: Huishouden, month: number, nextMonthFirst: number): void => {
    const bedrag = Math.max(100, Math.round(h.inkomenCent * (0.9 + 0.2 * rng.float())));
    const late = rng.float() < R.laat;
    const natural = officeMinute(nextMonthFirst + (late ? rng.int(25, 70) : rng.int(0, 14)));
    // After the household's lifecycle facts: the spell it is income in must be known first.
    const minute = Math.max(natural, h.laatstGeregistreerd + 1);
    // The amount and the source in one integer: 2 · cents + (1 for onderneming).
    const bron = h.deeltijd === 2 ? 1 : 0;
    record(minute, INKOMSTEN, h, month, 2 * bedrag + bron);
    if (rng.float() < R.registratiefout) {
      // A second, wrong report of the same month, retracted when the error is noticed.
      const wrongMinute = minute + rng.int(1, 120);
      const wrongId = record(wrongMinute, INKOMSTEN, h, month, 2 * Math.min(MAX_BEDRAG_CENT, bedrag * 10) + bron);
      record(wrongMinute + rng.int(7, 40) * DAY_MINUTES, INTREKKING, h, month, wrongId);
    }
  };

  /** MEETREGELS §7 for a household with bijstand this month (`dayIn`: a day of the month). */
  const paragraaf7 = (h: Huishouden, month: number, dayIn: () => number): void => {
    if (month >= h.volgendeTrede && h.traject !== PAUROPUS) {
      assess(h, dayIn(), month, h.trede === 0 ? drawTrede(TREDEN_NIEUW) : nextTrede(h.trede));
    }
    if (h.traject !== 0 && month >= h.trajectEind) {
      const u = rng.float();
      const resultaat =
        h.traject === WORKFAST
          ? u < 0.45
            ? R_INGETROKKEN
            : u < 0.75
              ? R_VOLTOOID
              : R_UITGEVALLEN
          : u < (h.traject === VAK ? 0.6 : h.traject === PAUROPUS ? 0.65 : 0.7)
            ? R_VOLTOOID
            : R_UITGEVALLEN;
      endTraject(h, dayIn(), month, resultaat);
    } else if (h.traject === 0 && h.trede > 0) {
      const u = rng.float();
      if (h.trede >= 4 && h.trede <= 5) {
        if (u < R.vak) startTraject(h, VAK, dayIn(), month, 6);
      } else if (h.trede <= 3) {
        if (u < R.pauropus) {
          // Pauropus starts from an assessment of that day (its begin trede).
          const day = dayIn();
          assess(h, day, month, h.trede);
          startTraject(h, PAUROPUS, day, month, rng.int(4, 8));
        } else if (u < R.pauropus + R.meedoen) startTraject(h, MEEDOEN, dayIn(), month, rng.int(6, 12));
      }
    }
    const v = rng.float();
    if (v < R.inBeeld) lifecycle(h, IN_BEELD, dayIn(), 0);
    else if (v < R.inBeeld + R.minima) lifecycle(h, MINIMA, dayIn(), rng.int(0, MINIMAREGELINGEN.length - 1));
    else if (v < R.inBeeld + R.minima + R.schuldhulp) {
      if (h.schuldStart < 0) {
        h.schuldStart = dayIn();
        h.schuldEind = month + rng.int(6, 36);
        h.schuldId = h.trajecten++;
        lifecycle(h, SCHULD_START, h.schuldStart, 0, h.schuldId);
      }
    } else if (v < R.inBeeld + R.minima + R.schuldhulp + R.beschut && h.trede > 0 && h.trede <= 2) {
      lifecycle(h, GEPLAATST, dayIn(), 2);
    }
  };

  // The households on bijstand when the simulation starts: spells begun up to ten years earlier.
  const firstMonth = van * 12;
  const lastMonth = tot * 12 + 11;
  const firstDay = firstDayOfMonth(firstMonth);
  let active: Huishouden[] = [];
  for (let i = 0; i < huishoudens; i++) {
    const h = newHousehold();
    const u = rng.float();
    const years = u < 0.35 ? rng.float() : u < 0.6 ? 1 + 2 * rng.float() : 3 + 7 * rng.float();
    start(h, firstDay - 1 - Math.floor(years * 365), -1);
    // Its trede is assessed in the first year (and was before: the ladder's history lies back).
    h.trede = drawTrede(TREDEN_BESTAND);
    h.volgendeTrede = firstMonth + rng.int(0, 11);
    // Some already work part-time beside their benefit (the loopt-door fact lies further back).
    if (rng.float() < 0.05) {
      h.deeltijd = rng.float() < R.deeltijdOnderneming ? 2 : 1;
      h.inkomenCent = drawIncome();
    }
    active.push(h);
  }

  for (let month = firstMonth; month <= lastMonth; month++) {
    const monthFirst = firstDayOfMonth(month);
    const dim = daysInMonth(Math.floor(month / 12), (month % 12) + 1);
    const nextMonthFirst = monthFirst + dim;
    const anyDay = (): number => monthFirst + rng.int(0, dim - 1);
    const exitDay = (): number => (rng.float() < R.eersteVanDeMaand ? monthFirst : monthFirst + rng.int(1, dim - 1));
    const survivors: Huishouden[] = [];

    for (const h of active) {
      // At most one lifecycle fact per household per month keeps the timeline simple to reason about.
      const canAct = h.laatsteMaand !== month;
      let bijstandThisMonth = h.fase === BIJSTAND;
      const u = rng.float();
      if (canAct && h.fase === BIJSTAND) {
        const full =
          h.deeltijd > 0
            ? R.volledigeUitstroomDeeltijd
            : h.traject === WORKFAST
              ? R.uitstroomWorkfast
              : h.traject === VAK
                ? R.uitstroomVak
                : R.volledigeUitstroom;
        if (u < full) {
          const day = exitDay();
          fullExit(h, day, month);
          bijstandThisMonth = day > monthFirst;
        } else if (u < full + R.andereUitstroom) {
          const day = exitDay();
          otherExit(h, day, month);
          bijstandThisMonth = day > monthFirst;
        } else if (h.deeltijd === 0 && u < full + R.andereUitstroom + R.deeltijdStart) {
          partTimeStart(h, anyDay(), month);
        } else if (h.deeltijd > 0 && u < full + R.andereUitstroom + R.deeltijdEinde) {
          h.deeltijd = 0;
        }
      } else if (canAct) {
        const since = month - h.laatsteMaand;
        let wwb: number;
        let ww = 0;
        if (h.fase === UIT_KWALIFICEREND) {
          wwb = since <= 6 ? R.terugvalWwbVroeg : R.terugvalWwbLaat;
          ww = since <= 6 ? R.terugvalWwVroeg : R.terugvalWwLaat;
        } else if (h.fase === WW) {
          wwb = R.wwNaarWwb;
        } else {
          wwb = RETURN_AFTER[h.reden] ?? 0;
        }
        if (u < wwb) {
          // After another exit a return is a new application; after work or WW, a fall back.
          if (h.fase === UIT_OVERIG) application(h, anyDay(), month);
          else fallBack(h, anyDay(), month, true);
          bijstandThisMonth = true;
        } else if (u < wwb + ww) {
          fallBack(h, anyDay(), month, false);
        }
      }
      if (bijstandThisMonth && h.deeltijd > 0) income(h, month, nextMonthFirst);
      if (h.fase === BIJSTAND) paragraaf7(h, month, anyDay);
      if (h.schuldStart >= 0 && month >= h.schuldEind) endSchuld(h, anyDay());

      const forgotten = h.fase !== BIJSTAND && month - h.laatsteMaand > FORGET_AFTER_MONTHS;
      const gone = h.fase === UIT_OVERIG && RETURN_AFTER[h.reden] === 0;
      if (!forgotten && !gone) survivors.push(h);
    }

    // Inflow: new households, about a constant share of the starting population per month.
    const mean = huishoudens * R.instroom;
    const count = Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
    for (let i = 0; i < count; i++) {
      const h = newHousehold();
      application(h, anyDay(), month);
      survivors.push(h);
    }
    active = survivors;

    // Employers closing an alliance (MEETREGELS §7.1: their own streams); now and then one is
    // registered with a wrong date, retracted and registered again.
    const alliances = Math.max(0, Math.round(R.allianties + Math.sqrt(R.allianties) * rng.normal()));
    for (let i = 0; i < alliances; i++) {
      const werkgever = werkgevers++;
      const day = anyDay();
      const minute = officeMinute(day + rng.int(0, 10));
      if (rng.float() < 0.05) {
        const wrong = record(minute, ALLIANTIE, WERKGEVER, day - rng.int(1, 20), 0, werkgever);
        record(minute + rng.int(60, 600), ALLIANTIE_INTREKKING, WERKGEVER, day, wrong, werkgever);
        record(minute + 700, ALLIANTIE, WERKGEVER, day, 0, werkgever);
      } else {
        record(minute, ALLIANTIE, WERKGEVER, day, 0, werkgever);
      }
    }

    // Every fact simulated from next month on is recorded on or after its first day.
    const cutoff = month === lastMonth ? Number.POSITIVE_INFINITY : nextMonthFirst * DAY_MINUTES;
    const ready: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of pending) (p.minute < cutoff ? ready : rest).push(p);
    pending = rest;
    ready.sort((a, b) => a.minute - b.minute || a.order - b.order);
    yield ready;
  }
}

const materialise = (seed: number, p: Pending): Recorded => {
  const huishouden = p.h.id;
  const eventId = demoUuid(seed, p.id) as EventId;
  const recordedAt = instant(p.minute);
  switch (p.kind) {
    case START: {
      const regeling = REGELINGEN[p.value] ?? 'Participatiewet';
      return { type: 'UitkeringGestart', huishouden, datum: datum(p.when), regeling, eventId, recordedAt };
    }
    case EXIT_LOONDIENST:
      return {
        type: 'InLoondienstGetreden',
        huishouden,
        datum: datum(p.when),
        uitkering: 'beeindigd',
        eventId,
        recordedAt,
      };
    case EXIT_ONDERNEMING:
      return {
        type: 'EigenOndernemingGestart',
        huishouden,
        datum: datum(p.when),
        uitkering: 'beeindigd',
        eventId,
        recordedAt,
      };
    case EXIT_OPLEIDING:
      return { type: 'OpleidingGestart', huishouden, datum: datum(p.when), eventId, recordedAt };
    case EXIT_ANDERS: {
      const reden = OTHER_REASONS[p.value]?.reden ?? 'overig';
      return { type: 'UitkeringBeeindigd', huishouden, datum: datum(p.when), reden, eventId, recordedAt };
    }
    case TERUGVAL_WWB:
    case TERUGVAL_WW: {
      const op = p.kind === TERUGVAL_WWB ? 'WWB' : 'WW';
      return { type: 'Teruggevallen', huishouden, datum: datum(p.when), op, eventId, recordedAt };
    }
    case DOOR_LOONDIENST:
      return {
        type: 'InLoondienstGetreden',
        huishouden,
        datum: datum(p.when),
        uitkering: 'loopt-door',
        eventId,
        recordedAt,
      };
    case DOOR_ONDERNEMING:
      return {
        type: 'EigenOndernemingGestart',
        huishouden,
        datum: datum(p.when),
        uitkering: 'loopt-door',
        eventId,
        recordedAt,
      };
    case INKOMSTEN: {
      const bron = p.value % 2 === 1 ? 'onderneming' : 'loondienst';
      const bedragCent = Math.floor(p.value / 2) as BedragCent;
      return { type: 'InkomstenOntvangen', huishouden, maand: maand(p.when), bron, bedragCent, eventId, recordedAt };
    }
    case TREDE:
      return {
        type: 'ParticipatieTredeVastgesteld',
        huishouden,
        datum: datum(p.when),
        trede: p.value as Trede,
        eventId,
        recordedAt,
      };
    case TRAJECT_START:
      return {
        type: 'TrajectGestart',
        huishouden,
        datum: datum(p.when),
        trajectId: trajectIdOf(p.extra),
        soort: SOORTEN[p.value] ?? ('Workfast' as TrajectSoort),
        eventId,
        recordedAt,
      };
    case TRAJECT_EINDE:
      return {
        type: 'TrajectBeeindigd',
        huishouden,
        datum: datum(p.when),
        trajectId: trajectIdOf(p.extra),
        resultaat: TRAJECT_RESULTATEN[p.value] ?? 'voltooid',
        eventId,
        recordedAt,
      };
    case GEPLAATST:
      return {
        type: 'Geplaatst',
        huishouden,
        datum: datum(p.when),
        soort: PLAATSINGEN[p.value] ?? 'sroi',
        eventId,
        recordedAt,
      };
    case IN_BEELD:
      return { type: 'InBeeldGebracht', huishouden, datum: datum(p.when), eventId, recordedAt };
    case MINIMA:
      return {
        type: 'MinimaregelingToegekend',
        huishouden,
        datum: datum(p.when),
        regeling: MINIMAREGELINGEN[p.value] ?? ('Bijzondere bijstand' as Minimaregeling),
        eventId,
        recordedAt,
      };
    case SCHULD_START:
      return {
        type: 'SchuldhulpGestart',
        huishouden,
        datum: datum(p.when),
        trajectId: schuldIdOf(p.extra),
        eventId,
        recordedAt,
      };
    case SCHULD_EINDE:
      return {
        type: 'SchuldhulpBeeindigd',
        huishouden,
        datum: datum(p.when),
        trajectId: schuldIdOf(p.extra),
        resultaat: SCHULD_RESULTATEN[p.value] ?? 'overig',
        eventId,
        recordedAt,
      };
    case ALLIANTIE:
      return { type: 'AllianceGesloten', werkgever: werkgeverIdOf(p.extra), datum: datum(p.when), eventId, recordedAt };
    case ALLIANTIE_INTREKKING:
      return {
        type: 'GebeurtenisIngetrokken',
        werkgever: werkgeverIdOf(p.extra),
        ingetrokken: demoUuid(seed, p.value) as EventId,
        reden: FOUT_WERKGEVER,
        eventId,
        recordedAt,
      };
    default: {
      const ingetrokken = demoUuid(seed, p.value) as EventId;
      return { type: 'GebeurtenisIngetrokken', huishouden, ingetrokken, reden: FOUT_REDEN, eventId, recordedAt };
    }
  }
};

/** The NDJSON line of a fact straight from its numbers: the same text as ndjsonLine(materialise(p)). */
const regelVan = (seed: number, p: Pending): string => {
  const tail = `"eventId":"${demoUuid(seed, p.id)}","recordedAt":"${instant(p.minute)}"}`;
  const head = `"huishouden":"${p.h.id}",`;
  switch (p.kind) {
    case START:
      return `{"type":"UitkeringGestart",${head}"datum":"${datum(p.when)}","regeling":"${REGELINGEN[p.value] ?? 'Participatiewet'}",${tail}`;
    case EXIT_LOONDIENST:
      return `{"type":"InLoondienstGetreden",${head}"datum":"${datum(p.when)}","uitkering":"beeindigd",${tail}`;
    case EXIT_ONDERNEMING:
      return `{"type":"EigenOndernemingGestart",${head}"datum":"${datum(p.when)}","uitkering":"beeindigd",${tail}`;
    case EXIT_OPLEIDING:
      return `{"type":"OpleidingGestart",${head}"datum":"${datum(p.when)}",${tail}`;
    case EXIT_ANDERS:
      return `{"type":"UitkeringBeeindigd",${head}"datum":"${datum(p.when)}","reden":"${OTHER_REASONS[p.value]?.reden ?? 'overig'}",${tail}`;
    case TERUGVAL_WWB:
      return `{"type":"Teruggevallen",${head}"datum":"${datum(p.when)}","op":"WWB",${tail}`;
    case TERUGVAL_WW:
      return `{"type":"Teruggevallen",${head}"datum":"${datum(p.when)}","op":"WW",${tail}`;
    case DOOR_LOONDIENST:
      return `{"type":"InLoondienstGetreden",${head}"datum":"${datum(p.when)}","uitkering":"loopt-door",${tail}`;
    case DOOR_ONDERNEMING:
      return `{"type":"EigenOndernemingGestart",${head}"datum":"${datum(p.when)}","uitkering":"loopt-door",${tail}`;
    case INKOMSTEN:
      return `{"type":"InkomstenOntvangen",${head}"maand":"${maand(p.when)}","bron":"${p.value % 2 === 1 ? 'onderneming' : 'loondienst'}","bedragCent":${Math.floor(p.value / 2)},${tail}`;
    case TREDE:
      return `{"type":"ParticipatieTredeVastgesteld",${head}"datum":"${datum(p.when)}","trede":${p.value},${tail}`;
    case TRAJECT_START:
      // The soorten are fixed words without characters JSON would escape.
      return `{"type":"TrajectGestart",${head}"datum":"${datum(p.when)}","trajectId":"${trajectIdOf(p.extra)}","soort":"${SOORTEN[p.value] ?? 'Workfast'}",${tail}`;
    case TRAJECT_EINDE:
      return `{"type":"TrajectBeeindigd",${head}"datum":"${datum(p.when)}","trajectId":"${trajectIdOf(p.extra)}","resultaat":"${TRAJECT_RESULTATEN[p.value] ?? 'voltooid'}",${tail}`;
    case GEPLAATST:
      return `{"type":"Geplaatst",${head}"datum":"${datum(p.when)}","soort":"${PLAATSINGEN[p.value] ?? 'sroi'}",${tail}`;
    case IN_BEELD:
      return `{"type":"InBeeldGebracht",${head}"datum":"${datum(p.when)}",${tail}`;
    case MINIMA:
      return `{"type":"MinimaregelingToegekend",${head}"datum":"${datum(p.when)}","regeling":"${MINIMAREGELINGEN[p.value] ?? 'Bijzondere bijstand'}",${tail}`;
    case SCHULD_START:
      return `{"type":"SchuldhulpGestart",${head}"datum":"${datum(p.when)}","trajectId":"${schuldIdOf(p.extra)}",${tail}`;
    case SCHULD_EINDE:
      return `{"type":"SchuldhulpBeeindigd",${head}"datum":"${datum(p.when)}","trajectId":"${schuldIdOf(p.extra)}","resultaat":"${SCHULD_RESULTATEN[p.value] ?? 'overig'}",${tail}`;
    case ALLIANTIE:
      return `{"type":"AllianceGesloten","werkgever":"${werkgeverIdOf(p.extra)}","datum":"${datum(p.when)}",${tail}`;
    case ALLIANTIE_INTREKKING:
      return `{"type":"GebeurtenisIngetrokken","werkgever":"${werkgeverIdOf(p.extra)}","ingetrokken":"${demoUuid(seed, p.value)}","reden":${JSON.stringify(FOUT_WERKGEVER)},${tail}`;
    default:
      return `{"type":"GebeurtenisIngetrokken",${head}"ingetrokken":"${demoUuid(seed, p.value)}","reden":${JSON.stringify(FOUT_REDEN)},${tail}`;
  }
};

/**
 * The facts of a demo municipality, in recorded order (recordedAt never decreases), each with
 * a deterministic eventId. The same options give the same facts, byte for byte, on any machine.
 * Every fact is accepted by the decider when appended in this order.
 */
export function* demoGeschiedenis(options: DemoOptions = {}): Generator<Recorded, void, undefined> {
  const checked = checkOptions(options);
  for (const batch of simulate(checked)) for (const p of batch) yield materialise(checked.seed, p);
}

/**
 * The same facts as NDJSON lines (without newline), made straight from the simulation's numbers:
 * the benchmarks' 10-million-fact files, without building an object per fact.
 */
export function* demoRegels(options: DemoOptions = {}): Generator<string, void, undefined> {
  const checked = checkOptions(options);
  for (const batch of simulate(checked)) for (const p of batch) yield regelVan(checked.seed, p);
}
