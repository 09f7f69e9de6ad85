// MEETREGELS §8 for one household: its timeline (every fact known at the cut-off in §1 order,
// with recordedAt; retracted facts and facts the lenient replay skipped marked with why) and
// every cell it belongs to, with the toelichting.
import {
  firstDayOfMonth,
  formatInstant,
  isoDateOf,
  isoMonthOf,
  LIFECYCLE_RULES,
  TRANSITION_LOOPT_DOOR,
  TRANSITION_START,
  TRANSITION_TERUGVAL_WW,
  TRANSITION_TERUGVAL_WWB,
  UIT_REDENEN,
} from '@zelfredzaam/domain';
import {
  isInkomstenKind,
  isLevensloopKind,
  KIND_ALLIANTIE,
  KIND_GEPLAATST,
  KIND_IN_BEELD,
  KIND_INKOMSTEN_LOONDIENST,
  KIND_INTREKKING,
  KIND_MINIMA,
  KIND_ONBEKEND,
  KIND_SCHULDHULP_EINDE,
  KIND_SCHULDHULP_START,
  KIND_TRAJECT_EINDE,
  KIND_TRAJECT_START,
  KIND_TREDE,
  kindOf,
  PLAATSING_SOORTEN,
  SCHULDHULP_RESULTATEN,
  TRAJECT_RESULTATEN,
} from '../engine/encoding.js';
import {
  GEBRUIKT,
  HuishoudenView,
  INGETROKKEN,
  REDEN_ALLIANTIE_DUBBEL,
  REDEN_DUBBEL,
  REDEN_EINDE_ZONDER_START,
  REDEN_GEEN_BIJSTAND_IN_MAAND,
  REDEN_INTREKKING_ONBEKEND,
  REDEN_LEVENSLOOP,
  REDEN_ONBEKEND_TYPE,
  REDEN_TRAJECT_DUBBEL,
} from '../engine/huishouden.js';
import { eventIdAt, type ProjectionState, WERKGEVER_KEY } from '../engine/state.js';
import { euro, type Leden, type LidOpties, type Namen, type Tekst } from '../figuren/figuur.js';
import { FIGUREN } from '../figuren/registry.js';
import { peilVan } from '../parameters.js';
import type { Parameters } from '../types.js';

/** One fact of a household's timeline. */
export interface TijdlijnFeit {
  readonly eventId: string;
  /** What the fact says, in short (its type and main fields). */
  readonly omschrijving: string;
  /** Its datum, or for income its maand; absent for a retraction. */
  readonly datum?: string;
  readonly recordedAt: string;
  readonly status: 'gebruikt' | 'ingetrokken' | 'overgeslagen';
  /** Why it was retracted or skipped. */
  readonly waarom?: string;
}

/** A cell a household belongs to, with the entry. */
export interface HuishoudenCel {
  readonly cel: string;
  readonly maand?: string;
  readonly feit?: string;
  readonly feiten: readonly string[];
  readonly toelichting: string;
}

export interface HuishoudenVerklaring {
  readonly huishouden: string;
  readonly tijdlijn: readonly TijdlijnFeit[];
  readonly cellen: readonly HuishoudenCel[];
}

const REGEL: Readonly<Record<string, string>> = {
  UITKERING_LOOPT_AL: 'er loopt op die datum al een bijstandsuitkering',
  GEEN_BIJSTAND: 'er loopt op die datum geen bijstand',
  GEEN_UITSTROOM: 'er ging geen uitstroom aan vooraf',
  AL_WW: 'het huishouden heeft op die datum al WW',
};

const waarom = (h: HuishoudenView, j: number, id: (j: number) => string): string | undefined => {
  if (h.status(j) === INGETROKKEN) {
    const r = h.waarom(j);
    return `ingetrokken door ${id(r)} (vastgelegd ${formatInstant(h.recordedAt(r))})`;
  }
  if (h.status(j) === GEBRUIKT) return undefined;
  const w = h.waarom(j);
  if (w % 16 === REDEN_LEVENSLOOP && w >= 16) {
    const rule = LIFECYCLE_RULES[Math.floor(w / 16) - 1] ?? 'GEEN_BIJSTAND';
    return `overgeslagen: past niet in de levensloop, ${REGEL[rule]} (MEETREGELS §2, ${rule})`;
  }
  switch (w) {
    case REDEN_DUBBEL:
      return 'overgeslagen: dit eventId kwam al eerder voor';
    case REDEN_INTREKKING_ONBEKEND:
      return 'overgeslagen: intrekking van een onbekend of al ingetrokken feit, of van een intrekking';
    case REDEN_ONBEKEND_TYPE:
      return 'overgeslagen: feittype of waarde onbekend in deze versie';
    case REDEN_GEEN_BIJSTAND_IN_MAAND:
      return 'overgeslagen: geen dag bijstand in die maand';
    case REDEN_TRAJECT_DUBBEL:
      return 'overgeslagen: dit trajectId is al door een eerdere start gebruikt';
    case REDEN_EINDE_ZONDER_START:
      return 'overgeslagen: geen lopend traject met dit trajectId op of vóór die datum';
    case REDEN_ALLIANTIE_DUBBEL:
      return 'overgeslagen: de werkgever heeft al een alliantie';
    default:
      return 'overgeslagen';
  }
};

