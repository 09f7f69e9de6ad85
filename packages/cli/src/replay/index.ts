// The parallel replay and the parallel decider live in @zelfredzaam/replay (issues 13 and 16);
// `@zelfredzaam/cli/replay` stays as it was for the code that imports it from here.
export {
  DEFAULT_MAX_FOUTEN,
  DEFAULT_MAX_LINE_BYTES,
  type DecideFileOptions,
  type DecideFileResult,
  decideNdjsonFile,
  decideNdjsonFileHere,
  type PartOptions,
  type PartResult,
  type PostgresReplayOptions,
  type PostgresReplayResult,
  partOfSubject,
  type ReplayFout,
  type ReplayFoutCode,
  type ReplayOptions,
  type ReplayResult,
  replayNdjsonFile,
  replayNdjsonFileHere,
  replayPart,
  replayPostgres,
} from '@zelfredzaam/replay';
