// The parallel replay lives in @zelfredzaam/replay (issue 13); `@zelfredzaam/cli/replay` stays
// as it was for the code that imports it from here.
export {
  DEFAULT_MAX_FOUTEN,
  DEFAULT_MAX_LINE_BYTES,
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
