// The fold state of the projections (STYLE §3: a projection is a fold plus a query).
// Facts are kept compactly (32 bytes each, no JS object per fact, issue 6) in large chunks that
// never move, so the fold never copies what it already holds. A household's facts sit in a chain
// of small contiguous blocks (4 facts, later 8 and 16: blockSizeAfter), so deriving it reads a few
// cache lines in a row instead of chasing one pointer per fact. Each household keeps a derived
// record (its lifecycle transitions, income per year and skipped count; derive.ts), rebuilt lazily
// when the household is dirty: a late fact or a retraction costs only its own household, and
// `apply` stays O(1). Measured (issue 6), the fold is bound by memory, not arithmetic: fresh pages
// and cache misses on the household table and the fact chunks; so a household's hot numbers share
// one 32-byte record, blocks stay small (less unused room to touch), and no number is boxed.
// An employer's facts (MEETREGELS §7.1: alliances) live in the same state as an entity of their
// own, under a key no household pseudonym can have; they count in no household figure. The
// strings of §7.1 (trajectIds, soorten, regelingen) are interned: a fact keeps their number.
import { dayOf, type Feit, isWerkgeverFeit, monthIndexOf, type Recorded, transitionOf } from '@zelfredzaam/domain';
import {
  idKey,
  idKeyHigh,
  idKeyInto,
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
  recordedAtInto,
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
/**
 * int32 slot, in a full block's last fact only: where the household's next block starts, counted
 * from its first block's start (so moving a household's blocks only moves its head).
 */
export const F_NEXT = 3;
/** float64 slot: recordedAt in milliseconds. */
export const F_RECORDED_AT = 2;
/** float64 slot: the 53-bit key of the fact's eventId. */
export const F_ID = 3;

/**
 * Places of the block that follows a household's first `count` facts: small blocks first (most
 * households have few facts, and a block's unused places are lost), larger ones for long histories
 * (fewer blocks to follow).
 */
export const blockSizeAfter = (count: number): number => (count < 16 ? 4 : count < 48 ? 8 : 16);

/** One chunk of CHUNK_SIZE fact places: one buffer, seen as int32 and as float64 slots. */
export class FactChunk {
  readonly ints: Int32Array<ArrayBuffer>;
  readonly floats: Float64Array<ArrayBuffer>;
  constructor(buffer: ArrayBuffer = new ArrayBuffer(CHUNK_SIZE * FACT_INTS * 4)) {
    this.ints = new Int32Array(buffer);
    this.floats = new Float64Array(buffer);
  }
}

// A household's record: int32 slots of `ProjectionState.house`, together in 32 bytes, so folding
// a fact touches one cache line of the household table.
export const HOUSE_INTS = 8;
/** First place of the household's first block; −1 before its first fact. */
export const H_HEAD = 0;
/** The place of its next fact; H_END when its last block is full. */
export const H_NEXT = 1;
/** The end of its last block. */
export const H_END = 2;
export const H_COUNT = 3;
/** 1 when its derived record is stale. */
export const H_DIRTY = 4;
/** Where its derived record starts in its segment, −1 when it has none yet. */
export const H_DERIVED_AT = 5;
export const H_DERIVED_LENGTH = 6;
/** The segment (index into `derivedSegments`) of its derived record. */
export const H_DERIVED_SEGMENT = 7;

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
  /** The households' records, HOUSE_INTS slots each (H_HEAD …). */
  house = new Int32Array(INITIAL_HOUSEHOLDS * HOUSE_INTS);
  /**
   * Per household its facts' smallest and largest recordedAt (ms), two slots each; kept when it
   * is derived (cache.ts), so valid only while it is clean (and grown only then).
   */
  recordedRange = new Float64Array(0);
  /** Households that may be dirty: every dirty one is in it (a clean one may be too). */
  dirtyList = new Int32Array(INITIAL_HOUSEHOLDS);
  dirtyCount = 0;
  /**
   * The derived records, appended to the last segment; a re-derived household leaves its old
   * record as garbage. Segments never move, so a merge takes another state's over as they are.
   */
  derivedSegments: Float64Array<ArrayBuffer>[] = [];
  /** Numbers used in the last segment. */
  segmentUsed = 0;
  /** Numbers of all records ever stored, and of those since replaced. */
  derivedUsed = 0;
  derivedGarbage = 0;
  /** MEETREGELS §7.1: the trajectIds (of both kinds), the trajectories' soorten, the minima schemes. */
  readonly trajectIds = new Interning();
  readonly soorten = new Interning();
  readonly regelingen = new Interning();
  /**
   * MEETREGELS §8 (verklaring): per chunk the eventIds of its fact places, when the state was made
   * to keep them (`emptyState({ eventIds: true })`); undefined otherwise (the fold stays as lean
   * as before). A merge or a transfer does not carry them.
   */
  eventIds: string[][] | undefined = undefined;

  get households(): number {
    return this.ids.length;
  }
}