const omschrijving = (h: HuishoudenView, j: number, namen: Namen): string => {
  const kind = h.soort(j);
  if (isLevensloopKind(kind)) {
    if (kind === TRANSITION_START) return 'UitkeringGestart';
    if (kind === TRANSITION_LOOPT_DOOR) return 'InLoondienstGetreden of EigenOndernemingGestart, uitkering loopt door';
    if (kind === TRANSITION_TERUGVAL_WWB) return 'Teruggevallen op WWB';
    if (kind === TRANSITION_TERUGVAL_WW) return 'Teruggevallen op WW';
    const reden = UIT_REDENEN[kind - 4] ?? 'overig';
    if (reden === 'loondienst') return 'InLoondienstGetreden, uitkering beëindigd';
    if (reden === 'onderneming') return 'EigenOndernemingGestart, uitkering beëindigd';
    if (reden === 'opleiding') return 'OpleidingGestart';
    return `UitkeringBeeindigd, reden ${reden}`;
  }
  if (isInkomstenKind(kind)) {
    return `InkomstenOntvangen ${kind === KIND_INKOMSTEN_LOONDIENST ? 'loondienst' : 'onderneming'} ${euro(h.bedrag(j))}`;
  }
  if (kind === KIND_INTREKKING) return 'GebeurtenisIngetrokken';
  if (kind === KIND_ONBEKEND) return 'onbekend feit';
  const extra = h.extra(j);
  switch (kindOf(kind)) {
    case KIND_TREDE:
      return `ParticipatieTredeVastgesteld, trede ${h.bedrag(j)}`;
    case KIND_TRAJECT_START:
      return `TrajectGestart ${namen.soorten[extra]}, traject ${namen.trajectIds[h.bedrag(j)]}`;
    case KIND_TRAJECT_EINDE:
      return `TrajectBeeindigd, traject ${namen.trajectIds[h.bedrag(j)]}, resultaat ${TRAJECT_RESULTATEN[extra]}`;
    case KIND_GEPLAATST:
      return `Geplaatst, ${PLAATSING_SOORTEN[extra]}`;
    case KIND_IN_BEELD:
      return 'InBeeldGebracht';
    case KIND_MINIMA:
      return `MinimaregelingToegekend, ${namen.regelingen[h.bedrag(j)]}`;
    case KIND_SCHULDHULP_START:
      return `SchuldhulpGestart, traject ${namen.trajectIds[h.bedrag(j)]}`;
    case KIND_SCHULDHULP_EINDE:
      return `SchuldhulpBeeindigd, traject ${namen.trajectIds[h.bedrag(j)]}, resultaat ${SCHULDHULP_RESULTATEN[extra]}`;
    case KIND_ALLIANTIE:
      return 'AllianceGesloten';
    default:
      return 'onbekend feit';
  }
};

const MS_PER_DAY = 86_400_000;

/**
 * One household's timeline and cells for `parameters` (its kennisdatum limits what is known), or
 * undefined when the state has no fact of that household known then. `werkgever: true` looks up
 * an employer (§7.1) instead.
 */
export const verklaarHuishouden = (
  state: ProjectionState,
  parameters: Parameters,
  id: string,
  opties: { readonly werkgever?: boolean } = {},
): HuishoudenVerklaring | undefined => {
  const key = opties.werkgever === true ? `${WERKGEVER_KEY}${id}` : id;
  const h = state.index.get(key);
  if (h === undefined) return undefined;
  const peil = peilVan(parameters);
  const view = new HuishoudenView().laad(state, h, peil.cutoff);
  if (view.feiten === 0) return undefined;
  const namen: Namen = {
    soorten: state.soorten.list,
    trajectIds: state.trajectIds.list,
    regelingen: state.regelingen.list,
  };
  const eventId = (j: number): string => eventIdAt(state, view.plaats(j)) ?? '';
  // §1 order: datum (a month's first day for income; a retraction at the day it was recorded).
  const dagVan = (j: number): number => {
    const kind = view.soort(j);
    if (kind === KIND_INTREKKING) return Math.floor(view.recordedAt(j) / MS_PER_DAY);
    if (isInkomstenKind(kind)) return firstDayOfMonth(view.wanneer(j));
    return view.wanneer(j);
  };
  const order = Array.from({ length: view.feiten }, (_, j) => j);
  const key2 = dagVan;
  order.sort((a, b) => key2(a) - key2(b) || a - b);
  const tijdlijn: TijdlijnFeit[] = order.map((j) => {
    const kind = view.soort(j);
    const why = waarom(view, j, eventId);
    const datum =
      kind === KIND_INTREKKING
        ? undefined
        : isInkomstenKind(kind)
          ? isoMonthOf(view.wanneer(j))
          : isoDateOf(view.wanneer(j));
    return {
      eventId: eventId(j),
      omschrijving: omschrijving(view, j, namen),
      ...(datum === undefined ? {} : { datum }),
      recordedAt: formatInstant(view.recordedAt(j)),
      status:
        view.status(j) === GEBRUIKT ? 'gebruikt' : view.status(j) === INGETROKKEN ? 'ingetrokken' : 'overgeslagen',
      ...(why === undefined ? {} : { waarom: why }),
    };
  });
  const cellen: HuishoudenCel[] = [];
  const leden: Leden = {
    namen,
    lid(cel: string, feiten: readonly number[], tekst: Tekst, args: readonly number[], o: LidOpties = {}) {
      cellen.push({
        cel,
        ...(o.maand === undefined ? {} : { maand: isoMonthOf(o.maand) }),
        ...(o.feit === undefined ? {} : { feit: eventId(o.feit) }),
        feiten: [...feiten].sort((a, b) => key2(a) - key2(b) || a - b).map(eventId),
        toelichting: tekst(args, namen),
      });
    },
  };
  for (const figuur of FIGUREN) figuur.verklaar(view, peil, leden);
  return { huishouden: id, tijdlijn, cellen };
};
