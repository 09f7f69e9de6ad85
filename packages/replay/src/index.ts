// @zelfredzaam/replay: replaying histories at scale — NDJSON files and PostgreSQL stores on every
// core into the projections' state (issue 6) — and verify, every stored fact through the decider.
export {
  type DecideFileOptions,
  type DecideFileResult,
  decideNdjsonFile,
  decideNdjsonFileHere,
} from './decide-file.js';
export {
  DEFAULT_MAX_FOUTEN,
  DEFAULT_MAX_LINE_BYTES,
  type PartOptions,
  type PartResult,
  partOfSubject,
  type ReplayFout,
  type ReplayFoutCode,
  replayPart,
} from './partition.js';
export { type ReplayOptions, type ReplayResult, replayNdjsonFile, replayNdjsonFileHere } from './replay.js';
export { type PostgresReplayOptions, type PostgresReplayResult, replayPostgres } from './store.js';
export { FileChangedError } from './unchanged.js';
export { type Controle, controleer, createVerifier, type Schending } from './verify.js';
