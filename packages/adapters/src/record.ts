// Recording facts: the only way users append (issue 4, point 2). Facts are grouped by
// household, decided against the household's stored history (MEETREGELS §2: a household's
// batch is accepted whole or refused whole; or fact by fact in `per-fact` mode, as the NDJSON
// importer does) and appended with the exact revision that was read,
// so a concurrent writer shows up as a conflict: then just that household is read and decided
// again. No store ever holds a fact that breaks the lifecycle.
import { randomUUID } from 'node:crypto';
import {
  aanduiding,
  decide,
  type EventId,
  EventId as EventIdCodec,
  type HuishoudenId,
  type Identified,
  type Incoming,
  streamNameOf,
  streamOf,
  subjectOf,
  type Weigering,
  type WerkgeverId,
  weigering,
} from '@zelfredzaam/domain';
import { isRight } from 'fp-ts/lib/Either.js';
import { decodeFacts, itemsOf, type OngeldigFeit, streamOfOngeldig } from './boundary.js';
import { type Beslisser, decidePerFact, type PerFactContext, type PerFactDecision } from './decide-per-fact.js';
import { appendDecoded } from './decoded-append.js';
import { withEventId } from './envelope.js';
import { type DecidedOn, HistoryCache, type KnownHistory } from './history-cache.js';
import { type Hooks, inSpan, notify, type RefusalObserved } from './hooks.js';
import {
  type AppendOutcome,
  EventIdConflictError,
  type EventStore,
  type ExpectedRevision,
  type StoredEvent,
  type StreamWrite,
} from './port.js';

export interface RecordOptions {
  /** The identity of a fact that has none (default: a random UUID). The importer derives it from the line. */
  readonly eventIdFor?: (feit: Incoming, index: number) => EventId;
  /** Facts decided and appended per round trip (default 5,000); a household's facts are never split. */
  readonly chunkSize?: number;
  /** Rounds of read, decide and append for a household that other writers keep changing (default 20). */
  readonly maxAttempts?: number;
  /**
   * How a household's facts of one call are decided (default `all-or-nothing`):
   * - `all-or-nothing`: as one batch, accepted whole or refused whole (MEETREGELS §2), for an
   *   explicit batch of a library user;
   * - `per-fact`: one by one in input order, each against the stored history plus the facts
   *   accepted before it, so only a fact that breaks a rule is refused and the outcome never
   *   depends on how the input was cut into calls or chunks (the NDJSON importer).
   * Either way, the accepted facts of a chunk go to the store in one append.
   */
  readonly mode?: DecisionMode;
  /**
   * `per-fact` mode: the histories kept from earlier calls (an importer passes one cache for
   * all its chunks), so a household is not read again for every chunk it appears in. Without
   * it, each call keeps them only between its own chunks.
   */
  readonly histories?: HistoryCache;
  /** Observers: each append (latency), each refused fact, each retry after a conflict, and a `zelfredzaam.record` span. */
  readonly hooks?: Hooks;
}

export type DecisionMode = 'all-or-nothing' | 'per-fact';

interface OutcomeBase {
  readonly stream: string;
  /** The household of the stream; for an employer's stream (MEETREGELS §7.1) the werkgever. */
  readonly huishouden: HuishoudenId | WerkgeverId;
  /** The household's facts of this call, in the order given, each with its eventId. */
  readonly facts: readonly Identified[];
  /** Indexes of those facts in the input of recordFacts. */
  readonly indexes: readonly number[];
}

