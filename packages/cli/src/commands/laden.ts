// Loading NDJSON through the decider, with the adapters' importer: for `import` (into the chosen
// store) and `report --from` (into a compact store in memory: the facts off the JS heap, so
// the heap does not grow with them; issue 7). Every refused line goes to stderr with
// its line number and reason as soon as its chunk is decided; every valid line is kept.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import {
  combineHooks,
  type Derivation,
  type EventStore,
  type Hooks,
  type ImportResult,
  importNdjson,
  openMemoryStore,
} from '@zelfredzaam/adapters';
import { formatInstant, maskBsn, type RecordedAt } from '@zelfredzaam/domain';
import type { BronHash, ProjectionState } from '@zelfredzaam/projections';
import { type DecideFileResult, decideNdjsonFile, FileChangedError } from '@zelfredzaam/replay';
import { flag, type OptionSpec, type Parsed, parseGeheel, stringValue } from '../args.js';
import { CliError, echo, UsageError } from '../errors.js';
import { alsJson, logJson, type Omgeving } from '../omgeving.js';
import { createProgress } from '../progress.js';
import { pseudoniemSleutel, pseudonimiseerder } from '../pseudonimiseer.js';
import { aantal, replayStore } from './common.js';

export interface Input {
  readonly stream: Readable;
  /** Its size in bytes, when it is a file (for the progress bar). */
  readonly bytes: number | undefined;
  /** How it is named in messages. */
  readonly naam: string;
}

/**
 * A file name as messages show it: control characters escaped (one message stays one line) and
 * never a BSN, as with every value from the command line (errors.ts `echo`), but unquoted.
 */
export const toonNaam = (path: string): string => maskBsn(JSON.stringify(path).slice(1, -1));

/** Opens an NDJSON input (a file, or stdin for '-'); a missing file is a usage error. */
export const openInput = async (path: string, omgeving: Omgeving): Promise<Input> => {
  if (path === '-') return { stream: omgeving.stdin, bytes: undefined, naam: 'de standaardinvoer' };
  const full = resolve(omgeving.cwd, path);
  let size: number;
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw new UsageError(`bestand ${echo(path)} is een map`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`bestand ${echo(path)} bestaat niet of kan niet worden gelezen`);
  }
  // Opened when first read: `report --from`'s parallel decider reads the file itself, and a stream
  // opened and destroyed at once still opens the file later, off the main thread — when it is gone
  // by then, that failure came back as an uncaught error.
  let stream: Readable | undefined;
  return {
    get stream() {
      stream ??= createReadStream(full, { highWaterMark: 1024 * 1024 });
      return stream;
    },
    bytes: size,
    naam: toonNaam(path),
  };
};

/** The options of `import` and `report --from` that say how a file is read. */
export const LAAD_OPTIES: OptionSpec = {
  'max-regel-bytes': { type: 'string' },
  pseudonimiseer: { type: 'boolean' },
};

/** The longest line that `--max-regel-bytes` may allow (a line is held whole in memory). */
export const MAX_REGEL_BYTES = 256 * 1024 * 1024;

/** Reads `--max-regel-bytes` and `--pseudonimiseer` (the key from the environment). */
export const laadOptiesOf = (parsed: Parsed, omgeving: Omgeving): LaadOpties => {
  const max = stringValue(parsed, 'max-regel-bytes');
  return {
    ...(max === undefined ? {} : { maxRegelBytes: parseGeheel(max, '--max-regel-bytes', 1024, MAX_REGEL_BYTES) }),
    ...(flag(parsed, 'pseudonimiseer') ? { herschrijf: pseudonimiseerder(pseudoniemSleutel(omgeving.env ?? {})) } : {}),
  };
};

/** How a file is read: `--max-regel-bytes` and `--pseudonimiseer`. */
export interface LaadOpties {
  /** The longest line read, in bytes; a longer one is refused without being held (default 1 MB). */
  readonly maxRegelBytes?: number;
  /** Rewrites each parsed line before it is decoded (the pseudonymiser of pseudonimiseer.ts). */
  readonly herschrijf?: (parsed: unknown) => unknown;
  /** Keep every fact's eventId in the state (MEETREGELS §8: `verklaar`). */
  readonly eventIds?: boolean;
  /** Called after each chunk is stored, with the number of lines handled up to then. */
  readonly naVoortgang?: (regels: number) => void;
  /** How a missing eventId is derived (`--afleiding`; default canoniek, issue 17). */
  readonly afleiding?: Derivation;
  /** `--historisch`: new facts may be recorded before the store's latest recordedAt (issue 17). */
  readonly historisch?: boolean;
}

