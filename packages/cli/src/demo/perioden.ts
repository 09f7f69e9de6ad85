// `zelfredzaam demo --perioden DIR` (issue 15, point 4): the demo municipality as its case system
// would export it, month after month (MEETREGELS §10). Each export holds every household known
// at its moment with its benefit periods and income as known then (facts recorded later are not
// in it yet, registration errors retracted by then are gone), so late registrations and
// retractions of the demo show up as corrections between exports. On top of that, a few ends
// appear first with a wrong date or reason and are corrected in the next export, as happens in
// a case system. The files use the case system's own reason codes (redenen.yaml maps them), `;`
// as separator, DD-MM-YYYY dates and amounts with a decimal comma.
//
// Pure apart from the facts it is given: the same demo options give the same files.
import {
  dayOf,
  firstDayOfMonth,
  isoDateOf,
  isoMonthOf,
  kennisdatumCutoff,
  lastDayOfMonth,
  monthIndexOf,
  parseInstant,
  type Recorded,
} from '@zelfredzaam/domain';

/** The months the demo exports cover: the year after the reporting year 2014, when its figures were published and restated. */
export const DEMO_EXPORTS_VAN = '2015-01';
export const DEMO_EXPORTS_TOT = '2015-12';

/** The case system's reason codes, and the reason of MEETREGELS §10 each stands for. */
export const DEMO_REDENCODES: Readonly<Record<string, string>> = {
  'UO-WERK': 'loondienst',
  'UO-ZELF': 'onderneming',
  'UO-STUDIE': 'opleiding',
  'BE-VERH': 'verhuizing',
  'BE-OVL': 'overlijden',
  'BE-UITK': 'andere-uitkering',
  'BE-DET': 'detentie',
  'BE-PART': 'partner-inkomen',
  'BE-OVERIG': 'overig',
};

const CODE_VAN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DEMO_REDENCODES).map(([code, reden]) => [reden, code]),
);

/** The mapping file written beside the exports. */
export const redenenYaml = (): string =>
  `# Redencodes van het zaaksysteem (demo) → reden van MEETREGELS §10\n${Object.entries(DEMO_REDENCODES)
    .map(([code, reden]) => `${code}: ${reden}`)
    .join('\n')}\n`;

interface Periode {
  begin: number;
  eind: number | undefined;
  reden: string | undefined;
  /** When the end became known (ms), for the corrections. */
  eindBekend: number;
}

export interface DemoExport {
  /** The export's moment: the last day of its month (`YYYY-MM-DD`). */
  readonly moment: string;
  readonly perioden: string;
  readonly inkomsten: string;
  readonly huishoudens: number;
  readonly correcties: number;
}

const ddmmjjjj = (day: number): string => {
  const iso = isoDateOf(day);
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
};

const euro = (cent: number): string => `${Math.floor(cent / 100)},${String(cent % 100).padStart(2, '0')}`;

