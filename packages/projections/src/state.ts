// The fold state of the projections (STYLE §3: a projection is a fold plus a query).
// Facts are kept compactly (32 bytes each, no JS object per fact, issue 6) in large chunks that
// never move, so the fold never copies what it already holds. A household's facts sit in a chain
// of small contiguous blocks (4, 8, then 16 facts), so deriving it reads a few cache lines in a
// row instead of chasing one pointer per fact. Each household keeps a derived record (its
// lifecycle transitions, income per year and skipped count; derive.ts), rebuilt lazily when the
// household is dirty: a late fact or a retraction costs only its own household, and `apply`
// stays O(1).
// An employer's facts (MEETREGELS §7.1: alliances) live in the same state as an entity of their
// own, under a key no household pseudonym can have; they count in no household figure. The
// strings of §7.1 (trajectIds, soorten, regelingen) are interned: a fact keeps their number.
import { dayOf, type Feit, isWerkgeverFeit, monthIndexOf, type Recorded, transitionOf } from '@zelfredzaam/domain';
import {
  idKey,
  idKeyHigh,
  idKeyLow,
  KIND_ALLIANTIE,
  KIND_GEPLAATST,
  KIND_IN_BEELD,
  KIND_INKOMSTEN_LOONDIENST,
  KIND_INKOMSTEN_ONDERNEMING,
  KIND_INTREKKING,
  KIND_MINIMA,
  KIND_ONBEKEND,
  KIND_SCHULDHULP_EINDE,
  KIND_SCHULDHULP_START,
  KIND_TRAJECT_EINDE,
  KIND_TRAJECT_START,
  KIND_TREDE,
  MAX_EXTRA,
  PLAATSING_SOORTEN,
  recordedAtMs,
  SCHULDHULP_RESULTATEN,
  TRAJECT_RESULTATEN,
  withExtra,
} from './encoding.js';

export const CHUNK_BITS = 16;
export const CHUNK_SIZE = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK_SIZE - 1;

// A fact takes 32 bytes of its chunk: int32 slots 0–3 and float64 slots 2–3 of its place, so
// reading a fact touches one cache line, not one per column.
export const FACT_INTS = 8;
export const FACT_FLOATS = 4;
/** int32 slot: the kind code (encoding.ts). */
export const F_KIND = 0;
/** int32 slot: day number (lifecycle facts), month index (income), or the high half of a retraction's target key. */
export const F_WHEN = 1;
/** int32 slot: income in cents, or the low half of a retraction's target key. */
export const F_AMOUNT = 2;
/** int32 slot, in a block's first fact only: the household's next block; −1 at its end. */
export const F_NEXT = 3;
/** float64 slot: recordedAt in milliseconds. */
export const F_RECORDED_AT = 2;
/** float64 slot: the 53-bit key of the fact's eventId. */
export const F_ID = 3;

/** Facts per block: the b-th block of a household (from 0) holds 4, 8, then 16 facts. */
export const blockSize = (b: number): number => (b === 0 ? 4 : b === 1 ? 8 : 16);
const MAX_BLOCK = 16;

/** One chunk of CHUNK_SIZE fact places: one buffer, seen as int32 and as float64 slots. */
export class FactChunk {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  constructor() {
    const buffer = new ArrayBuffer(CHUNK_SIZE * FACT_INTS * 4);
    this.ints = new Int32Array(buffer);
    this.floats = new Float64Array(buffer);
  }
}

const INITIAL_HOUSEHOLDS = 1024;

/**
 * The key of an employer in the state: `/` never occurs in a pseudonym (MEETREGELS §1), so an
 * employer never meets a household, also one with the same pseudonym.
 */
export const WERKGEVER_KEY = 'werkgever/';

/** The key of a fact's household, or of its employer (§7.1). */
export const entityKey = (feit: Feit): string =>
  isWerkgeverFeit(feit) ? `${WERKGEVER_KEY}${feit.werkgever}` : feit.huishouden;

