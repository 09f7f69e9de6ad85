// Deciding facts one by one, in input order (issue 7, point 2): each fact is decided against its
// stream's stored history plus the facts of that stream accepted before it in this input, so the
// outcome of a fact never depends on how the input was cut into chunks. The NDJSON importer uses
// this; an explicit batch for one household keeps MEETREGELS §2's all-or-nothing rule (record.ts).
// Pure and in memory: the caller reads the histories before and appends the accepted facts after.
// Each stream is decided on a Tijdlijn (the domain's incremental decider: O(log n) per fact, the
// same verdicts as `decide`; issue 17 point 4), kept by the caller between calls when it can; a
// history that does not hold by the rules as a whole is judged by `decide` itself.
import { decide, type Identified, Tijdlijn, type Uitspraak, type Weigering } from '@zelfredzaam/domain';

/** A stream's timeline to decide on: a Tijdlijn, or one stream of a Tijdlijnen (the importer's cache). */
export interface Beslisser {
  beslis(feit: Identified, opnemen?: boolean): Uitspraak;
}

/** A stream's facts of one call, in input order, with their indexes in the input. */
export interface FactsOfStream {
  readonly stream: string;
  readonly facts: readonly Identified[];
  readonly indexes: readonly number[];
}

/** The verdict on each of one stream's facts. */
export interface PerFactDecision {
  /** Facts that fit and are new: to append, in order. */
  readonly fresh: Identified[];
  /** Input indexes of the facts that fit, new or already stored, in order. */
  readonly fitting: number[];
  /** Facts that fit, in the order of `fitting`. */
  readonly fittingFacts: Identified[];
  /** Refused facts with the rule broken, in input order. */
  readonly refused: { readonly index: number; readonly feit: Identified; readonly weigering: Weigering }[];
}

export interface PerFactContext {
  /** The stream's stored history, in recorded order. */
  readonly historyOf: (stream: string) => readonly Identified[];
  /**
   * The stream's history as a timeline to decide on, kept by the caller (it grows with the facts
   * accepted here: the caller drops it when they are not stored); undefined: built from historyOf.
   */
  readonly tijdlijnOf?: (stream: string) => Beslisser | undefined;
  /**
   * The stream that is known to hold `eventId` outside this call (learned from the store), if
   * any: a fact with that eventId in another stream is refused.
   */
  readonly holderOf: (eventId: string) => string | undefined;
  /** The refusal of a fact whose eventId another stream holds (the decider sees one stream only). */
  readonly reusedId: (feit: Identified, stream: string) => Weigering;
}

/**
 * Decides every fact of `groups` in input order (by index, across streams). An eventId that an
 * earlier fact of another stream took in this call, or that another stream holds in the store,
 * refuses the later fact when the decider accepts it, as one fact at a time against the store
 * would (the store refuses it on append); a fact the decider refuses is refused for that reason,
 * so the outcome does not depend on whether the two facts met in one chunk.
 */
export const decidePerFact = (
  groups: readonly FactsOfStream[],
  context: PerFactContext,
): Map<string, PerFactDecision> => {
  const order: { index: number; group: number; at: number }[] = [];
  groups.forEach((group, g) => {
    group.indexes.forEach((index, at) => {
      order.push({ index, group: g, at });
    });
  });
  order.sort((a, b) => a.index - b.index);

  const decisions = new Map<string, PerFactDecision>();
  // Per stream its timeline, or (a history that breaks the rules) its facts for `decide`.
  const timelines = new Map<string, Beslisser | Identified[]>();
  const claimed = new Map<string, string>();
  for (const { index, group: g, at } of order) {
    const group = groups[g];
    const feit = group?.facts[at];
    if (group === undefined || feit === undefined) continue;
    const { stream } = group;
    let decision = decisions.get(stream);
    let timeline = timelines.get(stream);
    if (decision === undefined || timeline === undefined) {
      decision = { fresh: [], fitting: [], fittingFacts: [], refused: [] };
      const history = context.historyOf(stream);
      timeline = context.tijdlijnOf?.(stream) ?? Tijdlijn.van(history) ?? [...history];
      decisions.set(stream, decision);
      timelines.set(stream, timeline);
    }
    // An eventId another stream holds refuses a fact the decider accepts (as the store would on
    // append); a fact the decider refuses keeps the decider's reason, wherever its eventId is.
    const holder = claimed.get(feit.eventId) ?? context.holderOf(feit.eventId);
    const reused = holder !== undefined && holder !== stream;
    if (!Array.isArray(timeline)) {
      const verdict = timeline.beslis(feit, !reused);
      if (typeof verdict !== 'string') {
        decision.refused.push({ index, feit, weigering: verdict });
        continue;
      }
      if (reused) {
        decision.refused.push({ index, feit, weigering: context.reusedId(feit, stream) });
        continue;
      }
      claimed.set(feit.eventId, stream);
      decision.fitting.push(index);
      decision.fittingFacts.push(feit);
      if (verdict === 'nieuw') decision.fresh.push(feit);
      continue;
    }
    const verdict = decide(timeline, [feit]);
    if (verdict._tag === 'Left') {
      decision.refused.push({ index, feit, weigering: verdict.left });
      continue;
    }
    if (reused) {
      decision.refused.push({ index, feit, weigering: context.reusedId(feit, stream) });
      continue;
    }
    claimed.set(feit.eventId, stream);
    decision.fitting.push(index);
    decision.fittingFacts.push(feit);
    for (const accepted of verdict.right) {
      timeline.push(accepted);
      decision.fresh.push(accepted);
    }
  }
  return decisions;
};
