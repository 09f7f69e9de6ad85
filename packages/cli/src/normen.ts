// The normen file of `report --normen FILE` (MEETREGELS §9, rule version 2.0): the municipality's
// targets per indicator and year, shown in the rows Nulsituatie, Norm and Behaald. JSON or YAML
// (YAML 1.2 reads JSON too), decoded with io-ts like every other input (STYLE §1).
//
// An entry names an `indicator` and a `jaar` or a `periode` ("2015-2018"), and gives any of:
//   waarde       a norm on the indicator's count (euros for gemiddeld inkomen); for a share
//                indicator too: gedeeltelijke uitstroom `waarde: 385` is 385 huishoudens
//   aandeel      a norm on the indicator's share (0–1)
//   indexatie    {basis, indexOud, indexNieuw}: a waarde indexed as §4.6 (indexeerNorm)
//   richting     minimaal (realised ≥ norm; the default), maximaal (≤), or toename / afname
//                (realised > / < the Nulsituatie; no number)
//   cumulatief   with a periode: the realised counts of the period's years up to Y, summed
//   nulsituatie  a baseline given instead of the year before's realised figure: a number in the
//                indicator's headline unit, or {waarde, jaar} with the year it was measured in
//   toelichting  a note under the table
import { containsBsn, isWellFormedText, maskBsn } from '@zelfredzaam/domain';
import { indexeerNorm } from '@zelfredzaam/projections';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { LineCounter, parseDocument } from 'yaml';
import { INDICATOR_IDS, type IndicatorId, indicatorenVoor, isIndicatorId } from './format/model.js';

export type Richting = 'minimaal' | 'maximaal' | 'toename' | 'afname';

export interface Norm {
  readonly richting: Richting;
  /** On the count (euros for an amount); absent for toename / afname. */
  readonly waarde?: number;
  /** On the share (0–1). */
  readonly aandeel?: number;
  /** The years the norm spans (a periode, or the one jaar). */
  readonly van: number;
  readonly tot: number;
  /** The realised counts of the years van … Y summed, against `waarde`. */
  readonly cumulatief: boolean;
  readonly toelichting?: string;
}

/** A baseline given in the normen file, in the indicator's headline unit. */
export interface GegevenNulsituatie {
  readonly waarde: number;
  /** The year it was measured in, when the file says so. */
  readonly jaar?: number;
}

export interface Normen {
  get(indicator: IndicatorId, jaar: number): Norm | undefined;
  nulsituatie(indicator: IndicatorId, jaar: number): GegevenNulsituatie | undefined;
  readonly size: number;
}

export const GEEN_NORMEN: Normen = { get: () => undefined, nulsituatie: () => undefined, size: 0 };

const Decimaal = t.union([t.number, t.string]);
const Indexatie = t.type({ basis: Decimaal, indexOud: Decimaal, indexNieuw: Decimaal });
const NulsituatieInvoer = t.union([
  t.number,
  t.intersection([t.type({ waarde: t.number }), t.partial({ jaar: t.number })]),
]);

const NormInvoer = t.intersection([
  t.type({ indicator: t.string }),
  t.partial({
    jaar: t.number,
    periode: t.union([t.string, t.number]),
    waarde: t.number,
    aandeel: t.number,
    indexatie: Indexatie,
    richting: t.string,
    cumulatief: t.boolean,
    nulsituatie: NulsituatieInvoer,
    toelichting: t.string,
  }),
]);
type NormInvoer = t.TypeOf<typeof NormInvoer>;

const NormenBestand = t.union([t.readonlyArray(t.unknown), t.type({ normen: t.readonlyArray(t.unknown) })]);

const MAX_TOELICHTING = 300;
const VELDEN = [
  'indicator',
  'jaar',
  'periode',
  'waarde',
  'aandeel',
  'indexatie',
  'richting',
  'cumulatief',
  'nulsituatie',
  'toelichting',
];
const RICHTINGEN: readonly Richting[] = ['minimaal', 'maximaal', 'toename', 'afname'];