/** How a state is made. */
export interface StateOpties {
  /** Keep every fact's eventId (MEETREGELS §8: a verklaring names the facts). Default false. */
  readonly eventIds?: boolean;
}

/** A new, empty state. */
export const emptyState = (opties: StateOpties = {}): ProjectionState => {
  const state = new ProjectionState();
  if (opties.eventIds === true) state.eventIds = [];
  return state;
};

/** Keeps the eventId of the fact at `place` (a state made with `eventIds: true`). */
const keepEventId = (ids: string[][], place: number, eventId: string): void => {
  const c = place >>> CHUNK_BITS;
  while (ids.length <= c) ids.push([]);
  (ids[c] as string[])[place & CHUNK_MASK] = eventId;
};

/** The eventId of the fact at `place`, when the state keeps them. */
export const eventIdAt = (state: ProjectionState, place: number): string | undefined =>
  state.eventIds?.[place >>> CHUNK_BITS]?.[place & CHUNK_MASK];

/** Makes room for `households` households in the tables. */
export const reserveHouseholds = (state: ProjectionState, households: number): void => {
  let size = state.dirtyList.length;
  if (households <= size) return;
  while (size < households) size *= 2;
  const house = new Int32Array(size * HOUSE_INTS);
  house.set(state.house);
  state.house = house;
  const dirtyList = new Int32Array(size);
  dirtyList.set(state.dirtyList);
  state.dirtyList = dirtyList;
};

/** Makes room in `recordedRange` for household h. */
export const reserveRecordedRange = (state: ProjectionState, h: number): void => {
  if (2 * h < state.recordedRange.length) return;
  const range = new Float64Array(Math.max(2 * (h + 1), (2 * state.house.length) / HOUSE_INTS));
  range.set(state.recordedRange);
  state.recordedRange = range;
};

/** Adds a household, with no facts yet; returns its index. */
const addHousehold = (state: ProjectionState, huishouden: string): number => {
  const h = state.ids.length;
  if (h === state.dirtyList.length) reserveHouseholds(state, h + 1);
  state.ids.push(huishouden);
  state.index.set(huishouden, h);
  const r = h * HOUSE_INTS;
  const house = state.house;
  house[r + H_HEAD] = -1;
  house[r + H_NEXT] = 0;
  house[r + H_END] = 0;
  house[r + H_COUNT] = 0;
  house[r + H_DIRTY] = 0;
  house[r + H_DERIVED_AT] = -1;
  house[r + H_DERIVED_LENGTH] = 0;
  house[r + H_DERIVED_SEGMENT] = 0;
  return h;
};

/** The dense index of a household, added when new. */
export const householdIndex = (state: ProjectionState, huishouden: string): number => {
  const known = state.index.get(huishouden);
  return known === undefined ? addHousehold(state, huishouden) : known;
};