export const isWerkgeverKey = (key: string): boolean => key.startsWith(WERKGEVER_KEY);

/** Strings kept once, each with a number from 0 up (§7.1 trajectIds, soorten, regelingen). */
export class Interning {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  code(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.list.length;
      this.list.push(text);
      this.index.set(text, code);
    }
    return code;
  }
}

/**
 * Everything the projections know: every fact (compactly) and each household's derived record.
 * Owned by whoever folds into it: `apply` mutates it. Read it only through the queries.
 */
export class ProjectionState {
  chunks: FactChunk[] = [];
  /** Number of facts held. */
  facts = 0;
  /** Fact places handed out to blocks (the next free place). */
  places = 0;
  /** Household pseudonyms by dense index. */
  readonly ids: string[] = [];
  readonly index = new Map<string, number>();
  /** First place of each household's first and last block, −1 when none. */
  head = new Int32Array(INITIAL_HOUSEHOLDS);
  tail = new Int32Array(INITIAL_HOUSEHOLDS);
  count = new Int32Array(INITIAL_HOUSEHOLDS);
  minRecordedAt = new Float64Array(INITIAL_HOUSEHOLDS);
  maxRecordedAt = new Float64Array(INITIAL_HOUSEHOLDS);
  /** 1 when the household's derived record is stale. */
  dirty = new Uint8Array(INITIAL_HOUSEHOLDS);
  /** Households that may be dirty: every dirty one is in it (a clean one may be too). */
  dirtyList = new Int32Array(INITIAL_HOUSEHOLDS);
  dirtyCount = 0;
  /** Where each household's derived record starts in `derived`, −1 when it has none yet. */
  derivedAt = new Int32Array(INITIAL_HOUSEHOLDS);
  derivedLength = new Int32Array(INITIAL_HOUSEHOLDS);
  /** The derived records, appended; a re-derived household leaves its old record as garbage. */
  derived = new Float64Array(1 << 16);
  derivedUsed = 0;
  derivedGarbage = 0;
  /** MEETREGELS §7.1: the trajectIds (of both kinds), the trajectories' soorten, the minima schemes. */
  readonly trajectIds = new Interning();
  readonly soorten = new Interning();
  readonly regelingen = new Interning();

  get households(): number {
    return this.ids.length;
  }
}

/** A new, empty state. */
export const emptyState = (): ProjectionState => new ProjectionState();

const grownInt32 = (a: Int32Array, size: number): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(size);
  b.set(a);
  return b;
};
const grownFloat64 = (a: Float64Array, size: number): Float64Array<ArrayBuffer> => {
  const b = new Float64Array(size);
  b.set(a);
  return b;
};

const growHouseholds = (state: ProjectionState): void => {
  const size = state.head.length * 2;
  state.head = grownInt32(state.head, size);
  state.tail = grownInt32(state.tail, size);
  state.count = grownInt32(state.count, size);
  state.minRecordedAt = grownFloat64(state.minRecordedAt, size);
  state.maxRecordedAt = grownFloat64(state.maxRecordedAt, size);
  const dirty = new Uint8Array(size);
  dirty.set(state.dirty);
  state.dirty = dirty;
  state.dirtyList = grownInt32(state.dirtyList, size);
  state.derivedAt = grownInt32(state.derivedAt, size);
  state.derivedLength = grownInt32(state.derivedLength, size);
};

/** The dense index of a household, added when new. */
export const householdIndex = (state: ProjectionState, huishouden: string): number => {
  const known = state.index.get(huishouden);
  if (known !== undefined) return known;
  const h = state.ids.length;
  if (h === state.head.length) growHouseholds(state);
  state.ids.push(huishouden);
  state.index.set(huishouden, h);
  state.head[h] = -1;
  state.tail[h] = -1;
  state.count[h] = 0;
  state.minRecordedAt[h] = Number.POSITIVE_INFINITY;
  state.maxRecordedAt[h] = Number.NEGATIVE_INFINITY;
  state.derivedAt[h] = -1;
  state.derivedLength[h] = 0;
  return h;
};

