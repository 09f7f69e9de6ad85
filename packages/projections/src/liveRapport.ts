// A live §5 report for one set of parameters (issue 3: "a live dashboard and a full replay give
// the same number"). It keeps each household's contribution to every count and the totals; a
// new fact re-derives only its own household, takes its old contribution back and adds the new
// one. It goes through the same `apply` and the same figures (the registry) as a replay.
import type { Recorded } from '@zelfredzaam/domain';
import { BronHash, type BronTellingen, bronTellingen, bronVan } from './bron.js';
import { settle, viewOf } from './engine/cache.js';
import { recordedAtMs } from './engine/encoding.js';
import { record } from './engine/record.js';
import { apply, entityKey, isWerkgeverKey, type ProjectionState } from './engine/state.js';
import { FIGUREN } from './figuren/registry.js';
import { type Peil, peilVan } from './parameters.js';
import { BIJDRAGE_SIZE, bijdrageVan, MET_SLEUTELS, sleutelDeelLengte, Telling } from './telling.js';
import type { Jaarrapport, Parameters } from './types.js';

export class LiveRapport {
  private readonly peil: Peil;
  private readonly telling = new Telling();
  /** BIJDRAGE_SIZE numbers per household: what it adds to the counts now. */
  private bijdragen: Float64Array;
  /** Per figure with a part per key (by registry index): each household's part, when it has one. */
  private readonly sleutels: Map<number, Float64Array>[] = FIGUREN.map(() => new Map());
  /** §5 bron: the digest of the facts given since, when the state started empty. */
  private readonly hash: BronHash | undefined;
  private readonly versie: string | null;
  /** §5 bron's counts, kept fact by fact (counting them again would read every household). */
  private readonly bron: BronTellingen;

  /**
   * Takes `state` over: from now on, give it new facts only through `apply` of this report, or
   * the report falls behind. Queries on `state` (e.g. other parameters) stay fine.
   */
  constructor(
    readonly state: ProjectionState,
    readonly parameters: Parameters,
    /**
     * For §5 `bron`: the tool's version, and whether to hash the facts (`sha256`; only from an
     * empty state, as the digest must cover every fact known).
     */
    opties: { readonly versie?: string; readonly sha256?: boolean } = {},
  ) {
    this.peil = peilVan(parameters);
    this.versie = opties.versie ?? null;
    this.hash = opties.sha256 === true && state.facts === 0 ? new BronHash([parameters.kennisdatum]) : undefined;
    settle(state);
    this.bron = bronTellingen(state, this.peil.cutoff);
    this.bijdragen = new Float64Array(Math.max(1024, state.households) * BIJDRAGE_SIZE);
    for (let h = 0; h < state.households; h++) this.herbereken(h);
  }

  /** Folds one new fact into the state and updates the report: O(facts of its household). */
  apply(event: Recorded): this {
    const key = entityKey(event);
    const before = this.state.index.get(key);
    // Every household is derived (settled, or re-derived after its last fact), so its recordedAt
    // range is known: did it have a fact known at the cut-off before this one?
    const bekend = before !== undefined && (this.state.recordedRange[2 * before] as number) <= this.peil.cutoff;
    apply(this.state, event);
    this.hash?.voegToe(event);
    const recordedAt = recordedAtMs(event.recordedAt);
    if (recordedAt <= this.peil.cutoff) {
      this.bron.feiten++;
      if (!bekend && !isWerkgeverKey(key)) this.bron.huishoudens++;
      if (recordedAt > this.bron.laatste) this.bron.laatste = recordedAt;
    }
    const h = this.state.index.get(key);
    if (h !== undefined) this.herbereken(h);
    return this;
  }

  /**
   * The report now; equal to `jaarrapport(state, parameters, {sha256, versie})`. `bron.sha256` is
   * there when the report started from an empty state (it has seen every fact), else null.
   */
  rapport(): Jaarrapport {
    return this.telling.rapport(
      this.peil,
      this.state.soorten.list,
      bronVan(this.bron, { sha256: this.hash === undefined ? null : this.hashNu(), versie: this.versie }),
    );
  }

  /** The digest of the facts so far. */
  private hashNu(): string | null {
    return this.hash?.sha256(this.parameters.kennisdatum) ?? null;
  }

  private herbereken(h: number): void {
    const at = h * BIJDRAGE_SIZE;
    if (at + BIJDRAGE_SIZE > this.bijdragen.length) {
      const grown = new Float64Array(this.bijdragen.length * 2);
      grown.set(this.bijdragen);
      this.bijdragen = grown;
    }
    this.telling.voegToe(this.bijdragen, at, -1);
    for (const i of MET_SLEUTELS) {
      const kept = this.sleutels[i]?.get(h);
      if (kept !== undefined) {
        this.telling.voegSleutelsToe(i, kept, -1);
        this.sleutels[i]?.delete(h);
      }
    }
    const view = viewOf(this.state, h, this.peil.cutoff);
    if (view === undefined) this.bijdragen.fill(0, at, at + BIJDRAGE_SIZE);
    else {
      const v = record.zet(view.buf, view.off);
      bijdrageVan(v, this.peil, this.bijdragen, at);
      for (const i of MET_SLEUTELS) {
        const f = FIGUREN[i];
        const part = f?.perSleutel(v, this.peil);
        if (f === undefined || part === undefined) continue;
        const kept = part.slice(0, sleutelDeelLengte(part, f.sleutelSlots));
        this.sleutels[i]?.set(h, kept);
        this.telling.voegSleutelsToe(i, kept, 1);
      }
    }
    this.telling.voegToe(this.bijdragen, at, 1);
  }
}