const describe = (value: unknown): string => {
  // Never a BSN (issue 17): a value from the file is masked before it is shown.
  if (typeof value === 'string') return maskBsn(`"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'een lijst' : typeof value === 'object' ? 'een object' : typeof value;
};

const isJaar = (n: number): boolean => Number.isInteger(n) && n >= 1990 && n <= 2100;

interface Ingang {
  readonly indicator: IndicatorId;
  readonly van: number;
  readonly tot: number;
  readonly norm: Norm | undefined;
  readonly nulsituatie: GegevenNulsituatie | undefined;
}

/** Checks one entry; returns it or a Dutch message naming its place. */
const checkEntry = (raw: unknown, position: number): Ingang | string => {
  const where = `norm ${position}`;
  const decoded = NormInvoer.decode(raw);
  if (isLeft(decoded)) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return `${where}: verwacht een object met indicator, jaar (of periode) en waarde, aandeel, richting of nulsituatie, ontvangen ${describe(raw)}`;
    }
    return `${where}: verwacht indicator (tekst), jaar (getal) of periode ("2015-2018"), waarde of aandeel (getal), indexatie {basis, indexOud, indexNieuw}, richting (tekst), cumulatief (ja/nee), nulsituatie (getal of {waarde, jaar}) en eventueel toelichting (tekst)`;
  }
  const entry: NormInvoer = decoded.right;
  const unknown = Object.keys(raw as object).filter((k) => !VELDEN.includes(k));
  if (unknown.length > 0) return `${where}: onbekend veld ${unknown.map((k) => describe(k)).join(', ')}`;
  if (!isIndicatorId(entry.indicator)) {
    return `${where}: onbekende indicator ${describe(entry.indicator)}; kies uit ${INDICATOR_IDS.join(', ')} of trajecten.SOORT (bijvoorbeeld trajecten.VAK)`;
  }
  const indicator = indicatorenVoor([]).find((i) => i.id === entry.indicator);
  const eenheid = indicator?.eenheid ?? 'aantal';
  const heeftAandeel = indicator?.aandeel !== undefined;
  if ((entry.jaar === undefined) === (entry.periode === undefined)) return `${where}: geef óf jaar óf periode`;
  let van: number;
  let tot: number;
  if (entry.jaar !== undefined) {
    if (!isJaar(entry.jaar))
      return `${where}: jaar moet een jaartal tussen 1990 en 2100 zijn, ontvangen ${describe(entry.jaar)}`;
    van = entry.jaar;
    tot = entry.jaar;
  } else {
    const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(String(entry.periode));
    if (m === null || !isJaar(Number(m[1])) || !isJaar(Number(m[2])) || Number(m[1]) > Number(m[2])) {
      return `${where}: periode moet twee jaartallen zijn, het eerste niet na het tweede (bijvoorbeeld "2015-2018"), ontvangen ${describe(entry.periode)}`;
    }
    van = Number(m[1]);
    tot = Number(m[2]);
  }
  const richting = (entry.richting ?? 'minimaal') as Richting;
  if (!RICHTINGEN.includes(richting)) {
    return `${where}: richting moet minimaal, maximaal, toename of afname zijn, ontvangen ${describe(entry.richting)}`;
  }
  if (entry.waarde !== undefined && entry.indexatie !== undefined) return `${where}: geef óf waarde óf indexatie`;
  let waarde = entry.waarde;
  if (entry.indexatie !== undefined) {
    const { basis, indexOud, indexNieuw } = entry.indexatie;
    const indexed = indexeerNorm(basis, indexOud, indexNieuw);
    if (isLeft(indexed)) return `${where}: indexatie: ${indexed.left.bericht}`;
    waarde = indexed.right;
  }
  const getalNorm = waarde !== undefined || entry.aandeel !== undefined;
  if ((richting === 'toename' || richting === 'afname') && getalNorm) {
    return `${where}: richting ${richting} vergelijkt met de nulsituatie en heeft geen waarde of aandeel`;
  }
  if (waarde !== undefined) {
    if (!Number.isFinite(waarde) || waarde < 0 || waarde > 1e9) {
      return `${where}: waarde moet een getal ≥ 0 zijn, ontvangen ${describe(waarde)}`;
    }
    if (eenheid === 'aandeel' && !Number.isInteger(waarde)) {
      return `${where}: waarde van ${entry.indicator} is een aantal huishoudens; een aandeel geef je met aandeel: ${describe(waarde)}`;
    }
  }
  if (entry.aandeel !== undefined) {
    if (!heeftAandeel) return `${where}: ${entry.indicator} heeft geen aandeel; geef een waarde`;
    if (!Number.isFinite(entry.aandeel) || entry.aandeel < 0 || entry.aandeel > 1) {
      return `${where}: aandeel is een getal tussen 0 en 1 (0.75 = 75%), ontvangen ${describe(entry.aandeel)}`;
    }
  }
  const cumulatief = entry.cumulatief === true;
  if (cumulatief && (entry.periode === undefined || waarde === undefined)) {
    return `${where}: cumulatief vraagt om een periode en een waarde`;
  }
  if (entry.toelichting !== undefined && entry.toelichting.length > MAX_TOELICHTING) {
    return `${where}: toelichting is langer dan ${MAX_TOELICHTING} tekens`;
  }
  // The toelichting is printed in every report: never a BSN, never a broken text (issue 17).
  if (entry.toelichting !== undefined && containsBsn(entry.toelichting)) {
    return `${where}: toelichting bevat een BSN (burgerservicenummer; niet getoond); haal het weg`;
  }
  if (entry.toelichting !== undefined && !isWellFormedText(entry.toelichting)) {
    return `${where}: toelichting is geen geldige Unicode-tekst (een losse surrogaathelft)`;
  }
  let nulsituatie: GegevenNulsituatie | undefined;
  if (entry.nulsituatie !== undefined) {
    const n = typeof entry.nulsituatie === 'number' ? { waarde: entry.nulsituatie } : entry.nulsituatie;
    if (!Number.isFinite(n.waarde) || n.waarde < 0 || (eenheid === 'aandeel' && n.waarde > 1)) {
      return `${where}: nulsituatie moet een getal ≥ 0 zijn${eenheid === 'aandeel' ? ' (een aandeel: tussen 0 en 1)' : ''}, ontvangen ${describe(n.waarde)}`;
    }
    if (n.jaar !== undefined && !isJaar(n.jaar)) {
      return `${where}: nulsituatie.jaar moet een jaartal zijn, ontvangen ${describe(n.jaar)}`;
    }
    nulsituatie = n.jaar === undefined ? { waarde: n.waarde } : { waarde: n.waarde, jaar: n.jaar };
  }
  const heeftNorm = getalNorm || richting === 'toename' || richting === 'afname';
  if (!heeftNorm && nulsituatie === undefined) {
    return `${where}: geef een waarde, aandeel, indexatie, richting toename/afname of nulsituatie`;
  }
  const norm: Norm | undefined = heeftNorm
    ? {
        richting,
        ...(waarde === undefined ? {} : { waarde }),
        ...(entry.aandeel === undefined ? {} : { aandeel: entry.aandeel }),
        van,
        tot,
        cumulatief,
        ...(entry.toelichting === undefined ? {} : { toelichting: entry.toelichting }),
      }
    : undefined;
  return { indicator: entry.indicator, van, tot, norm, nulsituatie };
};

/** Parses the text of a normen file; returns the norms or a list of Dutch messages. */
export const parseNormen = (text: string): { readonly normen: Normen } | { readonly fouten: readonly string[] } => {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (document.errors.length > 0) {
    return {
      fouten: document.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return `regel ${line}, kolom ${col}: geen geldige JSON of YAML (${e.code})`;
      }),
    };
  }
  const content: unknown = document.toJS({ maxAliasCount: 100 });
  const file = NormenBestand.decode(content);
  if (isLeft(file)) {
    return { fouten: ['verwacht een lijst van normen, of een object met de sleutel "normen" en zo’n lijst'] };
  }
  const entries = Array.isArray(file.right) ? file.right : 'normen' in file.right ? file.right.normen : [];
  const fouten: string[] = [];
  const normen = new Map<string, Norm>();
  const nul = new Map<string, GegevenNulsituatie>();
  entries.forEach((raw: unknown, i: number) => {
    const checked = checkEntry(raw, i + 1);
    if (typeof checked === 'string') {
      fouten.push(checked);
      return;
    }
    for (let jaar = checked.van; jaar <= checked.tot; jaar++) {
      const key = `${checked.indicator}/${jaar}`;
      if (checked.norm !== undefined) {
        if (normen.has(key)) fouten.push(`norm ${i + 1}: ${checked.indicator} ${jaar} heeft al eerder een norm`);
        else normen.set(key, checked.norm);
      }
      if (checked.nulsituatie !== undefined) {
        if (nul.has(key)) fouten.push(`norm ${i + 1}: ${checked.indicator} ${jaar} heeft al eerder een nulsituatie`);
        else nul.set(key, checked.nulsituatie);
      }
    }
  });
  if (fouten.length > 0) return { fouten: [...new Set(fouten)] };
  return {
    normen: {
      get: (indicator, jaar) => normen.get(`${indicator}/${jaar}`),
      nulsituatie: (indicator, jaar) => nul.get(`${indicator}/${jaar}`),
      size: entries.length,
    },
  };
};