export type StreamOutcome =
  | (OutcomeBase & {
      readonly status: 'accepted';
      /** What was stored; facts whose eventId the household already held are left out. */
      readonly appended: readonly StoredEvent[];
    })
  /** Every fact was already stored with the same content: nothing appended. */
  | (OutcomeBase & { readonly status: 'alreadyStored' })
  /** The decider refused the batch (nothing of it is stored). */
  | (OutcomeBase & { readonly status: 'refused'; readonly weigering: Weigering })
  /** Other writers kept changing the household for maxAttempts rounds; nothing stored, safe to retry. */
  | (OutcomeBase & { readonly status: 'conflict'; readonly attempts: number; readonly bericht: string })
  /**
   * `all-or-nothing` mode: a fact of this call that did not decode belongs to this household's
   * batch (it names the household), or names no readable household at all (it could belong to
   * any batch): the batch is refused whole, nothing of it stored. The invalid facts themselves
   * are in RecordResult.ongeldig.
   */
  | (OutcomeBase & { readonly status: 'invalid'; readonly bericht: string });

export interface RecordResult {
  /**
   * The outcomes by household, in order of first appearance in the input: one per household in
   * `all-or-nothing` mode; in `per-fact` mode one for the household's facts that fit (accepted
   * or alreadyStored) and one `refused` per refused fact.
   */
  readonly outcomes: readonly StreamOutcome[];
  /** Facts stored by this call. */
  readonly appended: number;
  /** Facts left out because their eventId was already stored with the same content. */
  readonly alreadyStored: number;
  /** Facts in refused, invalid or conflicting batches, and the invalid facts themselves. */
  readonly refused: number;
  /** The facts that did not decode (never stored), in input order, each with a described error. */
  readonly ongeldig: readonly OngeldigFeit[];
}

const DEFAULT_CHUNK = 5_000;
const DEFAULT_ATTEMPTS = 20;

const randomEventId = (): EventId => {
  const decoded = EventIdCodec.decode(randomUUID());
  if (!isRight(decoded)) throw new Error('randomUUID gaf geen UUID');
  return decoded.right;
};

interface Group {
  readonly stream: string;
  /** The household of the stream; for an employer's stream (MEETREGELS §7.1) the werkgever. */
  readonly huishouden: HuishoudenId | WerkgeverId;
  readonly facts: Identified[];
  readonly indexes: number[];
}

/** Groups facts by stream in order of first appearance, completing each identity. */
const groupByStream = (
  facts: readonly Incoming[],
  eventIdFor: (feit: Incoming, index: number) => EventId,
): Map<string, Group> => {
  const groups = new Map<string, Group>();
  facts.forEach((feit, index) => {
    const identified = withEventId(feit, (f) => eventIdFor(f, index));
    const stream = streamNameOf(feit);
    let group = groups.get(stream);
    if (group === undefined) {
      group = { stream, huishouden: streamOf(feit), facts: [], indexes: [] };
      groups.set(stream, group);
    }
    group.facts.push(identified);
    group.indexes.push(index);
  });
  return groups;
};

const lastRevision = (events: readonly StoredEvent[]): ExpectedRevision => {
  const last = events[events.length - 1];
  return last === undefined ? 'no_stream' : last.revision;
};

/** An append of decoded writes, reported to the hooks with its latency. */
const timedAppend = async (
  store: EventStore,
  writes: readonly StreamWrite[],
  hooks: Hooks | undefined,
): Promise<readonly AppendOutcome[]> => {
  const started = performance.now();
  const outcomes = await appendDecoded(store, writes);
  if (hooks?.onAppend !== undefined) {
    let appended = 0;
    for (const outcome of outcomes) if (outcome.status === 'ok') appended += outcome.appended.length;
    notify(hooks.onAppend, {
      store: store.kind,
      writes: writes.length,
      appended,
      durationMs: performance.now() - started,
    });
  }
  return outcomes;
};