export const markDirty = (state: ProjectionState, h: number): void => {
  if (state.dirty[h] === 1) return;
  state.dirty[h] = 1;
  if (state.dirtyCount === state.dirtyList.length) {
    // A household derived on its own (a live update) leaves a stale entry behind; rebuild the
    // list from the flags, at most once per `households` entries: O(1) amortised.
    state.dirtyCount = 0;
    for (let k = 0; k < state.households; k++) if (state.dirty[k] === 1) state.dirtyList[state.dirtyCount++] = k;
    return;
  }
  state.dirtyList[state.dirtyCount++] = h;
};

/** Appends one encoded fact to household h (the slots' meaning: F_KIND …). */
export const appendFact = (
  state: ProjectionState,
  h: number,
  kind: number,
  when: number,
  amount: number,
  recordedAt: number,
  id: number,
): void => {
  const k = state.count[h] as number;
  // The household's k-th fact: which block, and where in it.
  let b = 0;
  let offset = k;
  while (offset >= blockSize(b) && b < 2) offset -= blockSize(b++);
  if (offset >= MAX_BLOCK) {
    b += Math.floor(offset / MAX_BLOCK);
    offset %= MAX_BLOCK;
  }
  if (offset === 0) {
    const size = blockSize(b);
    let start = state.places;
    // A block never straddles two chunks.
    if ((start & CHUNK_MASK) + size > CHUNK_SIZE) start = (start | CHUNK_MASK) + 1;
    if (state.chunks[start >>> CHUNK_BITS] === undefined) state.chunks.push(new FactChunk());
    state.places = start + size;
    (state.chunks[start >>> CHUNK_BITS] as FactChunk).ints[(start & CHUNK_MASK) * FACT_INTS + F_NEXT] = -1;
    const last = state.tail[h] as number;
    if (last < 0) state.head[h] = start;
    else (state.chunks[last >>> CHUNK_BITS] as FactChunk).ints[(last & CHUNK_MASK) * FACT_INTS + F_NEXT] = start;
    state.tail[h] = start;
  }
  const i = (state.tail[h] as number) + offset;
  const chunk = state.chunks[i >>> CHUNK_BITS] as FactChunk;
  const o = i & CHUNK_MASK;
  const ints = chunk.ints;
  ints[o * FACT_INTS + F_KIND] = kind;
  ints[o * FACT_INTS + F_WHEN] = when;
  ints[o * FACT_INTS + F_AMOUNT] = amount;
  chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] = recordedAt;
  chunk.floats[o * FACT_FLOATS + F_ID] = id;
  state.count[h] = (state.count[h] as number) + 1;
  if (recordedAt < (state.minRecordedAt[h] as number)) state.minRecordedAt[h] = recordedAt;
  if (recordedAt > (state.maxRecordedAt[h] as number)) state.maxRecordedAt[h] = recordedAt;
  state.facts++;
  markDirty(state, h);
};

const codes = (values: readonly string[]): ReadonlyMap<string, number> => new Map(values.map((v, i) => [v, i]));
const TRAJECT_RESULTAAT_CODE = codes(TRAJECT_RESULTATEN);
const SCHULDHULP_RESULTAAT_CODE = codes(SCHULDHULP_RESULTATEN);
const PLAATSING_CODE = codes(PLAATSING_SOORTEN);

/** A kind with the code of an enum value above it; KIND_ONBEKEND for a value this version does not know. */
const withCode = (kind: number, code: number | undefined): number =>
  code === undefined ? KIND_ONBEKEND : withExtra(kind, code);

