// NDJSON export (MEETREGELS §6): every stored fact in recorded order, one per line, with its
// eventId and recordedAt, fields in canonical order (domain `encode`) — what import reads, and
// byte-stable for the same store. Streaming: one batch in memory at a time, waiting for the
// output to drain. A stored fact that no longer decodes (or, in a memory store a library user
// filled by hand, cannot be encoded) is left out and reported in the result (issue 17, point 7):
// the rest is written.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { encode } from '@zelfredzaam/domain';
import {
  CorruptStoredEventError,
  type EventStore,
  type Position,
  type StoredEvent,
  type UnreadableEvent,
} from '../port.js';

export interface ExportOptions {
  /** Start after this position (an earlier export's last position); from the start when absent. */
  readonly after?: Position;
  /** Events read per batch (default 5,000). */
  readonly batchSize?: number;
  /** Called after each batch with the counts so far. */
  readonly onProgress?: (progress: { readonly events: number; readonly bytes: number }) => void;
}

export interface ExportResult {
  readonly events: number;
  readonly bytes: number;
  /** The position of the last event written (for an incremental export later), if any. */
  readonly lastPosition: Position | undefined;
  /** Stored facts left out because they do not decode, in recorded order (the first 100). */
  readonly unreadable: readonly UnreadableEvent[];
  /** How many were left out in all. */
  readonly unreadableCount: number;
}

/** Thrown when the output cannot be written (not when the store cannot be read). */
export class ExportOutputError extends Error {
  override readonly name = 'ExportOutputError';
}

const KEPT_UNREADABLE = 100;

/** Why a fact cannot be encoded, without its values. */
const encodeFailure = (error: unknown): string =>
  `het opgeslagen feit heeft niet de vorm van een feit uit de catalogus (${error instanceof Error ? error.name : 'fout'})`;

/** One event as its NDJSON line, terminator included. */
export const ndjsonLine = (stored: StoredEvent): string => `${JSON.stringify(encode(stored.event))}\n`;

/** Writes the store's facts to `output` (which stays open: the caller ends it). */
export const exportNdjson = async (
  store: EventStore,
  output: Writable,
  options: ExportOptions = {},
): Promise<ExportResult> => {
  let events = 0;
  let bytes = 0;
  let lastPosition: Position | undefined;
  const unreadable: UnreadableEvent[] = [];
  let unreadableCount = 0;
  const skip = (event: UnreadableEvent): void => {
    unreadableCount++;
    if (unreadable.length < KEPT_UNREADABLE) unreadable.push(event);
  };
  for await (const batch of store.readAll({
    batchSize: options.batchSize ?? 5_000,
    ...(options.after === undefined ? {} : { after: options.after }),
    onUnreadable: skip,
  })) {
    let text = '';
    let written = 0;
    for (const stored of batch) {
      let line: string;
      try {
        line = ndjsonLine(stored);
      } catch (error) {
        // Only a store that keeps objects unchecked (memory) can hold such a fact.
        skip({
          stream: stored.stream,
          revision: stored.revision,
          position: stored.position,
          eventId: typeof stored.event?.eventId === 'string' ? stored.event.eventId : undefined,
          reason: error instanceof CorruptStoredEventError ? error.reason : encodeFailure(error),
        });
        continue;
      }
      text += line;
      written++;
    }
    const length = Buffer.byteLength(text, 'utf8');
    if (!output.write(text, 'utf8')) await drained(output);
    events += written;
    bytes += length;
    lastPosition = batch[batch.length - 1]?.position ?? lastPosition;
    options.onProgress?.({ events, bytes });
  }
  return { events, bytes, lastPosition, unreadable, unreadableCount };
};

/** Resolves when `output` drains; rejects when it fails or closes first. */
const drained = async (output: Writable): Promise<void> => {
  // The listener that loses the race is removed again (no listener piles up per batch).
  const controller = new AbortController();
  try {
    await Promise.race([
      once(output, 'drain', { signal: controller.signal }),
      once(output, 'close', { signal: controller.signal }).then(() => {
        throw new ExportOutputError('de uitvoer werd gesloten tijdens de export');
      }),
    ]);
  } finally {
    controller.abort();
  }
};

/**
 * Exports to a file: written beside it first and renamed when complete, so an interrupted export
 * never leaves a half file under the name.
 */
export const exportNdjsonFile = async (
  store: EventStore,
  path: string,
  options: ExportOptions = {},
): Promise<ExportResult> => {
  const partial = `${path}.${process.pid}.deel`;
  const output = createWriteStream(partial);
  // A failure of the file is the file's; anything else (the store) is not blamed on it.
  let outputFailed: unknown;
  output.on('error', (error) => {
    outputFailed ??= error;
  });
  const asOutputError = (error: unknown): unknown =>
    error instanceof ExportOutputError
      ? error
      : new ExportOutputError(error instanceof Error ? error.message : String(error), { cause: error });
  try {
    let result: ExportResult;
    try {
      result = await exportNdjson(store, output, options);
    } catch (error) {
      throw outputFailed === undefined ? error : asOutputError(outputFailed);
    }
    try {
      output.end();
      await once(output, 'finish');
      await rename(partial, path);
    } catch (error) {
      throw asOutputError(outputFailed ?? error);
    }
    return result;
  } catch (error) {
    output.destroy();
    await rm(partial, { force: true });
    throw error;
  }
};