const retrying = (hooks: Hooks | undefined, groups: readonly Group[], attempt: number): void => {
  if (hooks?.onRetry === undefined) return;
  for (const group of groups) notify(hooks.onRetry, { stream: group.stream, attempt });
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Decides and appends the groups of one chunk; retries the households that met another writer. */
const recordChunk = async (
  store: EventStore,
  groups: readonly Group[],
  maxAttempts: number,
  hooks: Hooks | undefined,
): Promise<Map<string, StreamOutcome>> => {
  const outcomes = new Map<string, StreamOutcome>();
  let pending = groups;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > maxAttempts) {
      for (const group of pending) {
        outcomes.set(group.stream, {
          status: 'conflict',
          ...base(group),
          attempts: maxAttempts,
          bericht: `huishouden ${group.huishouden}: na ${maxAttempts} pogingen steeds gelijktijdig gewijzigd door een andere schrijver; niets vastgelegd, probeer het opnieuw`,
        });
      }
      break;
    }
    if (attempt > 1) {
      retrying(hooks, pending, attempt);
      await pause(Math.floor(Math.random() * 5 * attempt));
    }
    const histories = await store.readStreams(pending.map((g) => g.stream));
    const writes: StreamWrite[] = [];
    const writing: Group[] = [];
    for (const group of pending) {
      const history = histories.get(group.stream) ?? [];
      const decided = decide(
        history.map((stored) => stored.event),
        group.facts,
      );
      if (!isRight(decided)) {
        outcomes.set(group.stream, { status: 'refused', ...base(group), weigering: decided.left });
      } else if (decided.right.length === 0) {
        outcomes.set(group.stream, { status: 'alreadyStored', ...base(group) });
      } else {
        writes.push({ stream: group.stream, expectedRevision: lastRevision(history), events: decided.right });
        writing.push(group);
      }
    }
    const results = await appendRefusingReusedIds(store, writes, writing, outcomes, hooks);
    const conflicted: Group[] = [];
    results.forEach((result, i) => {
      const group = writing[i];
      if (group === undefined || result === undefined) return;
      if (result.status === 'ok')
        outcomes.set(group.stream, { status: 'accepted', ...base(group), appended: result.appended });
      else conflicted.push(group);
    });
    pending = conflicted;
  }
  return outcomes;
};

const base = (group: Group): OutcomeBase => ({
  stream: group.stream,
  huishouden: group.huishouden,
  facts: group.facts,
  indexes: group.indexes,
});

/**
 * Appends the writes; an eventId that another household already holds refuses just that
 * household (the decider cannot see other streams), and the others are appended again.
 * Returns one result per write; undefined for a refused one.
 */
const appendRefusingReusedIds = async (
  store: EventStore,
  writes: StreamWrite[],
  groups: Group[],
  outcomes: Map<string, StreamOutcome>,
  hooks: Hooks | undefined,
): Promise<(AppendOutcome | undefined)[]> => {
  const results: (AppendOutcome | undefined)[] = new Array(writes.length).fill(undefined);
  let open = writes.map((_, i) => i);
  while (open.length > 0) {
    try {
      const appended = await timedAppend(
        store,
        open.map((i) => writes[i] as StreamWrite),
        hooks,
      );
      open.forEach((writeIndex, i) => {
        results[writeIndex] = appended[i];
      });
      return results;
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      const culprit = open.find((i) => writes[i]?.stream === error.stream);
      const group = culprit === undefined ? undefined : groups[culprit];
      if (culprit === undefined || group === undefined) throw error;
      const feit = group.facts.find((f) => f.eventId === error.eventId) ?? group.facts[0];
      if (feit === undefined) throw error;
      outcomes.set(group.stream, {
        status: 'refused',
        ...base(group),
        weigering: weigering('EVENT_ID_HERGEBRUIKT', subjectOf(feit), aanduiding(feit)),
      });
      open = open.filter((i) => i !== culprit);
    }
  }
  return results;
};

const listed = (outcomes: ReadonlyMap<string, StreamOutcome>): Map<string, StreamOutcome[]> =>
  new Map([...outcomes].map(([stream, outcome]) => [stream, [outcome]]));

/** A household's outcome for some of its facts of this call. */
const partOf = (group: Group, facts: readonly Identified[], indexes: readonly number[]): OutcomeBase => ({
  ...base(group),
  facts,
  indexes,
});

