// The normen file of `report --normen FILE`: the municipality's targets per indicator and year,
// shown in the row "Norm". JSON or YAML (YAML 1.2 reads JSON too), decoded with io-ts like every
// other input (STYLE §1). A norm is a value, or a base amount with CBS indexation (§4.6,
// computed by the projections' indexeerNorm).

import { containsBsn, isWellFormedText, maskBsn } from '@zelfredzaam/domain';
import { indexeerNorm } from '@zelfredzaam/projections';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { LineCounter, parseDocument } from 'yaml';
import { INDICATOR_IDS, type IndicatorId, indicatorenVoor, isIndicatorId } from './format/model.js';

export interface Norm {
  readonly waarde: number;
  readonly toelichting?: string;
}

export interface Normen {
  get(indicator: IndicatorId, jaar: number): Norm | undefined;
  readonly size: number;
}

export const GEEN_NORMEN: Normen = { get: () => undefined, size: 0 };

const Decimaal = t.union([t.number, t.string]);
const Indexatie = t.type({ basis: Decimaal, indexOud: Decimaal, indexNieuw: Decimaal });

const NormInvoer = t.intersection([
  t.type({ indicator: t.string, jaar: t.number }),
  t.partial({ waarde: t.number, indexatie: Indexatie, toelichting: t.string }),
]);
type NormInvoer = t.TypeOf<typeof NormInvoer>;

const NormenBestand = t.union([t.readonlyArray(t.unknown), t.type({ normen: t.readonlyArray(t.unknown) })]);

const MAX_TOELICHTING = 300;

const describe = (value: unknown): string => {
  // Never a BSN (issue 17): a value from the file is masked before it is shown.
  if (typeof value === 'string') return maskBsn(`"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'een lijst' : typeof value === 'object' ? 'een object' : typeof value;
};

/** Checks one entry; returns the norm or a Dutch message. */
const checkEntry = (raw: unknown, position: number): { key: string; norm: Norm } | string => {
  const where = `norm ${position}`;
  const decoded = NormInvoer.decode(raw);
  if (isLeft(decoded)) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return `${where}: verwacht een object met indicator, jaar en waarde (of indexatie), ontvangen ${describe(raw)}`;
    }
    return `${where}: verwacht indicator (tekst), jaar (getal), waarde (getal) of indexatie {basis, indexOud, indexNieuw} en eventueel toelichting (tekst)`;
  }
  const entry: NormInvoer = decoded.right;
  const known = new Set(['indicator', 'jaar', 'waarde', 'indexatie', 'toelichting']);
  const unknown = Object.keys(raw as object).filter((k) => !known.has(k));
  if (unknown.length > 0) return `${where}: onbekend veld ${unknown.map((k) => describe(k)).join(', ')}`;
  if (!isIndicatorId(entry.indicator)) {
    return `${where}: onbekende indicator ${describe(entry.indicator)}; kies uit ${INDICATOR_IDS.join(', ')} of trajecten.SOORT (bijvoorbeeld trajecten.VAK)`;
  }
  if (!Number.isInteger(entry.jaar) || entry.jaar < 1990 || entry.jaar > 2100) {
    return `${where}: jaar moet een jaartal tussen 1990 en 2100 zijn, ontvangen ${describe(entry.jaar)}`;
  }
  if ((entry.waarde === undefined) === (entry.indexatie === undefined)) {
    return `${where}: geef óf waarde óf indexatie`;
  }
  let waarde: number;
  if (entry.indexatie !== undefined) {
    const { basis, indexOud, indexNieuw } = entry.indexatie;
    const indexed = indexeerNorm(basis, indexOud, indexNieuw);
    if (isLeft(indexed)) return `${where}: indexatie: ${indexed.left.bericht}`;
    waarde = indexed.right;
  } else {
    waarde = entry.waarde ?? 0;
  }
  // A soort of Trajecten counts trajectories (aantal), like the indicators that are not shares.
  const indicator = indicatorenVoor([]).find((i) => i.id === entry.indicator);
  if (!Number.isFinite(waarde) || waarde < 0 || waarde > 1e9) {
    return `${where}: waarde moet een getal ≥ 0 zijn, ontvangen ${describe(waarde)}`;
  }
  if (indicator?.eenheid === 'aandeel' && waarde > 1) {
    return `${where}: ${entry.indicator} is een aandeel: geef een getal tussen 0 en 1 (0.75 = 75 %), ontvangen ${describe(waarde)}`;
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
  const norm: Norm = entry.toelichting === undefined ? { waarde } : { waarde, toelichting: entry.toelichting };
  return { key: `${entry.indicator}/${entry.jaar}`, norm };
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
  const byKey = new Map<string, Norm>();
  entries.forEach((raw: unknown, i: number) => {
    const checked = checkEntry(raw, i + 1);
    if (typeof checked === 'string') fouten.push(checked);
    else if (byKey.has(checked.key))
      fouten.push(`norm ${i + 1}: ${checked.key.replace('/', ' ')} staat er al eerder in`);
    else byKey.set(checked.key, checked.norm);
  });
  if (fouten.length > 0) return { fouten };
  return { normen: { get: (indicator, jaar) => byKey.get(`${indicator}/${jaar}`), size: byKey.size } };
};
