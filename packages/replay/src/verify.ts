// `verify`: every stored fact replayed through the decider, per stream (a household's, or an
// employer's: §7.1), fact by fact in recorded order (MEETREGELS §2, §7.1). A store only takes facts that fit, so a breach means the
// store was changed around the decider; it is reported, and then left out of the household's
// history, as the projections' lenient replay leaves it out of the figures.
import {
  decide,
  type FeitType,
  feitTypes,
  type Identified,
  type Recorded,
  streamNameOf,
  subjectOf,
} from '@zelfredzaam/domain';
import { isLeft } from 'fp-ts/lib/Either.js';

export interface Schending {
  /** The household of the stream; for an employer's stream (§7.1) the werkgever. */
  readonly huishouden: string;
  /** The store's position of the fact, when known. */
  readonly positie: string | undefined;
  readonly code: string;
  readonly bericht: string;
}

export interface Controle {
  readonly feiten: number;
  /** Streams of households. */
  readonly huishoudens: number;
  /** Streams of employers (§7.1). */
  readonly werkgevers: number;
  readonly schendingen: readonly Schending[];
  /** Facts per type and year: the year of the datum or maand; of a retraction, of its recordedAt. */
  readonly perSoortEnJaar: ReadonlyMap<FeitType, ReadonlyMap<number, number>>;
}

const yearOf = (feit: Recorded): number => {
  const text =
    feit.type === 'InkomstenOntvangen'
      ? feit.maand
      : feit.type === 'GebeurtenisIngetrokken'
        ? feit.recordedAt
        : feit.datum;
  return Number(text.slice(0, 4));
};

/** A verifier fed fact by fact (memory: the history of every household). */
export const createVerifier = () => {
  const histories = new Map<string, Identified[]>();
  const schendingen: Schending[] = [];
  const counts = new Map<FeitType, Map<number, number>>();
  let feiten = 0;
  let werkgevers = 0;
  return {
    add(feit: Recorded, positie?: string): void {
      feiten++;
      const year = yearOf(feit);
      let perYear = counts.get(feit.type);
      if (perYear === undefined) {
        perYear = new Map();
        counts.set(feit.type, perYear);
      }
      perYear.set(year, (perYear.get(year) ?? 0) + 1);

      const stream = streamNameOf(feit);
      const { categorie, id } = subjectOf(feit);
      let history = histories.get(stream);
      if (history === undefined) {
        history = [];
        histories.set(stream, history);
        if (categorie === 'werkgever') werkgevers++;
      }
      const decided = decide(history, [feit]);
      if (isLeft(decided)) {
        schendingen.push({
          huishouden: id,
          positie,
          code: decided.left.code,
          bericht: decided.left.bericht,
        });
      } else if (decided.right.length === 0) {
        schendingen.push({
          huishouden: id,
          positie,
          code: 'DUBBEL',
          bericht: `${categorie} ${id}: ${feit.type} (eventId ${feit.eventId}) staat twee keer in de store`,
        });
      } else {
        history.push(feit);
      }
    },
    /**
     * A stored fact that does not decode (issue 17, point 7): a breach naming its position and its
     * stream, pseudonymised (`stream` is given as safe to print), and how to set it aside.
     */
    addOnleesbaar(stream: string, revisie: number, positie: string | undefined, reden: string): void {
      schendingen.push({
        huishouden: stream,
        positie,
        code: 'ONLEESBAAR',
        bericht: `stream ${stream}, revisie ${revisie}: opgeslagen feit onleesbaar — ${reden}; het telt nergens mee. Zet het apart met: zelfredzaam intrekken --positie ${positie ?? 'N'}`,
      });
    },
    result(): Controle {
      const ordered = new Map<FeitType, ReadonlyMap<number, number>>();
      for (const type of feitTypes) {
        const perYear = counts.get(type);
        if (perYear !== undefined) ordered.set(type, new Map([...perYear].sort((a, b) => a[0] - b[0])));
      }
      return { feiten, huishoudens: histories.size - werkgevers, werkgevers, schendingen, perSoortEnJaar: ordered };
    },
  };
};

/** The check of a whole history given in recorded order. */
export const controleer = (feiten: Iterable<Recorded>): Controle => {
  const verifier = createVerifier();
  for (const feit of feiten) verifier.add(feit);
  return verifier.result();
};