/** The outcomes of one household decided fact by fact; `appended` is what its write stored. */
const perFactOutcomes = (
  group: Group,
  decision: PerFactDecision | undefined,
  appended: readonly StoredEvent[],
): StreamOutcome[] => {
  if (decision === undefined) return [];
  const list: StreamOutcome[] = [];
  if (decision.fitting.length > 0) {
    const part = partOf(group, decision.fittingFacts, decision.fitting);
    list.push(appended.length > 0 ? { status: 'accepted', ...part, appended } : { status: 'alreadyStored', ...part });
  }
  for (const refusal of decision.refused) {
    list.push({ status: 'refused', ...partOf(group, [refusal.feit], [refusal.index]), weigering: refusal.weigering });
  }
  return list;
};

/**
 * The `per-fact` mode of one chunk: every fact decided in input order against its household's
 * history and the facts accepted before it (decide-per-fact.ts, in memory), then the accepted
 * facts of all households in one append with the exact revisions read. A household that another
 * writer changed in between is read and decided again. An eventId that the store finds in
 * another household refuses that fact: the chunk is then decided again in memory knowing it.
 */
const recordChunkPerFact = async (
  store: EventStore,
  groups: readonly Group[],
  maxAttempts: number,
  cache: HistoryCache,
  hooks: Hooks | undefined,
  pipeline: Pipeline | undefined,
): Promise<Map<string, StreamOutcome[]>> => {
  let before = pipeline?.after;
  const decided = pipeline?.decided;
  // The streams this chunk wrote tentatively, until it is done with them (history-cache.ts).
  const pended: string[] = [];
  try {
    return await recordChunkPerFactPended(
      store,
      groups,
      maxAttempts,
      cache,
      hooks,
      decided,
      () => {
        const wait = before;
        before = undefined;
        return wait;
      },
      pended,
    );
  } finally {
    for (const stream of pended) cache.unpend(stream);
  }
};

