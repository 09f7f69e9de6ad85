// Public entry point of `@zelfredzaam/domain`: the event catalogue, value types and the decider
// (MEETREGELS §1–§2). Modules import each other directly; this file only re-exports.
export * from './calendar.js';
export { aanduiding, type Decide, decide } from './decider.js';
export {
  type DecodeError,
  decode,
  decodeRecorded,
  describeDecodeError,
  describeReceived,
  encode,
  type FieldProblem,
  fieldOrder,
  maskBsn,
} from './decode.js';
export {
  type AsciiText,
  canonicalLineInto,
  canonicalLineOfDecoded,
  decodeLine,
  decodeRecordedLine,
  forgetDecodedLine,
  LINE_NO_ROOM,
  normalEventId,
  normalRecordedAt,
} from './decode-fast.js';
export { EventIdTable } from './event-id-table.js';
export * from './events.js';
export { canonicalInstant, formatInstant, kennisdatumCutoff, parseInstant } from './instant.js';
export * from './lifecycle.js';
export { type EventIdIndex, Tijdlijn, Tijdlijnen, type Uitspraak } from './tijdlijn.js';
export * from './values.js';
export * from './weigering.js';