/** Imports the input into the store; refusals are printed as they come. */
export const importInto = async (
  store: EventStore,
  input: Input,
  omgeving: Omgeving,
  opties: LaadOpties = {},
): Promise<ImportResult> => {
  const progress = createProgress(omgeving.stderr, 'importeren');
  const json = alsJson(omgeving);
  // With --log json: each refusal, each chunk's progress and each retry as a JSON line.
  const retries: Hooks = json
    ? {
        onRetry: (retry) => {
          void logJson(omgeving, { level: 'warn', event: 'retry', stream: retry.stream, attempt: retry.attempt });
        },
      }
    : {};
  try {
    return await importNdjson(store, input.stream, {
      ...(opties.maxRegelBytes === undefined ? {} : { maxLineBytes: opties.maxRegelBytes }),
      ...(opties.herschrijf === undefined ? {} : { rewrite: opties.herschrijf }),
      hooks: combineHooks(omgeving.hooks, retries),
      ...(opties.afleiding === undefined ? {} : { derivation: opties.afleiding }),
      ...(opties.historisch === true ? { historisch: true } : {}),
      // A recordedAt after this moment is refused (issue 17): the clock is read here, at the edge.
      now: omgeving.nu?.() ?? Date.now(),
      onRefusal: (refusal) => {
        if (json) {
          void logJson(omgeving, {
            level: 'warn',
            event: 'refusal',
            line: refusal.line,
            code: refusal.code,
            ...(refusal.huishouden === undefined ? {} : { household: refusal.huishouden }),
            message: refusal.bericht,
          });
          return;
        }
        progress.done();
        omgeving.stderr.write(`${refusal.bericht}\n`);
      },
      onProgress: (counts) => {
        opties.naVoortgang?.(counts.lines);
        if (json) {
          void logJson(omgeving, {
            level: 'info',
            event: 'progress',
            lines: counts.lines,
            bytes: counts.bytes,
            ...(input.bytes === undefined ? {} : { totalBytes: input.bytes }),
            accepted: counts.accepted,
            alreadyStored: counts.alreadyStored,
            refused: counts.refused,
          });
        }
        progress.set(
          counts.lines,
          input.bytes === undefined || input.bytes === 0 ? undefined : counts.bytes / input.bytes,
        );
      },
    });
  } finally {
    progress.done();
  }
};

/**
 * `report --from FILE`: the file decided line by line, as `import` decides it, and folded into the
 * projections' state on every core, without a store between (replay/decide.ts, issue 16): each
 * household on its decider's timeline, the households partitioned over worker threads. Refused
 * lines go to stderr in line order with the importer's messages. Standard input, which cannot be
 * read once per part, and `verklaar` (which needs the eventIds in the state) import into a compact
 * store in memory (the facts off the JS heap) and replay it.
 */
export const loadFile = async (
  path: string,
  omgeving: Omgeving,
  opties: LaadOpties = {},
  hash?: BronHash,
): Promise<{ readonly state: ProjectionState; readonly result: ImportResult }> => {
  const input = await openInput(path, omgeving);
  // The parallel decider's state keeps no eventIds; `verklaar` (MEETREGELS §8) needs them, so it
  // takes the store path below.
  if (input.bytes !== undefined && opties.eventIds !== true) {
    const progress = createProgress(omgeving.stderr, 'beslissen');
    let decided: DecideFileResult;
    try {
      decided = await decideNdjsonFile(resolve(omgeving.cwd, path), {
        // A recordedAt after this moment is refused, and a fact without one is recorded at it.
        now: formatInstant(omgeving.nu?.() ?? Date.now()) as RecordedAt,
        ...(opties.afleiding === undefined ? {} : { derivation: opties.afleiding }),
        ...(hash === undefined ? {} : { hash }),
        ...(opties.maxRegelBytes === undefined ? {} : { maxLineBytes: opties.maxRegelBytes }),
        ...(opties.herschrijf === undefined ? {} : { rewrite: opties.herschrijf }),
        onProgress: (bytes) => progress.set(bytes, input.bytes === 0 ? undefined : bytes / (input.bytes ?? 1)),
      });
    } catch (error) {
      // An export still being written, or replaced, while its parts were read: no report from it.
      if (error instanceof FileChangedError) throw new CliError(error.message);
      throw error;
    } finally {
      progress.done();
    }
    for (const refusal of decided.refusals) {
      if (alsJson(omgeving)) {
        await logJson(omgeving, {
          level: 'warn',
          event: 'refusal',
          line: refusal.line,
          code: refusal.code,
          ...(refusal.huishouden === undefined ? {} : { household: refusal.huishouden }),
          message: refusal.bericht,
        });
      } else omgeving.stderr.write(`${refusal.bericht}\n`);
      try {
        omgeving.hooks?.onRefusal?.({
          code: refusal.code,
          huishouden: refusal.huishouden,
          line: refusal.line,
          bericht: refusal.bericht,
        });
      } catch {
        // An observer's failure is not the command's.
      }
    }
    opties.naVoortgang?.(decided.lines);
    const kept = decided.refusals.slice(0, MAX_REFUSALS_KEPT);
    return {
      state: decided.state,
      result: {
        lines: decided.lines,
        bytes: decided.bytes,
        blank: decided.blank,
        accepted: decided.accepted,
        alreadyStored: decided.alreadyStored,
        refused: decided.refused,
        refusals: kept,
        refusalsOmitted: decided.refused - kept.length,
      },
    };
  }
  const store = openMemoryStore({ compact: true });
  try {
    const result = await importInto(store, input, omgeving, opties);
    return {
      state: await replayStore(store, omgeving, undefined, hash, { eventIds: opties.eventIds === true }),
      result,
    };
  } finally {
    await store.close();
  }
};

/** Refusals kept in the result, as the importer keeps them (all are printed). */
const MAX_REFUSALS_KEPT = 1_000;

/** One line about an import: lines read, stored, already there, refused. */
export const samenvatting = (result: ImportResult, naam: string): string => {
  const parts = [`${aantal(result.accepted)} vastgelegd`];
  if (result.alreadyStored > 0) parts.push(`${aantal(result.alreadyStored)} waren er al`);
  if (result.refused > 0) parts.push(`${aantal(result.refused)} geweigerd`);
  if (result.blank > 0) parts.push(`${aantal(result.blank)} leeg`);
  return `${aantal(result.lines)} regels uit ${naam}: ${parts.join(', ')}`;
};