const recordChunkPerFactPended = async (
  store: EventStore,
  groups: readonly Group[],
  maxAttempts: number,
  cache: HistoryCache,
  hooks: Hooks | undefined,
  decided: (() => void) | undefined,
  takeBefore: () => Promise<unknown> | undefined,
  pended: string[],
): Promise<Map<string, StreamOutcome[]>> => {
  let before = takeBefore();
  const outcomes = new Map<string, StreamOutcome[]>();
  const holders = new Map<string, string>();
  // Each household is decided on its timeline kept in the cache (deciding adds to it at once);
  // the append's outcome then confirms it, or drops the household (read again next time).
  const context = (
    histories: ReadonlyMap<string, KnownHistory>,
    used: Map<string, Beslisser | undefined>,
  ): PerFactContext => ({
    historyOf: (stream) => histories.get(stream)?.events ?? [],
    tijdlijnOf: (stream) => {
      const history = histories.get(stream);
      const tijdlijn = history === undefined ? undefined : cache.tijdlijn(history);
      used.set(stream, tijdlijn);
      return tijdlijn;
    },
    holderOf: (eventId) => holders.get(eventId),
    reusedId: (feit) => weigering('EVENT_ID_HERGEBRUIKT', subjectOf(feit), aanduiding(feit)),
  });
  let pending = groups;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > maxAttempts) {
      for (const group of pending) {
        outcomes.set(group.stream, [
          {
            status: 'conflict',
            ...base(group),
            attempts: maxAttempts,
            bericht: `huishouden ${group.huishouden}: na ${maxAttempts} pogingen steeds gelijktijdig gewijzigd door een andere schrijver; niets vastgelegd, probeer het opnieuw`,
          },
        ]);
      }
      break;
    }
    if (attempt > 1) {
      retrying(hooks, pending, attempt);
      await pause(Math.floor(Math.random() * 5 * attempt));
    }
    // Kept histories first; a household that met another writer was dropped and is read again.
    let histories = await cache.histories(
      store,
      pending.map((g) => g.stream),
      attempt > 1,
      before,
    );
    for (;;) {
      const used = new Map<string, Beslisser | undefined>();
      const decisions = decidePerFact(pending, context(histories, used));
      const writes: StreamWrite[] = [];
      const writing: Group[] = [];
      const settled: Group[] = [];
      // Per household the state of the cache it was decided on (kept at once, before the append:
      // the next chunk may be decided on it meanwhile); null: read from the store, not kept.
      const marks = new Map<string, DecidedOn | null | undefined>();
      for (const group of pending) {
        const history = histories.get(group.stream);
        const fresh = decisions.get(group.stream)?.fresh ?? [];
        const kept = history?.kept === true;
        if (fresh.length === 0) {
          // Nothing to store, but a refusal (or "already stored") holds only for the history it
          // was decided on: the append checks the revision of an empty write as of any other, and
          // a household another writer changed meanwhile is decided again.
          writes.push({ stream: group.stream, expectedRevision: history?.revision ?? 'no_stream', events: [] });
          writing.push(group);
          marks.set(group.stream, kept && history !== undefined ? cache.unchanged(history) : null);
        } else {
          writes.push({ stream: group.stream, expectedRevision: history?.revision ?? 'no_stream', events: fresh });
          writing.push(group);
          marks.set(
            group.stream,
            kept && history !== undefined ? cache.tentative(history, used.get(group.stream), fresh) : null,
          );
          cache.pend(group.stream);
          pended.push(group.stream);
        }
      }
      if (before !== undefined) {
        // The chunk before is appended first; this one was decided on what it would store.
        const wait = before;
        before = undefined;
        decided?.();
        try {
          await wait;
        } catch (error) {
          for (const write of writes) cache.delete(write.stream);
          throw error;
        }
      }
      // A household decided on a chunk before that was not stored as decided: decided again.
      const stale = (group: Group): boolean => {
        const mark = marks.get(group.stream);
        return mark !== null && !cache.holds(group.stream, mark);
      };
      const again: Group[] = [];
      for (const group of settled) {
        if (stale(group)) again.push(group);
        else outcomes.set(group.stream, perFactOutcomes(group, decisions.get(group.stream), []));
      }
      for (let i = writing.length - 1; i >= 0; i--) {
        const group = writing[i] as Group;
        if (!stale(group)) continue;
        cache.delete(group.stream);
        again.push(group);
        writing.splice(i, 1);
        writes.splice(i, 1);
      }
      let results: readonly AppendOutcome[];
      try {
        results = writes.length === 0 ? [] : await timedAppend(store, writes, hooks);
      } catch (error) {
        // What was kept before the append is not known to be stored: read again next time.
        for (const write of writes) cache.delete(write.stream);
        // Learnt once per eventId, so this loop ends; anything else is the store's own error.
        if (!(error instanceof EventIdConflictError) || holders.has(error.eventId)) throw error;
        holders.set(error.eventId, error.existingStream);
        histories = await cache.histories(
          store,
          pending.map((g) => g.stream),
        );
        continue;
      }
      const conflicted: Group[] = again;
      writing.forEach((group, i) => {
        const result = results[i];
        const write = writes[i];
        if (result?.status === 'ok' && write !== undefined) {
          outcomes.set(group.stream, perFactOutcomes(group, decisions.get(group.stream), result.appended));
          // A fact left out by the store (its eventId was in the stream after all) is not in the
          // kept history: read the stream again next time.
          if (write.events.length === 0) {
            // Nothing stored, nothing kept changes.
          } else if (result.appended.length === write.events.length)
            cache.confirmed(group.stream, marks.get(group.stream) ?? undefined, result.appended.at(-1)?.revision);
          else cache.delete(group.stream);
        } else {
          cache.delete(group.stream);
          conflicted.push(group);
        }
      });
      pending = conflicted;
      break;
    }
  }
  return outcomes;
};

