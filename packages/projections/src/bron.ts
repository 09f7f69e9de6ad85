// MEETREGELS §5 `bron` and `nietGemeten`: what a report was made from. The counts come from the
// fold state (the facts known at the kennisdatum T); the SHA-256 of those facts as canonical
// NDJSON (§6: the export's line, domain `encode`) in recorded order needs the facts themselves,
// so whoever reads them (a replay, the CLI) hashes them on the way with a BronHash, one digest
// per kennisdatum. Hashing is a pure function of the facts (no clock, no I/O).
import { createHash, type Hash } from 'node:crypto';
import { encode, formatInstant, kennisdatumCutoff, parseInstant, type Recorded } from '@zelfredzaam/domain';
import { settle } from './engine/cache.js';
import {
  SOORT_ALLIANTIE,
  SOORT_IN_BEELD,
  SOORT_INKOMSTEN,
  SOORT_MINIMA,
  SOORT_PLAATSING,
  SOORT_SCHULDHULP,
  SOORT_TRAJECT,
  SOORT_TREDE,
} from './engine/derive.js';
import {
  F_RECORDED_AT,
  FACT_FLOATS,
  forEachRun,
  H_COUNT,
  HOUSE_INTS,
  isWerkgeverKey,
  type ProjectionState,
} from './engine/state.js';
import { IN_RAPPORT } from './figuren/registry.js';
import type { Bron, NietGemeten } from './types.js';

/** The rule version of MEETREGELS.md these figures implement. */
export const MEETREGELS_VERSIE = '2.0';

/** §5: the figures of `nietGemeten`, in its order, with the bit of the kind of fact each needs. */
// (Each figure of the registry says which kind it needs, `feitSoort`; the §5 order is theirs.)
export const NIET_GEMETEN: readonly (readonly [NietGemeten, number])[] = IN_RAPPORT.filter(
  (f) => f.feitSoort !== 0,
).map((f) => [f.naam as NietGemeten, f.feitSoort] as const);

/** The bits of the kinds of fact, in the order of the counters a Telling keeps of them. */
export const SOORT_BITS = [
  SOORT_INKOMSTEN,
  SOORT_TREDE,
  SOORT_TRAJECT,
  SOORT_PLAATSING,
  SOORT_IN_BEELD,
  SOORT_MINIMA,
  SOORT_SCHULDHULP,
  SOORT_ALLIANTIE,
] as const;

/** `nietGemeten` from the number of households (or employers) that have each kind (`heeft(bit)`). */
export const nietGemetenUit = (heeft: (bit: number) => number): NietGemeten[] =>
  NIET_GEMETEN.filter(([, bit]) => heeft(bit) === 0).map(([figuur]) => figuur);

/** The canonical NDJSON line of a fact (§6), terminator included: what `export` writes. */
export const canonicalLine = (feit: Recorded): string => `${JSON.stringify(encode(feit))}\n`;

/** What the caller adds to `bron`: the digest of the facts and the tool's version. */
export interface BronHerkomst {
  readonly sha256?: string | null;
  readonly versie?: string | null;
}

/** The counts of `bron`: facts known at the cut-off, the huishoudens among them, the latest recordedAt (ms). */
export interface BronTellingen {
  feiten: number;
  huishoudens: number;
  laatste: number;
}

/**
 * The counts of `bron` from the state: the facts with recordedAt ≤ cutoff, the distinct
 * huishoudens among them and the latest recordedAt.
 */
export const bronTellingen = (state: ProjectionState, cutoff: number): BronTellingen => {
  let feiten = 0;
  let huishoudens = 0;
  let laatste = Number.NEGATIVE_INFINITY;
  // Every household's recordedAt range is kept with its derived record: a household known
  // wholly at the cut-off (always, without a kennisdatum) is counted without reading its facts.
  settle(state);
  const range = state.recordedRange;
  for (let h = 0; h < state.households; h++) {
    const count = state.house[h * HOUSE_INTS + H_COUNT] as number;
    if (count === 0 || (range[2 * h] as number) > cutoff) continue;
    let bekend = 0;
    if ((range[2 * h + 1] as number) <= cutoff) {
      bekend = count;
      if ((range[2 * h + 1] as number) > laatste) laatste = range[2 * h + 1] as number;
    } else
      forEachRun(state, h, (chunk, first, take) => {
        for (let o = first; o < first + take; o++) {
          const recordedAt = chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] as number;
          if (recordedAt > cutoff) continue;
          bekend++;
          if (recordedAt > laatste) laatste = recordedAt;
        }
      });
    if (bekend === 0) continue;
    feiten += bekend;
    if (!isWerkgeverKey(state.ids[h] ?? '')) huishoudens++;
  }
  return { feiten, huishoudens, laatste };
};

/** `bron` from its counts and what the caller adds (the digest, the tool's version). */
export const bronVan = (t: BronTellingen, herkomst: BronHerkomst = {}): Bron => ({
  feiten: t.feiten,
  huishoudens: t.huishoudens,
  laatsteRecordedAt: t.laatste === Number.NEGATIVE_INFINITY ? null : formatInstant(t.laatste),
  sha256: herkomst.sha256 ?? null,
  meetregels: MEETREGELS_VERSIE,
  versie: herkomst.versie ?? null,
});

