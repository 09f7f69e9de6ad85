// Issue 15, MEETREGELS §10: the laws of import-perioden over generated histories.
// - Monthly exports (each a snapshot with random corrections of earlier ones: end dates moved,
//   reasons changed, periods reopened, closed, added or removed, income changed) imported in
//   order give, for every export, report(kennisdatum = its moment) = the report over that export
//   alone, for every year.
// - Re-importing any export adds nothing.
// - Chunking (bytes per read, households per round) and the order of households and rows in a
//   file never change the outcome: the same facts, with the same ids, per household.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventStore,
  importPerioden,
  openMemoryStore,
  type PeriodenResultaat,
} from '../packages/adapters/src/index.js';
import { dayOf, isoDateOf, isoMonthOf, monthIndexOfDay, type Recorded } from '../packages/domain/src/index.js';
import { jaarrapport, replay, resolveParameters } from '../packages/projections/src/index.js';

const REDENEN = [
  'loondienst',
  'onderneming',
  'opleiding',
  'verhuizing',
  'overlijden',
  'andere-uitkering',
  'detentie',
  'partner-inkomen',
  'overig',
];
const MOMENTEN = ['2015-01-31', '2015-02-28', '2015-03-31', '2015-04-30'];
const JAREN = [2013, 2014, 2015];

/** A small deterministic PRNG (mulberry32): the generated history is a function of fast-check's seed. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
};

interface Periode {
  begin: number;
  eind: number | undefined;
  reden: string;
}
interface Inkomen {
  maand: number;
  bron: string;
  cent: number;
}
interface Huishouden {
  id: string;
  /** The first export it appears in. */
  vanaf: number;
  perioden: Periode[];
  inkomsten: Inkomen[];
}

const START = dayOf('2013-01-01');

const genereer = (r: (n: number) => number, aantal: number): Huishouden[] =>
  Array.from({ length: aantal }, (_, i) => {
    const perioden: Periode[] = [];
    let day = START + r(500);
    const n = 1 + r(3);
    for (let k = 0; k < n; k++) {
      const open = k === n - 1 && r(3) === 0;
      const eind = open ? undefined : day + 1 + r(300);
      perioden.push({ begin: day, eind, reden: REDENEN[r(REDENEN.length)] as string });
      if (eind === undefined) break;
      day = eind + (r(3) === 0 ? 0 : 1 + r(120));
    }
    return { id: `h-${i}`, vanaf: r(2), perioden, inkomsten: inkomstenBij(r, perioden) };
  });

/** Income in months with at least one day of bijstand. */
const inkomstenBij = (r: (n: number) => number, perioden: readonly Periode[]): Inkomen[] => {
  const out: Inkomen[] = [];
  for (const p of perioden) {
    if (r(2) === 0) continue;
    const last = p.eind === undefined ? p.begin + 60 : p.eind - 1;
    const maand = monthIndexOfDay(p.begin) + r(monthIndexOfDay(last) - monthIndexOfDay(p.begin) + 1);
    if (!out.some((x) => x.maand === maand))
      out.push({ maand, bron: r(2) === 0 ? 'loondienst' : 'onderneming', cent: 1 + r(200_000) });
  }
  return out;
};

const geldig = (h: Huishouden): boolean => {
  const sorted = [...h.perioden].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as Periode;
    if (prev.eind === undefined || (sorted[i] as Periode).begin < prev.eind) return false;
  }
  return h.inkomsten.every((x) =>
    h.perioden.some((p) => {
      const first = dayOf(`${isoMonthOf(x.maand)}-01`);
      const next = dayOf(`${isoMonthOf(x.maand + 1)}-01`);
      return p.begin < next && (p.eind === undefined || p.eind > first) && (p.eind === undefined || p.eind > p.begin);
    }),
  );
};

/** The household as the case system exports it at export k: the previous state with a random correction. */
const corrigeer = (r: (n: number) => number, h: Huishouden): Huishouden => {
  const perioden = h.perioden.map((p) => ({ ...p }));
  let inkomsten = h.inkomsten.map((x) => ({ ...x }));
  const last = perioden[perioden.length - 1] as Periode;
  switch (r(8)) {
    case 0: {
      const p = perioden[r(perioden.length)] as Periode;
      if (p.eind !== undefined) p.eind = Math.max(p.begin + 1, p.eind + r(61) - 30);
      break;
    }
    case 1:
      (perioden[r(perioden.length)] as Periode).reden = REDENEN[r(REDENEN.length)] as string;
      break;
    case 2:
      last.eind = undefined;
      break;
    case 3:
      if (last.eind === undefined) last.eind = last.begin + 1 + r(200);
      else perioden.push({ begin: last.eind + r(2) * r(60), eind: undefined, reden: 'overig' });
      break;
    case 4:
      if (perioden.length > 1) perioden.pop();
      break;
    case 5:
      inkomsten = inkomstenBij(r, perioden);
      break;
    case 6:
      for (const x of inkomsten) x.cent = 1 + r(200_000);
      break;
    default:
      return h;
  }
  const next = { ...h, perioden, inkomsten };
  return geldig(next) ? next : h;
};

interface Export {
  readonly moment: string;
  readonly huishoudens: readonly Huishouden[];
}

const exportsVan = (seed: number, aantal: number): Export[] => {
  const r = prng(seed);
  let state = genereer(r, aantal).filter(geldig);
  return MOMENTEN.map((moment, k) => {
    if (k > 0) state = state.map((h) => (r(2) === 0 ? corrigeer(r, h) : h));
    return { moment, huishoudens: state.filter((h) => h.vanaf <= k) };
  });
};