/**
 * Records facts through the decider: decodes each one (any value is accepted: the same codecs
 * as an NDJSON line), groups them by household, completes each identity, reads those
 * households (one readStreams per chunk; in `per-fact` mode only those whose history is not kept
 * from an earlier chunk, see `histories`), decides (a household's facts as one batch, or one by
 * one in `per-fact` mode), and appends everything accepted in one append with the exact
 * revisions read or kept. A household that another writer changed in between is read and
 * decided again (at most maxAttempts rounds).
 *
 * A value that does not decode is never stored; it is listed in `ongeldig` with a described
 * error. In `per-fact` mode only that value is refused. In `all-or-nothing` mode the batch it
 * belongs to is refused whole (status `invalid`): its household's batch when it names a valid
 * household (or employer), and every batch of the call when it names none. `facts` must be an
 * array or another iterable (else a TypeError).
 */
const recordUnknown = async (store: EventStore, facts: unknown, options: RecordOptions): Promise<RecordResult> => {
  const items = itemsOf(facts, 'recordFacts');
  const { valid, ongeldig } = decodeFacts(items);
  if (ongeldig.length === 0) return recordDecided(store, valid as Incoming[], options);
  for (const invalid of ongeldig) {
    notify(options.hooks?.onRefusal, {
      code: 'ONGELDIG',
      huishouden: invalid.huishouden ?? invalid.werkgever,
      index: invalid.index,
      bericht: invalid.bericht,
    });
  }
  const perFact = options.mode === 'per-fact';
  // all-or-nothing: the streams whose batch holds an invalid fact; undefined = every stream.
  let spoiled: Set<string> | undefined = new Set();
  if (!perFact) {
    for (const invalid of ongeldig) {
      const stream = streamOfOngeldig(invalid);
      if (stream === undefined) spoiled = undefined;
      else spoiled?.add(stream);
    }
  }
  const keep: Incoming[] = [];
  const keptIndex: number[] = [];
  const blocked = new Map<string, Group>();
  const eventIdFor = options.eventIdFor ?? randomEventId;
  valid.forEach((feit, index) => {
    if (feit === undefined) return;
    const stream = streamNameOf(feit);
    if (!perFact && (spoiled === undefined || spoiled.has(stream))) {
      let group = blocked.get(stream);
      if (group === undefined) {
        group = { stream, huishouden: streamOf(feit), facts: [], indexes: [] };
        blocked.set(stream, group);
      }
      group.facts.push(withEventId(feit, (f) => eventIdFor(f, index)));
      group.indexes.push(index);
      return;
    }
    keep.push(feit);
    keptIndex.push(index);
  });
  const hooks = options.hooks;
  const onRefusal = hooks?.onRefusal;
  const inner = await recordDecided(store, keep, {
    ...options,
    eventIdFor: (feit, i) => eventIdFor(feit, keptIndex[i] ?? i),
    // The hooks hear the places of the caller's input, not of the facts that decoded.
    ...(hooks === undefined
      ? {}
      : {
          hooks: {
            ...hooks,
            onRefusal: (event: RefusalObserved) =>
              onRefusal?.(
                event.index === undefined ? event : { ...event, index: keptIndex[event.index] ?? event.index },
              ),
          },
        }),
  });
  const outcomes: StreamOutcome[] = inner.outcomes.map((outcome) => ({
    ...outcome,
    indexes: outcome.indexes.map((i) => keptIndex[i] ?? i),
  }));
  let refused = inner.refused + ongeldig.length;
  for (const group of blocked.values()) {
    refused += group.facts.length;
    const outcome: StreamOutcome = {
      status: 'invalid',
      ...base(group),
      bericht: `${group.stream.startsWith('werkgever-') ? 'werkgever' : 'huishouden'} ${group.huishouden}: ${
        spoiled === undefined
          ? 'een ongeldig feit van deze aanroep noemt geen leesbaar huishouden'
          : 'een feit van deze batch is ongeldig'
      }; de batch is in zijn geheel geweigerd (MEETREGELS §2), niets vastgelegd`,
    };
    outcomes.push(outcome);
    if (options.hooks !== undefined) refusalHooks(options.hooks, outcome);
  }
  // In order of first appearance in the input, as without invalid facts.
  if (blocked.size > 0) outcomes.sort((a, b) => (a.indexes[0] ?? 0) - (b.indexes[0] ?? 0));
  return { outcomes, appended: inner.appended, alreadyStored: inner.alreadyStored, refused, ongeldig };
};