/** `bron` of the facts known at the cut-off (bronTellingen, bronVan). */
export const bronUitState = (state: ProjectionState, cutoff: number, herkomst: BronHerkomst = {}): Bron =>
  bronVan(bronTellingen(state, cutoff), herkomst);

/** The cut-off of a kennisdatum (null: everything recorded). */
const cutoffVan = (kennisdatum: string | null): number =>
  kennisdatum === null ? Number.POSITIVE_INFINITY : (kennisdatumCutoff(kennisdatum) ?? Number.NaN);

/**
 * The SHA-256 of the facts known at each of a few kennisdatums, as canonical NDJSON in recorded
 * order: give it every fact, in recorded order, with `voegToe`; then ask `sha256(kennisdatum)`.
 */
export class BronHash {
  private readonly delen: { readonly kennisdatum: string | null; readonly cutoff: number; readonly hash: Hash }[];
  /** Gives the digests made elsewhere (verwachtElders), once; then `elders` holds them. */
  private wacht: (() => ReadonlyMap<string | null, string>) | undefined;
  private elders: ReadonlyMap<string | null, string> | undefined;
  /** Whether a fact was hashed here (then none can come from elsewhere). */
  private gevuld = false;

  constructor(kennisdatums: Iterable<string | null>) {
    this.delen = [...new Set(kennisdatums)].map((kennisdatum) => ({
      kennisdatum,
      cutoff: cutoffVan(kennisdatum),
      hash: createHash('sha256'),
    }));
  }

  /**
   * Whether a digest leaves out facts recorded after its kennisdatum: only then does voegToeRegel
   * read the recordedAt it is given (a reader can skip computing it otherwise).
   */
  get metKennisdatum(): boolean {
    return this.delen.some((deel) => deel.kennisdatum !== null);
  }

  /**
   * The kennisdatums of the digests and the cut-off each uses (ms; +∞ for none): a fact recorded
   * at r counts for a digest when r ≤ its cut-off (or it has no kennisdatum). For a reader that
   * hashes elsewhere (verwachtElders).
   */
  get afkappunten(): readonly { readonly kennisdatum: string | null; readonly cutoff: number }[] {
    return this.delen.map(({ kennisdatum, cutoff }) => ({ kennisdatum, cutoff }));
  }

  /**
   * The digests of every fact, made elsewhere (`report --from` hashes on another thread while the
   * reports are counted here): `wacht` gives them per kennisdatum, waiting for them if need be,
   * and is called when a digest is first asked for. Only on a hash that has no facts yet; no fact
   * can be added after.
   */
  verwachtElders(wacht: () => ReadonlyMap<string | null, string>): void {
    if (this.gevuld || this.wacht !== undefined || this.elders !== undefined) {
      throw new Error('BronHash.verwachtElders: deze hash heeft al feiten of verwacht ze al van elders');
    }
    this.wacht = wacht;
  }

  private assertHier(): void {
    if (this.wacht !== undefined || this.elders !== undefined) {
      throw new Error('BronHash: de feiten van deze hash worden elders gehasht; er kan hier niets bij');
    }
    this.gevuld = true;
  }

  /** The next fact in recorded order. */
  voegToe(feit: Recorded): void {
    this.assertHier();
    const line = canonicalLine(feit);
    const recordedAt =
      this.delen.length === 1 && this.delen[0]?.kennisdatum === null ? 0 : parseInstant(feit.recordedAt);
    for (const deel of this.delen) {
      if (deel.kennisdatum === null || (recordedAt !== undefined && recordedAt <= deel.cutoff)) deel.hash.update(line);
    }
  }

  /**
   * The next fact in recorded order as its canonical line (`canonicalLine`, as bytes or text) and
   * its recordedAt in milliseconds: for a reader that has the lines already (`report --from`'s
   * parallel reader hashes what its worker threads wrote, in file order).
   */
  voegToeRegel(line: string | Uint8Array, recordedAt: number): void {
    this.assertHier();
    for (const deel of this.delen) {
      if (deel.kennisdatum === null || recordedAt <= deel.cutoff) deel.hash.update(line);
    }
  }

  /**
   * The digest (hex) of the facts so far for `kennisdatum`, one of those given to the
   * constructor; undefined otherwise. More facts may follow.
   */
  sha256(kennisdatum: string | null): string | undefined {
    // Kept until it has given them: one that fails fails again, never an empty digest from here.
    if (this.wacht !== undefined) {
      this.elders = this.wacht();
      this.wacht = undefined;
    }
    if (this.elders !== undefined) {
      return this.delen.some((d) => d.kennisdatum === kennisdatum) ? this.elders.get(kennisdatum) : undefined;
    }
    return this.delen
      .find((d) => d.kennisdatum === kennisdatum)
      ?.hash.copy()
      .digest('hex');
  }
}

/** The SHA-256 of `bron` for facts given in recorded order, known at `kennisdatum`. */
export const sha256Van = (feiten: Iterable<Recorded>, kennisdatum: string | null = null): string => {
  const hash = new BronHash([kennisdatum]);
  for (const feit of feiten) hash.voegToe(feit);
  return hash.sha256(kennisdatum) ?? '';
};