export const markDirty = (state: ProjectionState, h: number): void => {
  const house = state.house;
  if (house[h * HOUSE_INTS + H_DIRTY] === 1) return;
  house[h * HOUSE_INTS + H_DIRTY] = 1;
  if (state.dirtyCount === state.dirtyList.length) {
    // A household derived on its own (a live update) leaves a stale entry behind; rebuild the
    // list from the flags, at most once per `households` entries: O(1) amortised.
    state.dirtyCount = 0;
    for (let k = 0; k < state.households; k++) {
      if (house[k * HOUSE_INTS + H_DIRTY] === 1) state.dirtyList[state.dirtyCount++] = k;
    }
    return;
  }
  state.dirtyList[state.dirtyCount++] = h;
};

/** Starts a new block for the household whose record starts at r; returns its first place. */
const newBlock = (state: ProjectionState, r: number): number => {
  const house = state.house;
  const count = house[r + H_COUNT] as number;
  const size = blockSizeAfter(count);
  let start = state.places;
  // A block never straddles two chunks.
  if ((start & CHUNK_MASK) + size > CHUNK_SIZE) start = (start | CHUNK_MASK) + 1;
  while (state.chunks.length <= start >>> CHUNK_BITS) state.chunks.push(new FactChunk());
  state.places = start + size;
  if (count === 0) house[r + H_HEAD] = start;
  else {
    // The full last block's last fact points on to the new block.
    const last = (house[r + H_END] as number) - 1;
    (state.chunks[last >>> CHUNK_BITS] as FactChunk).ints[(last & CHUNK_MASK) * FACT_INTS + F_NEXT] =
      start - (house[r + H_HEAD] as number);
  }
  house[r + H_END] = start + size;
  return start;
};

/** Takes the place of household h's next fact (counted, and h marked dirty); returns it. */
export const placeFact = (state: ProjectionState, h: number): number => {
  const house = state.house;
  const r = h * HOUSE_INTS;
  let i = house[r + H_NEXT] as number;
  if (i === house[r + H_END]) i = newBlock(state, r);
  house[r + H_NEXT] = i + 1;
  house[r + H_COUNT] = (house[r + H_COUNT] as number) + 1;
  state.facts++;
  if (house[r + H_DIRTY] === 0) markDirty(state, h);
  return i;
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
  const i = placeFact(state, h);
  const chunk = state.chunks[i >>> CHUNK_BITS] as FactChunk;
  const o = (i & CHUNK_MASK) * FACT_INTS;
  chunk.ints[o + F_KIND] = kind;
  chunk.ints[o + F_WHEN] = when;
  chunk.ints[o + F_AMOUNT] = amount;
  chunk.floats[(o >> 1) + F_RECORDED_AT] = recordedAt;
  chunk.floats[(o >> 1) + F_ID] = id;
};

/** What visits a run of a household's facts: a chunk, the first fact's offset in it (in facts), how many. */
export type RunVisitor = (chunk: FactChunk, first: number, take: number) => void;

/** Calls `visit` with each run of the `count` facts whose first block starts at `head`, in recorded order. */
export const forEachRunOf = (chunks: readonly FactChunk[], head: number, count: number, visit: RunVisitor): void => {
  for (let done = 0, block = head; done < count; ) {
    const size = blockSizeAfter(done);
    const chunk = chunks[block >>> CHUNK_BITS] as FactChunk;
    const first = block & CHUNK_MASK;
    const take = Math.min(size, count - done);
    visit(chunk, first, take);
    done += take;
    if (done < count) block = head + (chunk.ints[(first + size - 1) * FACT_INTS + F_NEXT] as number);
  }
};

/** Calls `visit` with each run of household h's facts, in recorded order. */
export const forEachRun = (state: ProjectionState, h: number, visit: RunVisitor): void =>
  forEachRunOf(
    state.chunks,
    state.house[h * HOUSE_INTS + H_HEAD] as number,
    state.house[h * HOUSE_INTS + H_COUNT] as number,
    visit,
  );

