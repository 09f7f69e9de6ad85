// Replaying NDJSON files into the projections' state on every core (issue 6), for the CLI and
// the benchmarks.

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
