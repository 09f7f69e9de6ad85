// Loading NDJSON through the decider, with the adapters' importer: for `import` (into the chosen
// store) and `report --from` (into a store in memory). Every refused line goes to stderr with its
// line number and reason as soon as its chunk is decided; every valid line is kept.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { type EventStore, type ImportResult, importNdjson, openStore } from '@zelfredzaam/adapters';
import type { ProjectionState } from '@zelfredzaam/projections';
import { echo, UsageError } from '../errors.js';
import type { Omgeving } from '../omgeving.js';
import { createProgress } from '../progress.js';
import { aantal, replayStore } from './common.js';

export interface Input {
  readonly stream: Readable;
  /** Its size in bytes, when it is a file (for the progress bar). */
  readonly bytes: number | undefined;
  /** How it is named in messages. */
  readonly naam: string;
}

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
  return { stream: createReadStream(full, { highWaterMark: 1024 * 1024 }), bytes: size, naam: path };
};

/** Imports the input into the store; refusals are printed as they come. */
export const importInto = async (store: EventStore, input: Input, omgeving: Omgeving): Promise<ImportResult> => {
  const progress = createProgress(omgeving.stderr, 'importeren');
  try {
    return await importNdjson(store, input.stream, {
      onRefusal: (refusal) => {
        progress.done();
        omgeving.stderr.write(`${refusal.bericht}\n`);
      },
      onProgress: (counts) =>
        progress.set(
          counts.lines,
          input.bytes === undefined || input.bytes === 0 ? undefined : counts.bytes / input.bytes,
        ),
    });
  } finally {
    progress.done();
  }
};

/** `report --from FILE`: the file loaded through the decider into a store in memory, and replayed. */
export const loadFile = async (
  path: string,
  omgeving: Omgeving,
): Promise<{ readonly state: ProjectionState; readonly result: ImportResult }> => {
  const input = await openInput(path, omgeving);
  const store = await openStore('memory:');
  try {
    const result = await importInto(store, input, omgeving);
    return { state: await replayStore(store, omgeving), result };
  } finally {
    await store.close();
  }
};

/** One line about an import: lines read, stored, already there, refused. */
export const samenvatting = (result: ImportResult, naam: string): string => {
  const parts = [`${aantal(result.accepted)} vastgelegd`];
  if (result.alreadyStored > 0) parts.push(`${aantal(result.alreadyStored)} waren er al`);
  if (result.refused > 0) parts.push(`${aantal(result.refused)} geweigerd`);
  if (result.blank > 0) parts.push(`${aantal(result.blank)} leeg`);
  return `${aantal(result.lines)} regels uit ${naam}: ${parts.join(', ')}`;
};
