// MEETREGELS §8 Verantwoording — every count traceable to its members. For the same state and
// parameters as a report, the members of every cell: one entry per huishouden (or werkgever), per
// fact counted, or per household-month; the entry count of a cell equals its value in the report.
// One pass over the households (in pseudonym order) asks every figure of the registry which of
// its cells the household belongs to and why; the entries are kept as numbers (the household, the
// facts' places in the state, the toelichting's function and its numbers), not as objects, and
// become objects only one at a time as a cell is read: a cell of 100,000 members streams.
import { firstDayOfMonth, isoMonthOf } from '@zelfredzaam/domain';
import { KIND_INKOMSTEN_LOONDIENST, KIND_INKOMSTEN_ONDERNEMING, kindOf } from '../engine/encoding.js';
import { HuishoudenView } from '../engine/huishouden.js';
import {
  CHUNK_SIZE,
  eventIdAt,
  F_RECORDED_AT,
  FACT_FLOATS,
  forEachRun,
  isWerkgeverKey,
  type ProjectionState,
  WERKGEVER_KEY,
} from '../engine/state.js';
import type { Leden, LidOpties, Namen, Tekst } from '../figuren/figuur.js';
import { FIGUREN } from '../figuren/registry.js';
import { TRAJECT_CELLEN } from '../figuren/trajecten.js';
import { jaarrapport } from '../jaarrapport.js';
import { type Peil, peilVan } from '../parameters.js';
import type { Jaarrapport, Parameters } from '../types.js';

/** One member of a cell (MEETREGELS §8). */
export interface Lid {
  /** The household; absent for an employer's entry (allianties). */
  readonly huishouden?: string;
  readonly werkgever?: string;
  /** For a household-month: YYYY-MM. */
  readonly maand?: string;
  /** For a cell that counts facts: the eventId of the fact counted. */
  readonly feit?: string;
  /** The facts that decide the membership, in §1 order (in a restatement: those recorded after T). */
  readonly feiten: readonly string[];
  readonly toelichting: string;
}

/** The members of every cell of one report. */
export interface Verklaring {
  /** The report the cells belong to (its parameters echo the request). */
  readonly rapport: Jaarrapport;
  /** Every cell's path, in the report's order. */
  readonly cellen: readonly string[];
  /** The number of members of a cell (= its value in the report). */
  aantal(cel: string): number;
  /** The members of a cell, made one at a time, sorted by huishouden (werkgever), maand, first eventId. */
  leden(cel: string): IterableIterator<Lid>;
}

/** A restatement per member: what changed in each cell between kennisdatum T and now. */
export interface VerklaringHerziening {
  readonly gepubliceerd: Jaarrapport;
  readonly nu: Jaarrapport;
  /** The cells of either report. */
  readonly cellen: readonly string[];
  /** Members now and not at T; their `feiten`: the household's facts recorded after T. */
  erbij(cel: string): IterableIterator<Lid>;
  /** Members at T and not now; their `feiten` as in `erbij`. */
  eraf(cel: string): IterableIterator<Lid>;
  aantalErbij(cel: string): number;
  aantalEraf(cel: string): number;
}

