// MEETREGELS §10, facts derived: per huishouden in `begindatum` order, a period's start is an
// `UitkeringGestart` (with `regeling`); its end is `InLoondienstGetreden` /
// `EigenOndernemingGestart` with `uitkering: beeindigd`, `OpleidingGestart`, or
// `UitkeringBeeindigd` with the reden; each income row (summed per maand and bron) an
// `InkomstenOntvangen`. The periods of one huishouden must not overlap (a period may begin on the
// day the previous one ends). Pure: no store, no clock.
import {
  BedragCent,
  type Bron,
  Datum,
  type Feit,
  type HuishoudenId,
  isoDateOf,
  isoMonthOf,
  MAX_BEDRAG_CENT,
  Maand,
  type Regeling,
} from '@zelfredzaam/domain';
import type { EindReden } from './velden.js';

export interface Periode {
  /** The line of the row in the periods file. */
  readonly line: number;
  /** Day numbers (calendar.ts); `eind` undefined while the period runs. */
  readonly begin: number;
  readonly eind: number | undefined;
  readonly reden: EindReden | undefined;
  readonly regeling: Regeling | undefined;
}

export interface Inkomen {
  readonly line: number;
  /** Month index (calendar.ts). */
  readonly maand: number;
  readonly bron: Bron;
  readonly cent: number;
}

export interface Afgeleid {
  readonly feit: Feit;
  /** The line the fact comes from (for a refusal), the first one for summed income. */
  readonly line: number;
}

export type Afleiding =
  | { readonly kind: 'feiten'; readonly feiten: readonly Afgeleid[] }
  | { readonly kind: 'weigering'; readonly line: number; readonly reden: string };

const datum = (day: number): Datum => {
  const text = isoDateOf(day);
  if (!Datum.is(text)) throw new RangeError(`dag ${day} is geen datum`);
  return text;
};

const eindFeit = (huishouden: HuishoudenId, day: number, reden: EindReden): Feit => {
  const d = datum(day);
  switch (reden) {
    case 'loondienst':
      return { type: 'InLoondienstGetreden', huishouden, datum: d, uitkering: 'beeindigd' };
    case 'onderneming':
      return { type: 'EigenOndernemingGestart', huishouden, datum: d, uitkering: 'beeindigd' };
    case 'opleiding':
      return { type: 'OpleidingGestart', huishouden, datum: d };
    default:
      return { type: 'UitkeringBeeindigd', huishouden, datum: d, reden };
  }
};

/** The periods sorted by begin date (then line), or the first overlap. */
const inVolgorde = (perioden: readonly Periode[]): readonly Periode[] | Afleiding => {
  const sorted = [...perioden].sort((a, b) => a.begin - b.begin || a.line - b.line);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as Periode;
    const current = sorted[i] as Periode;
    if (previous.eind === undefined || current.begin < previous.eind) {
      const [first, later] = previous.line < current.line ? [previous, current] : [current, previous];
      return {
        kind: 'weigering',
        line: later.line,
        reden: `de periode overlapt met die van regel ${first.line} (perioden van één huishouden mogen elkaar niet overlappen; MEETREGELS §10)`,
      };
    }
  }
  return sorted;
};

/**
 * The facts of one household: periods in begin order (start, then end), then income by month
 * and source. `metInkomsten` false: no income facts (no income file was given).
 */
export const leidAf = (
  huishouden: HuishoudenId,
  perioden: readonly Periode[],
  inkomsten: readonly Inkomen[],
): Afleiding => {
  const sorted = inVolgorde(perioden);
  if ('kind' in sorted) return sorted;
  const feiten: Afgeleid[] = [];
  for (const p of sorted) {
    feiten.push({
      feit: {
        type: 'UitkeringGestart',
        huishouden,
        datum: datum(p.begin),
        ...(p.regeling === undefined ? {} : { regeling: p.regeling }),
      },
      line: p.line,
    });
    if (p.eind !== undefined && p.reden !== undefined)
      feiten.push({ feit: eindFeit(huishouden, p.eind, p.reden), line: p.line });
  }
  const sums = new Map<number, { cent: number; line: number }>();
  for (const row of inkomsten) {
    const key = row.maand * 2 + (row.bron === 'loondienst' ? 0 : 1);
    const sum = sums.get(key);
    if (sum === undefined) sums.set(key, { cent: row.cent, line: row.line });
    else {
      sum.cent += row.cent;
      sum.line = Math.min(sum.line, row.line);
    }
  }
  for (const key of [...sums.keys()].sort((a, b) => a - b)) {
    const { cent, line } = sums.get(key) as { cent: number; line: number };
    if (cent === 0) continue;
    const maand = isoMonthOf(Math.floor(key / 2));
    if (!BedragCent.is(cent) || !Maand.is(maand)) {
      return {
        kind: 'weigering',
        line,
        reden: `de inkomsten van ${maand} tellen op tot meer dan ${MAX_BEDRAG_CENT / 100} euro (MEETREGELS §2)`,
      };
    }
    feiten.push({
      feit: {
        type: 'InkomstenOntvangen',
        huishouden,
        maand,
        bron: key % 2 === 0 ? 'loondienst' : 'onderneming',
        bedragCent: cent,
      },
      line,
    });
  }
  return { kind: 'feiten', feiten };
};
