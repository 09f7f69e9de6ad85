// What an append does, decided before anything is written, so that the stores that see the
// whole picture (memory; SQL under its append lock) share one reading of the port: each write is
// checked against its stream's revision (writes are independent), facts whose eventId the stream
// already holds are left out, and an eventId held by another stream refuses the whole call.
import { type Identified, streamNameOf, subjectOf } from '@zelfredzaam/domain';
import {
  type AppendOutcome,
  EventIdConflictError,
  type ExpectedRevision,
  type StoredEvent,
  type StreamWrite,
  WrongExpectedRevisionError,
} from './port.js';

export type Revision = number | 'no_stream';

/** A write that will be stored: its fresh events get revisions from `firstRevision` on. */
export interface PlannedWrite {
  readonly status: 'planned';
  readonly stream: string;
  readonly firstRevision: number;
  readonly events: readonly Identified[];
}

export type PlannedOutcome = PlannedWrite | Extract<AppendOutcome, { status: 'conflict' }>;

export const checkExpectedRevision = (expected: ExpectedRevision): void => {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`verwachte revisie ${expected}: verwacht een geheel getal ≥ 0, 'no_stream' of 'any'`);
  }
};

export const revisionMatches = (expected: ExpectedRevision, actual: Revision): boolean =>
  expected === 'any' || expected === actual;

/**
 * Plans the writes in order against the current revisions and the holders of their eventIds.
 * Throws EventIdConflictError (nothing may then be written) when an eventId belongs to another
 * stream, in the store or earlier in this call.
 */
export const planAppend = (
  writes: readonly StreamWrite[],
  currentRevision: (stream: string) => Revision,
  holderOf: (eventId: string) => string | undefined,
): PlannedOutcome[] => {
  for (const write of writes) {
    checkExpectedRevision(write.expectedRevision);
    for (const event of write.events) {
      // One stream per household (and per employer, §7.1): a fact in another subject's stream
      // could never be read back.
      if (streamNameOf(event) !== write.stream) {
        const { categorie, id } = subjectOf(event);
        throw new RangeError(
          `${event.type} van ${categorie} ${id} hoort in stream ${streamNameOf(event)}, niet in ${JSON.stringify(write.stream)}`,
        );
      }
    }
  }
  const revisions = new Map<string, Revision>();
  const claimed = new Map<string, string>();
  return writes.map((write): PlannedOutcome => {
    const current = revisions.get(write.stream) ?? currentRevision(write.stream);
    if (!revisionMatches(write.expectedRevision, current)) {
      return {
        status: 'conflict',
        stream: write.stream,
        expectedRevision: write.expectedRevision,
        actualRevision: current,
      };
    }
    const fresh: Identified[] = [];
    for (const event of write.events) {
      const holder = claimed.get(event.eventId) ?? holderOf(event.eventId);
      if (holder === write.stream) continue;
      if (holder !== undefined) throw new EventIdConflictError(event.eventId, write.stream, holder);
      claimed.set(event.eventId, write.stream);
      fresh.push(event);
    }
    const firstRevision = current === 'no_stream' ? 0 : current + 1;
    revisions.set(write.stream, fresh.length > 0 ? firstRevision + fresh.length - 1 : current);
    return { status: 'planned', stream: write.stream, firstRevision, events: fresh };
  });
};

/** `appendToStream` in terms of `append`: one write; a conflict becomes WrongExpectedRevisionError. */
export const appendOne = async (
  append: (writes: unknown) => Promise<readonly AppendOutcome[]>,
  stream: string,
  expectedRevision: ExpectedRevision,
  events: unknown,
): Promise<readonly StoredEvent[]> => {
  const [outcome] = await append([{ stream, expectedRevision, events }]);
  if (outcome === undefined) throw new Error(`stream ${stream}: geen uitkomst van append`);
  if (outcome.status === 'conflict')
    throw new WrongExpectedRevisionError(stream, expectedRevision, outcome.actualRevision);
  return outcome.appended;
};