/** A growable list of numbers. */
class Getallen {
  data = new Float64Array(64);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

/** A cell's entries: [h, feitPlace, maand, tekst, nArgs, args…, nFeiten, places…] after each other. */
class Cel {
  readonly entries = new Getallen();
  count = 0;
}

interface Pending {
  readonly cel: number;
  readonly feit: number;
  readonly maand: number;
  readonly tekst: number;
  readonly args: readonly number[];
  readonly feiten: readonly number[];
}

/** Everything one pass collected. */
interface Verzameling {
  readonly cellen: Map<string, Cel>;
  readonly teksten: readonly Tekst[];
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The households (and employers) in pseudonym order. */
const inOrde = (state: ProjectionState): Int32Array => {
  const order = Int32Array.from({ length: state.households }, (_, h) => h);
  const ids = state.ids;
  order.sort((a, b) => byCode(ids[a] as string, ids[b] as string));
  return order;
};

const namenVan = (state: ProjectionState): Namen => ({
  soorten: state.soorten.list,
  trajectIds: state.trajectIds.list,
  regelingen: state.regelingen.list,
});

const checkEventIds = (state: ProjectionState): void => {
  if (state.eventIds === undefined) {
    throw new RangeError(
      'verklaring: deze toestand bewaart geen eventIds; maak hem met emptyState({ eventIds: true }) of replay(feiten, { eventIds: true })',
    );
  }
};

/** One pass: every household's entries into the cells named (their order fixed by `paden`). */
const verzamel = (state: ProjectionState, peil: Peil, paden: readonly string[], volgorde: Int32Array): Verzameling => {
  const cellen = new Map<string, Cel>(paden.map((p) => [p, new Cel()]));
  const index = new Map<string, number>(paden.map((p, i) => [p, i]));
  const lijst = paden.map((p) => cellen.get(p) as Cel);
  const teksten: Tekst[] = [];
  const tekstIndex = new Map<Tekst, number>();
  const view = new HuishoudenView();
  let pending: Pending[] = [];
  const idOf = (j: number): string => eventIdAt(state, view.plaats(j)) ?? '';
  const sleutel = (j: number): number => {
    const kind = kindOf(view.soort(j));
    return kind === KIND_INKOMSTEN_LOONDIENST || kind === KIND_INKOMSTEN_ONDERNEMING
      ? firstDayOfMonth(view.wanneer(j))
      : view.wanneer(j);
  };
  const leden: Leden = {
    namen: namenVan(state),
    lid(cel: string, feiten: readonly number[], tekst: Tekst, args: readonly number[], opties: LidOpties = {}) {
      const c = index.get(cel);
      if (c === undefined) throw new Error(`verklaring: cel ${cel} staat niet in het rapport`);
      let t = tekstIndex.get(tekst);
      if (t === undefined) {
        t = teksten.length;
        teksten.push(tekst);
        tekstIndex.set(tekst, t);
      }
      // §1 order (the figures' arrays are their own: sorted in place).
      if (feiten.length > 1) (feiten as number[]).sort((a, b) => sleutel(a) - sleutel(b) || a - b);
      pending.push({ cel: c, feit: opties.feit ?? -1, maand: opties.maand ?? -1, tekst: t, args, feiten });
    },
  };
  for (const h of volgorde) {
    view.laad(state, h, peil.cutoff);
    if (view.feiten === 0) continue;
    for (const figuur of FIGUREN) figuur.verklaar(view, peil, leden);
    if (pending.length === 0) continue;
    if (pending.length > 1) {
      // Within a cell: maand, then the first eventId (looked up only for a tie).
      pending.sort(
        (a, b) =>
          a.cel - b.cel ||
          a.maand - b.maand ||
          byCode(idOf((a.feiten[0] ?? -1) as number), idOf((b.feiten[0] ?? -1) as number)),
      );
    }
    for (const e of pending) {
      const cel = lijst[e.cel] as Cel;
      const out = cel.entries;
      out.push(h);
      out.push(e.feit < 0 ? -1 : view.plaats(e.feit));
      out.push(e.maand);
      out.push(e.tekst);
      out.push(e.args.length);
      for (const a of e.args) out.push(a);
      out.push(e.feiten.length);
      for (const j of e.feiten) out.push(view.plaats(j));
      cel.count++;
    }
    pending = [];
  }
  return { cellen, teksten };
};

/** The paths of every cell of a report, in its order. */
export const cellenVan = (rapport: Jaarrapport): string[] => FIGUREN.flatMap((f) => [...f.cellen(rapport)]);

/** Reads the entry at `at` of a cell's numbers; returns the next entry's start. */
interface Gelezen {
  h: number;
  feit: number;
  maand: number;
  tekst: number;
  args: number[];
  feiten: number[];
  next: number;
}

const lees = (d: Float64Array, at: number, into: Gelezen): void => {
  let p = at;
  into.h = d[p++] as number;
  into.feit = d[p++] as number;
  into.maand = d[p++] as number;
  into.tekst = d[p++] as number;
  const nArgs = d[p++] as number;
  // Fresh arrays: a toelichting may keep its numbers (they are small).
  const args = new Array<number>(nArgs);
  for (let k = 0; k < nArgs; k++) args[k] = d[p++] as number;
  into.args = args;
  const nFeiten = d[p++] as number;
  const feiten = into.feiten;
  feiten.length = nFeiten;
  for (let k = 0; k < nFeiten; k++) feiten[k] = d[p++] as number;
  into.next = p;
};

/** The eventIds of household h's facts recorded after `cutoff`, in recorded order. */
const lateFeiten = (state: ProjectionState, h: number, cutoff: number): string[] => {
  const ids: string[] = [];
  const chunks = state.chunks;
  forEachRun(state, h, (chunk, first, take) => {
    const c = chunks.indexOf(chunk);
    for (let o = first; o < first + take; o++) {
      if ((chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] as number) > cutoff) {
        ids.push(eventIdAt(state, c * CHUNK_SIZE + o) ?? '');
      }
    }
  });
  return ids;
};

const maakLid = (
  state: ProjectionState,
  v: Verzameling,
  e: Gelezen,
  namen: Namen,
  late: readonly string[] | undefined,
): Lid => {
  const key = state.ids[e.h] as string;
  let feiten: readonly string[];
  if (late === undefined) {
    const ids = new Array<string>(e.feiten.length);
    for (let k = 0; k < ids.length; k++) ids[k] = eventIdAt(state, e.feiten[k] as number) ?? '';
    feiten = ids;
  } else feiten = late;
  const toelichting = (v.teksten[e.tekst] as Tekst)(e.args, namen);
  // Keys in the §8 order: who, maand, feit, feiten, toelichting.
  if (isWerkgeverKey(key)) {
    const werkgever = key.slice(WERKGEVER_KEY.length);
    return e.feit < 0
      ? { werkgever, feiten, toelichting }
      : { werkgever, feit: eventIdAt(state, e.feit) ?? '', feiten, toelichting };
  }
  if (e.maand >= 0) return { huishouden: key, maand: isoMonthOf(e.maand), feiten, toelichting };
  if (e.feit >= 0) return { huishouden: key, feit: eventIdAt(state, e.feit) ?? '', feiten, toelichting };
  return { huishouden: key, feiten, toelichting };
};

function* ledenVan(state: ProjectionState, v: Verzameling, cel: string, namen: Namen): IterableIterator<Lid> {
  const c = v.cellen.get(cel);
  if (c === undefined) return;
  const d = c.entries.data;
  const e: Gelezen = { h: 0, feit: 0, maand: 0, tekst: 0, args: [], feiten: [], next: 0 };
  for (let at = 0; at < c.entries.length; at = e.next) {
    lees(d, at, e);
    yield maakLid(state, v, e, namen, undefined);
  }
}

/**
 * MEETREGELS §8: the members of every cell of `jaarrapport(state, parameters)`. The state must
 * keep eventIds (`emptyState({ eventIds: true })`). The cells are computed at once; each member
 * becomes an object only when it is read.
 */
export const verklaring = (state: ProjectionState, parameters: Parameters): Verklaring => {
  checkEventIds(state);
  const rapport = jaarrapport(state, parameters);
  const cellen = cellenVan(rapport);
  const v = verzamel(state, peilVan(parameters), cellen, inOrde(state));
  const namen = namenVan(state);
  return {
    rapport,
    cellen,
    aantal: (cel) => v.cellen.get(cel)?.count ?? 0,
    leden: (cel) => ledenVan(state, v, cel, namen),
  };
};

/** The key of an entry for a restatement: by fact, by household-month, or by household. */
const sleutelVan = (e: Gelezen): string => (e.feit >= 0 ? `f${e.feit}` : e.maand >= 0 ? `${e.h}:${e.maand}` : `${e.h}`);

const sleutels = (v: Verzameling, cel: string): Set<string> => {
  const set = new Set<string>();
  const c = v.cellen.get(cel);
  if (c === undefined) return set;
  const e: Gelezen = { h: 0, feit: 0, maand: 0, tekst: 0, args: [], feiten: [], next: 0 };
  for (let at = 0; at < c.entries.length; at = e.next) {
    lees(c.entries.data, at, e);
    set.add(sleutelVan(e));
  }
  return set;
};

function* verschilVan(
  state: ProjectionState,
  v: Verzameling,
  ander: Verzameling,
  cel: string,
  namen: Namen,
  cutoff: number,
): IterableIterator<Lid> {
  const c = v.cellen.get(cel);
  if (c === undefined) return;
  const weg = sleutels(ander, cel);
  const e: Gelezen = { h: 0, feit: 0, maand: 0, tekst: 0, args: [], feiten: [], next: 0 };
  for (let at = 0; at < c.entries.length; at = e.next) {
    lees(c.entries.data, at, e);
    if (weg.has(sleutelVan(e))) continue;
    yield maakLid(state, v, e, namen, lateFeiten(state, e.h, cutoff));
  }
}

const telVerschil = (v: Verzameling, ander: Verzameling, cel: string): number => {
  const weg = sleutels(ander, cel);
  let n = 0;
  for (const k of sleutels(v, cel)) if (!weg.has(k)) n++;
  return n;
};

/**
 * MEETREGELS §8, restatement: per cell the members counted now and not at the kennisdatum T of
 * `parameters` (erbij), and the other way round (eraf); len(erbij) − len(eraf) is the cell's
 * difference in `herziening`. Both sides use the parameters' other dates.
 */
export const verklaringHerziening = (state: ProjectionState, parameters: Parameters): VerklaringHerziening => {
  checkEventIds(state);
  if (parameters.kennisdatum === null) throw new RangeError('verklaringHerziening: geef een kennisdatum T');
  const toenParameters = parameters;
  const nuParameters = { ...parameters, kennisdatum: null };
  const gepubliceerd = jaarrapport(state, toenParameters);
  const nu = jaarrapport(state, nuParameters);
  const cellen = [...new Set([...cellenVan(nu), ...cellenVan(gepubliceerd)])];
  const volgorde = inOrde(state);
  const toenPeil = peilVan(toenParameters);
  const toen = verzamel(state, toenPeil, cellen, volgorde);
  const nuV = verzamel(state, peilVan(nuParameters), cellen, volgorde);
  const namen = namenVan(state);
  return {
    gepubliceerd,
    nu,
    cellen,
    erbij: (cel) => verschilVan(state, nuV, toen, cel, namen, toenPeil.cutoff),
    eraf: (cel) => verschilVan(state, toen, nuV, cel, namen, toenPeil.cutoff),
    aantalErbij: (cel) => telVerschil(nuV, toen, cel),
    aantalEraf: (cel) => telVerschil(toen, nuV, cel),
  };
};

/** The value of a cell in a report (0 for a cell the report does not have). */
export const waardeVan = (rapport: Jaarrapport, cel: string): number => {
  const overgang = /^participatie\.overgangen\.(\d+)-(\d+)$/.exec(cel);
  if (overgang !== null) {
    const o = rapport.participatie.overgangen.find((x) => `${x.van}-${x.naar}` === `${overgang[1]}-${overgang[2]}`);
    return o?.aantal ?? 0;
  }
  let node: unknown = rapport;
  let pad = cel;
  if (cel.startsWith('trajecten.')) {
    const suffix = TRAJECT_CELLEN.find((s) => cel.endsWith(`.${s}`));
    if (suffix === undefined) return 0;
    node = rapport.trajecten[cel.slice('trajecten.'.length, -(suffix.length + 1))];
    pad = suffix;
  }
  for (const part of pad.split('.')) {
    if (typeof node !== 'object' || node === null) return 0;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' ? node : 0;
};
