// NDJSON export (MEETREGELS §6): every stored fact in recorded order, one per line, with its
// eventId and recordedAt, fields in canonical order (domain `encode`) — what import reads, and
// byte-stable for the same store. Streaming: one batch in memory at a time, waiting for the
// output to drain.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { encode } from '@zelfredzaam/domain';
import type { EventStore, Position, StoredEvent } from '../port.js';

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
}

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
  for await (const batch of store.readAll({
    batchSize: options.batchSize ?? 5_000,
    ...(options.after === undefined ? {} : { after: options.after }),
  })) {
    const text = batch.map(ndjsonLine).join('');
    const length = Buffer.byteLength(text, 'utf8');
    if (!output.write(text, 'utf8')) await drained(output);
    events += batch.length;
    bytes += length;
    lastPosition = batch[batch.length - 1]?.position ?? lastPosition;
    options.onProgress?.({ events, bytes });
  }
  return { events, bytes, lastPosition };
};

/** Resolves when `output` drains; rejects when it fails or closes first. */
const drained = async (output: Writable): Promise<void> => {
  // The listener that loses the race is removed again (no listener piles up per batch).
  const controller = new AbortController();
  try {
    await Promise.race([
      once(output, 'drain', { signal: controller.signal }),
      once(output, 'close', { signal: controller.signal }).then(() => {
        throw new Error('de uitvoer werd gesloten tijdens de export');
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
  try {
    const result = await exportNdjson(store, output, options);
    output.end();
    await once(output, 'finish');
    await rename(partial, path);
    return result;
  } catch (error) {
    output.destroy();
    await rm(partial, { force: true });
    throw error;
  }
};