/** A small stable hash of a household and a day: which ends are first exported wrongly. */
const hash = (text: string, day: number): number => {
  let h = 2166136261 ^ day;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

const END_REASON: Readonly<Record<string, (feit: Recorded) => string | undefined>> = {
  InLoondienstGetreden: (f) =>
    f.type === 'InLoondienstGetreden' && f.uitkering === 'beeindigd' ? 'loondienst' : undefined,
  EigenOndernemingGestart: (f) =>
    f.type === 'EigenOndernemingGestart' && f.uitkering === 'beeindigd' ? 'onderneming' : undefined,
  OpleidingGestart: () => 'opleiding',
  UitkeringBeeindigd: (f) => (f.type === 'UitkeringBeeindigd' ? f.reden : undefined),
};

/** The periods of one household from its facts known at `cutoff` (ms), in datum order. */
const periodenVan = (facts: readonly Recorded[], cutoff: number): Periode[] => {
  const known = facts.filter((f) => (parseInstant(f.recordedAt) ?? 0) <= cutoff);
  const retracted = new Set(known.flatMap((f) => (f.type === 'GebeurtenisIngetrokken' ? [f.ingetrokken] : [])));
  const timeline = known
    .filter((f) => !retracted.has(f.eventId) && 'datum' in f)
    .map((f, i) => ({ f, i, day: dayOf((f as { datum: string }).datum) }))
    .sort((a, b) => a.day - b.day || a.i - b.i);
  const out: Periode[] = [];
  let open: Periode | undefined;
  for (const { f, day } of timeline) {
    const starts = f.type === 'UitkeringGestart' || (f.type === 'Teruggevallen' && f.op === 'WWB');
    if (starts && open === undefined) {
      open = { begin: day, eind: undefined, reden: undefined, eindBekend: 0 };
      out.push(open);
      continue;
    }
    const reden = END_REASON[f.type]?.(f);
    if (reden !== undefined && open !== undefined) {
      open.eind = day;
      open.reden = reden;
      open.eindBekend = parseInstant(f.recordedAt) ?? 0;
      open = undefined;
    }
  }
  return out;
};

/**
 * The monthly exports from `van` to `tot` (`YYYY-MM`), one per month, each at the month's last
 * day. `facts` is the demo's history (demoGeschiedenis).
 */
export function* demoPeriodenExports(
  facts: readonly Recorded[],
  van: string,
  tot: string,
): Generator<DemoExport, void, undefined> {
  const perHuishouden = new Map<string, Recorded[]>();
  for (const f of facts) {
    if (!('huishouden' in f)) continue;
    const list = perHuishouden.get(f.huishouden);
    if (list === undefined) perHuishouden.set(f.huishouden, [f]);
    else list.push(f);
  }
  let previousCutoff = Number.NEGATIVE_INFINITY;
  for (let month = monthIndexOf(van); month <= monthIndexOf(tot); month++) {
    const moment = isoDateOf(lastDayOfMonth(month));
    const cutoff = kennisdatumCutoff(moment) ?? 0;
    const pRows: string[] = ['huishouden;begindatum;einddatum;reden;opmerking'];
    const iRows: string[] = ['huishouden;maand;bron;bedrag'];
    let huishoudens = 0;
    let correcties = 0;
    for (const [id, list] of perHuishouden) {
      const perioden = periodenVan(list, cutoff);
      if (perioden.length === 0) continue;
      huishoudens++;
      perioden.forEach((p, i) => {
        let eind = p.eind;
        let reden = p.reden;
        // An end first exported in this month is, now and then, still wrong: corrected next month.
        if (eind !== undefined && p.eindBekend > previousCutoff && hash(id, eind) % 40 === 0) {
          correcties++;
          const next = perioden[i + 1]?.begin;
          const later = eind + 1 + (hash(id, eind + 1) % 20);
          if (hash(id, eind) % 80 === 0 || (next !== undefined && later > next))
            reden = reden === 'overig' ? 'verhuizing' : 'overig';
          else eind = later;
        }
        const code = reden === undefined ? '' : (CODE_VAN[reden] ?? reden);
        pRows.push(`${id};${ddmmjjjj(p.begin)};${eind === undefined ? '' : ddmmjjjj(eind)};${code};`);
      });
      // Income known and unretracted at the moment, in months with a day of bijstand.
      const known = list.filter((f) => (parseInstant(f.recordedAt) ?? 0) <= cutoff);
      const retracted = new Set(known.flatMap((f) => (f.type === 'GebeurtenisIngetrokken' ? [f.ingetrokken] : [])));
      for (const f of known) {
        if (f.type !== 'InkomstenOntvangen' || retracted.has(f.eventId)) continue;
        const m = monthIndexOf(f.maand);
        const first = firstDayOfMonth(m);
        const last = lastDayOfMonth(m);
        const covered = perioden.some(
          (p) => p.begin <= last && (p.eind === undefined || p.eind > first) && p.eind !== p.begin,
        );
        if (covered) iRows.push(`${id};${isoMonthOf(m)};${f.bron};${euro(f.bedragCent)}`);
      }
    }
    previousCutoff = cutoff;
    yield {
      moment,
      perioden: `${pRows.join('\r\n')}\r\n`,
      inkomsten: `${iRows.join('\r\n')}\r\n`,
      huishoudens,
      correcties,
    };
  }
}
