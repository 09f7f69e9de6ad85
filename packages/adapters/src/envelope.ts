// Completing the envelope (MEETREGELS §1): the eventId when a fact has none, and recordedAt,
// which the store sets on append when absent.
import {
  type EventId,
  formatInstant,
  type Identified,
  type Incoming,
  type Recorded,
  RecordedAt,
} from '@zelfredzaam/domain';

/** The current instant in the canonical form of RecordedAt. */
export const recordedAtOf = (ms: number): RecordedAt => {
  const text = formatInstant(ms);
  if (!RecordedAt.is(text)) throw new RangeError(`tijdstip ${text} valt buiten het bereik van recordedAt`);
  return text;
};

const hasRecordedAt = (event: Identified): event is Recorded => event.recordedAt !== undefined;

/** The fact as stored: itself when it has a recordedAt (no copy on the hot path), else with `now`. */
export const withRecordedAt = (event: Identified, now: RecordedAt): Recorded =>
  hasRecordedAt(event) ? event : { ...event, recordedAt: now };

const hasEventId = (feit: Incoming): feit is Identified => feit.eventId !== undefined;

/** The fact with an identity: itself when it has one, else with `eventIdFor(feit)`. */
export const withEventId = (feit: Incoming, eventIdFor: (feit: Incoming) => EventId): Identified =>
  hasEventId(feit) ? feit : { ...feit, eventId: eventIdFor(feit) };