const bedrag = (cent: number, r: (n: number) => number): string => {
  const euros = Math.floor(cent / 100);
  const rest = String(cent % 100).padStart(2, '0');
  if (rest === '00' && r(2) === 0) return String(euros);
  return r(2) === 0 ? `"${euros},${rest}"` : `${euros}.${rest}`;
};

interface Layout {
  /** Shuffles households and rows; splits income into two rows. */
  readonly seed: number;
  readonly chunk: number;
  readonly perRonde: number;
}

const shuffle = <T>(list: T[], r: (n: number) => number): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = r(i + 1);
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
};

const csvVan = (e: Export, layout: Layout | undefined): { perioden: string; inkomsten: string } => {
  const r = prng(layout?.seed ?? 1);
  const pRows: string[] = [];
  const iRows: string[] = [];
  for (const h of e.huishoudens) {
    for (const p of h.perioden) {
      const eind = p.eind === undefined ? '' : isoDateOf(p.eind);
      pRows.push(`${h.id},${isoDateOf(p.begin)},${eind},${p.eind === undefined ? '' : p.reden}`);
    }
    for (const x of h.inkomsten) {
      if (layout !== undefined && x.cent > 1 && r(2) === 0) {
        const part = 1 + r(x.cent - 1);
        iRows.push(`${h.id},${isoMonthOf(x.maand)},${x.bron},${bedrag(part, r)}`);
        iRows.push(`${h.id},${isoMonthOf(x.maand)},${x.bron},${bedrag(x.cent - part, r)}`);
      } else iRows.push(`${h.id},${isoMonthOf(x.maand)},${x.bron},${bedrag(x.cent, r)}`);
    }
  }
  if (layout !== undefined) {
    shuffle(pRows, r);
    shuffle(iRows, r);
  }
  return {
    perioden: `huishouden,begindatum,einddatum,reden\n${pRows.join('\n')}\n`,
    inkomsten: `huishouden,maand,bron,bedrag\n${iRows.join('\n')}\n`,
  };
};

const stream = (text: string, chunk: number) =>
  (async function* () {
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();

const importeer = async (store: EventStore, e: Export, layout?: Layout): Promise<PeriodenResultaat> => {
  const csv = csvVan(e, layout);
  const chunk = layout?.chunk ?? 1 << 20;
  return importPerioden(store, {
    bron: 'zaaksysteem',
    peilmoment: e.moment,
    perioden: { naam: 'perioden.csv', stream: stream(csv.perioden, chunk) },
    inkomsten: { naam: 'inkomsten.csv', stream: stream(csv.inkomsten, chunk) },
    ...(layout === undefined ? {} : { huishoudensPerRonde: layout.perRonde }),
    onWeigering: (w) => {
      throw new Error(`unexpected refusal: ${w.bericht}`);
    },
  });
};

const alles = async (store: EventStore): Promise<Recorded[]> => {
  const out: Recorded[] = [];
  for await (const batch of store.readAll()) for (const s of batch) out.push(s.event);
  return out;
};

const rapporten = (facts: readonly Recorded[], kennisdatum: string) => {
  const state = replay(facts);
  return JAREN.map((jaar) => {
    const parameters = resolveParameters({ jaar, kennisdatum }, '2030-01-01');
    if (parameters._tag === 'Left') throw new Error(parameters.left.bericht);
    // `bron` describes the history read (facts known at T, retracted ones and retractions
    // included, and their hash), not a figure: the history of all exports holds more facts.
    const { bron: _bron, ...figuren } = jaarrapport(state, parameters.right);
    return figuren;
  });
};

/** Per household, its facts in recorded order. */
const perHuishouden = (facts: readonly Recorded[]) => {
  const out = new Map<string, Recorded[]>();
  for (const f of facts) {
    const key = 'huishouden' in f ? f.huishouden : '';
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

describe('import-perioden laws (MEETREGELS §10)', () => {
  it('exports imported in order: report(kennisdatum = moment) equals the report over that export alone; re-import adds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 12 }),
        async (seed, aantal) => {
          const exports = exportsVan(seed, aantal);
          const history = openMemoryStore();
          for (const e of exports) {
            await importeer(history, e);
            const before = (await alles(history)).length;
            const again = await importeer(history, e);
            expect(again).toMatchObject({ feitenToegevoegd: 0, feitenIngetrokken: 0, huishoudensOvergeslagen: 0 });
            expect((await alles(history)).length).toBe(before);
          }
          const all = await alles(history);
          for (const e of exports) {
            const alone = openMemoryStore();
            await importeer(alone, e);
            expect(rapporten(all, e.moment)).toEqual(rapporten(await alles(alone), e.moment));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('chunking and the order of households and rows never change the outcome', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, aantal, layoutSeed, chunk, perRonde) => {
          const exports = exportsVan(seed, aantal);
          const plain = openMemoryStore();
          const shuffled = openMemoryStore();
          for (const [k, e] of exports.entries()) {
            const a = await importeer(plain, e);
            const b = await importeer(shuffled, e, { seed: layoutSeed + k, chunk, perRonde });
            expect({ ...b, rijen: 0, rijBytes: 0 }).toEqual({ ...a, rijen: 0, rijBytes: 0 });
          }
          expect(perHuishouden(await alles(shuffled))).toEqual(perHuishouden(await alles(plain)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