export const recordFacts = async (
  store: EventStore,
  facts: unknown,
  options: RecordOptions = {},
): Promise<RecordResult> =>
  inSpan(options.hooks, 'zelfredzaam.record', { 'zelfredzaam.store': store.kind }, () =>
    recordUnknown(store, facts, options),
  );

/** Reports a refused (or invalid, or conflicting) outcome's facts to the hooks, one by one. */
const refusalHooks = (hooks: Hooks, outcome: StreamOutcome): void => {
  const code =
    outcome.status === 'refused'
      ? outcome.weigering.code
      : outcome.status === 'conflict'
        ? 'GELIJKTIJDIG'
        : outcome.status === 'invalid'
          ? 'ONGELDIG'
          : undefined;
  if (code === undefined) return;
  const bericht =
    outcome.status === 'refused' ? outcome.weigering.bericht : 'bericht' in outcome ? outcome.bericht : '';
  for (const index of outcome.indexes)
    notify(hooks.onRefusal, { code, huishouden: outcome.huishouden, index, bericht });
};

/**
 * How the importer overlaps its chunks (issue 16): `after` settles when the chunk before has been
 * appended (this one appends after it, in file order); `decided` is called once this chunk's
 * first decision is made and kept in the cache, so the next chunk can be decided meanwhile.
 */
export interface Pipeline {
  readonly after: Promise<unknown>;
  readonly decided: () => void;
}

/** recordFacts for facts this package decoded already (the NDJSON import): no second decode. */
export const recordDecided = async (
  store: EventStore,
  facts: readonly Incoming[],
  options: RecordOptions = {},
  pipeline?: Pipeline,
): Promise<RecordResult> => {
  const hooks = options.hooks;
  const eventIdFor = options.eventIdFor ?? randomEventId;
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_ATTEMPTS);
  const perFact = options.mode === 'per-fact';
  const cache = options.histories ?? new HistoryCache();
  const groups = [...groupByStream(facts, eventIdFor).values()];
  const outcomes: StreamOutcome[] = [];
  let appended = 0;
  let alreadyStored = 0;
  let refused = 0;
  for (let start = 0; start < groups.length; ) {
    // A chunk holds whole households: at least one, then up to chunkSize facts.
    let end = start;
    let size = 0;
    do {
      size += groups[end]?.facts.length ?? 0;
      end++;
    } while (end < groups.length && size + (groups[end]?.facts.length ?? 0) <= chunkSize);
    const chunk = groups.slice(start, end);
    const decided = perFact
      ? await recordChunkPerFact(store, chunk, maxAttempts, cache, hooks, start === 0 ? pipeline : undefined)
      : listed(await recordChunk(store, chunk, maxAttempts, hooks));
    for (const group of chunk) {
      for (const outcome of decided.get(group.stream) ?? []) {
        outcomes.push(outcome);
        if (outcome.status === 'accepted') {
          appended += outcome.appended.length;
          alreadyStored += outcome.facts.length - outcome.appended.length;
        } else if (outcome.status === 'alreadyStored') alreadyStored += outcome.facts.length;
        else {
          refused += outcome.facts.length;
          if (hooks?.onRefusal !== undefined) refusalHooks(hooks, outcome);
        }
      }
    }
    start = end;
  }
  return { outcomes, appended, alreadyStored, refused, ongeldig: [] };
};