const codes = (values: readonly string[]): ReadonlyMap<string, number> => new Map(values.map((v, i) => [v, i]));
const TRAJECT_RESULTAAT_CODE = codes(TRAJECT_RESULTATEN);
const SCHULDHULP_RESULTAAT_CODE = codes(SCHULDHULP_RESULTATEN);
const PLAATSING_CODE = codes(PLAATSING_SOORTEN);

/** A kind with the code of an enum value above it; KIND_ONBEKEND for a value this version does not know. */
const withCode = (kind: number, code: number | undefined): number =>
  code === undefined ? KIND_ONBEKEND : withExtra(kind, code);

/** Writes the int32 slots of a fact (kind, when, amount) at `o` of `ints`. */
const encodeInto = (state: ProjectionState, event: Recorded, ints: Int32Array, o: number): void => {
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
  ints[o + F_KIND] = kind;
  ints[o + F_WHEN] = when;
  ints[o + F_AMOUNT] = amount;
};

/**
 * Folds one recorded fact into the state: O(1), it only appends the fact to its household (or
 * employer) and marks it dirty. Mutates `state` (which the caller owns) and returns it, so
 * `events.reduce(apply, emptyState())` is the replay.
 */
export const apply = (state: ProjectionState, event: Recorded): ProjectionState =>
  applyAt(state, householdIndex(state, keyOf(event)), event);

/** The household (or employer) key a fact is kept under. */
const keyOf = (event: Recorded): string =>
  // Only an alliance or a retraction can be an employer's: the others skip the `in` test.
  event.type === 'AllianceGesloten' || event.type === 'GebeurtenisIngetrokken' ? entityKey(event) : event.huishouden;

/**
 * Folds facts for a caller that numbers its streams itself (0, 1, …, as `report --from`'s
 * decider does): a stream's household is found once, not looked up by pseudonym for every fact.
 * A fact whose key is not its stream's household's (a caller's mistake) is looked up as `apply`
 * does, so the state is never wrong, only slower.
 */
export class StreamFold {
  private households = new Int32Array(1024).fill(-1);

  constructor(readonly state: ProjectionState) {}

  /** `apply(state, event)`, for a fact of the caller's stream number `stream`. */
  apply(stream: number, event: Recorded): void {
    const key = keyOf(event);
    let h = stream < this.households.length ? (this.households[stream] as number) : -1;
    if (h < 0 || this.state.ids[h] !== key) {
      h = householdIndex(this.state, key);
      if (stream >= this.households.length) {
        const more = new Int32Array(Math.max(2 * this.households.length, stream + 1)).fill(-1);
        more.set(this.households);
        this.households = more;
      }
      this.households[stream] = h;
    }
    applyAt(this.state, h, event);
  }
}

/** Appends one fact to household h (its index in `state`). */
const applyAt = (state: ProjectionState, h: number, event: Recorded): ProjectionState => {
  const i = placeFact(state, h);
  const chunk = state.chunks[i >>> CHUNK_BITS] as FactChunk;
  const o = (i & CHUNK_MASK) * FACT_INTS;
  encodeInto(state, event, chunk.ints, o);
  // The doubles go straight into their slots (encoding.ts: no boxed number per fact).
  recordedAtInto(chunk.floats, (o >> 1) + F_RECORDED_AT, event.recordedAt);
  idKeyInto(chunk.floats, (o >> 1) + F_ID, event.eventId);
  if (state.eventIds !== undefined) keepEventId(state.eventIds, i, event.eventId);
  return state;
};

/** The state after every fact, in the order given (recorded order): the fold of `apply`. */
export const replay = (events: Iterable<Recorded>, opties: StateOpties = {}): ProjectionState => {
  const state = emptyState(opties);
  for (const event of events) apply(state, event);
  return state;
};