/**
 * Folds one recorded fact into the state: O(1), it only appends the fact to its household (or
 * employer) and marks it dirty. Mutates `state` (which the caller owns) and returns it, so
 * `events.reduce(apply, emptyState())` is the replay.
 */
export const apply = (state: ProjectionState, event: Recorded): ProjectionState => {
  // A type this version does not know (never from a decoded fact) stays KIND_ONBEKEND and is
  // skipped and counted, so replay never throws.
  let kind = KIND_ONBEKEND;
  let when = 0;
  let amount = 0;
  switch (event.type) {
    case 'InkomstenOntvangen':
      kind = event.bron === 'loondienst' ? KIND_INKOMSTEN_LOONDIENST : KIND_INKOMSTEN_ONDERNEMING;
      when = monthIndexOf(event.maand);
      amount = event.bedragCent;
      break;
    case 'GebeurtenisIngetrokken': {
      const target = idKey(event.ingetrokken);
      kind = KIND_INTREKKING;
      when = idKeyHigh(target);
      amount = idKeyLow(target);
      break;
    }
    case 'UitkeringGestart':
    case 'InLoondienstGetreden':
    case 'EigenOndernemingGestart':
    case 'OpleidingGestart':
    case 'UitkeringBeeindigd':
    case 'Teruggevallen': {
      const transition: number | undefined = transitionOf(event);
      if (transition !== undefined) {
        kind = transition;
        when = dayOf(event.datum);
      }
      break;
    }
    case 'ParticipatieTredeVastgesteld':
      kind = KIND_TREDE;
      when = dayOf(event.datum);
      amount = event.trede;
      break;
    case 'TrajectGestart': {
      const soort = state.soorten.code(event.soort);
      if (soort <= MAX_EXTRA) kind = withExtra(KIND_TRAJECT_START, soort);
      when = dayOf(event.datum);
      amount = state.trajectIds.code(event.trajectId);
      break;
    }
    case 'TrajectBeeindigd':
      kind = withCode(KIND_TRAJECT_EINDE, TRAJECT_RESULTAAT_CODE.get(event.resultaat));
      when = dayOf(event.datum);
      amount = state.trajectIds.code(event.trajectId);
      break;
    case 'SchuldhulpGestart':
      kind = KIND_SCHULDHULP_START;
      when = dayOf(event.datum);
      amount = state.trajectIds.code(event.trajectId);
      break;
    case 'SchuldhulpBeeindigd':
      kind = withCode(KIND_SCHULDHULP_EINDE, SCHULDHULP_RESULTAAT_CODE.get(event.resultaat));
      when = dayOf(event.datum);
      amount = state.trajectIds.code(event.trajectId);
      break;
    case 'Geplaatst':
      kind = withCode(KIND_GEPLAATST, PLAATSING_CODE.get(event.soort));
      when = dayOf(event.datum);
      break;
    case 'InBeeldGebracht':
      kind = KIND_IN_BEELD;
      when = dayOf(event.datum);
      break;
    case 'MinimaregelingToegekend':
      kind = KIND_MINIMA;
      when = dayOf(event.datum);
      amount = state.regelingen.code(event.regeling);
      break;
    case 'AllianceGesloten':
      kind = KIND_ALLIANTIE;
      when = dayOf(event.datum);
      break;
  }
  // Only an alliance or a retraction can be an employer's: the others skip the `in` test.
  const key =
    event.type === 'AllianceGesloten' || event.type === 'GebeurtenisIngetrokken' ? entityKey(event) : event.huishouden;
  appendFact(
    state,
    householdIndex(state, key),
    kind,
    when,
    amount,
    recordedAtMs(event.recordedAt),
    idKey(event.eventId),
  );
  return state;
};

/** The state after every fact, in the order given (recorded order): the fold of `apply`. */
export const replay = (events: Iterable<Recorded>): ProjectionState => {
  const state = emptyState();
  for (const event of events) apply(state, event);
  return state;
};
