// A fact as an EventStoreDB event and back. The event id is the fact's eventId (so the server
// recognises a repeated append), the event type its `type`, the data the encoded fact without
// its envelope, and the metadata the envelope's recordedAt with the schema version. Everything
// read back is decoded with decodeRecorded (STYLE §1): the server is outside.
import type { EventData, RecordedEvent } from '@eventstore/db-client';
import {
  CURRENT_SCHEMA_VERSION,
  decodeRecorded,
  describeDecodeError,
  encode,
  formatInstant,
  type Identified,
  type Recorded,
} from '@zelfredzaam/domain';
import { CorruptStoredEventError } from '../port.js';

const ENVELOPE = new Set(['eventId', 'recordedAt', 'schemaVersion']);

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** The event to append for a fact; `now` is the store's clock for a missing recordedAt. */
export const toEventData = (event: Identified, now: number): EventData => {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(encode(event))) if (!ENVELOPE.has(key)) data[key] = value;
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data,
    metadata: { recordedAt: event.recordedAt ?? formatInstant(now), schemaVersion: CURRENT_SCHEMA_VERSION },
  };
};

/** The fact an event holds; `stream` is the port's name for its stream, used in errors. */
export const toRecorded = (event: RecordedEvent, stream: string): Recorded => {
  const revision = Number(event.revision);
  const corrupt = (reason: string): CorruptStoredEventError => new CorruptStoredEventError(stream, revision, reason);
  if (!event.isJson || !isObject(event.data)) throw corrupt('de data is geen JSON-object');
  if (!isObject(event.metadata)) throw corrupt('de metadata (recordedAt, schemaVersion) ontbreekt');
  if (event.data.type !== event.type) {
    throw corrupt(`het gebeurtenistype ${JSON.stringify(event.type)} verschilt van het veld type in de data`);
  }
  const decoded = decodeRecorded({
    ...event.data,
    eventId: event.id,
    recordedAt: event.metadata.recordedAt,
    schemaVersion: event.metadata.schemaVersion,
  });
  if (decoded._tag === 'Left') throw corrupt(describeDecodeError(decoded.left));
  return decoded.right;
};
