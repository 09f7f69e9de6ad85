// Running the parts of a file on worker threads, shared by the replay (replay.ts) and `report
// --from` (decide-file.ts): one thread per part, its progress passed on (the slowest part's bytes),
// its state merged into the caller's as soon as it arrives (each part's buffers are taken over as
// they are, so no fact is held twice), and every thread still running ended when one fails.
import type { Worker } from 'node:worker_threads';
import { mergeTransferable, type ProjectionState, type TransferableState } from '@zelfredzaam/projections';
import type { DecideRequest, PartRequest } from './protocol.js';
import { startWorker } from './spawn.js';

/** What a part's thread sends: progress, its result (with its state), or its failure. */
export type PartMessage<Done> =
  | { readonly kind: 'progress'; readonly bytes: number }
  | Done
  | { readonly kind: 'error'; readonly message: string };

/** A part's result as its thread sends it. */
export interface DoneMessage {
  readonly kind: 'done';
  readonly state: TransferableState;
  /** Lines whose stream belongs to another part: then the caller handles the file in one part. */
  readonly misrouted: number;
}

/** Waits for `work`; when it fails, the threads still running are ended before the error is passed on. */
export const stopAllOnFailure = async <T>(running: Set<Worker>, work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    await Promise.all([...running].map((worker) => worker.terminate()));
    throw error;
  }
};

const runPart = <Done extends DoneMessage>(
  name: 'worker' | 'decide-worker',
  request: PartRequest | DecideRequest,
  /** The Dutch verb of a failure's message (herafspelen, beslissen). */
  verb: string,
  running: Set<Worker>,
  onBytes: (bytes: number) => void,
): Promise<Done> =>
  new Promise<Done>((resolve, reject) => {
    const worker = startWorker(name, request);
    running.add(worker);
    let settled = false;
    worker.on('message', (message: PartMessage<Done>) => {
      if (message.kind === 'progress') onBytes(message.bytes);
      else if (message.kind === 'done') {
        settled = true;
        // Its state has moved here: end the thread now, so its heap is freed before the merge.
        void worker.terminate();
        resolve(message);
      } else {
        settled = true;
        reject(new Error(`${verb} (deel ${request.part + 1} van ${request.parts}): ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      running.delete(worker);
      if (!settled) reject(new Error(`${verb}: werkthread ${request.part + 1} stopte onverwacht (code ${code})`));
    });
  });

/**
 * Runs `parts` parts of a file on as many threads (the request of part p: `requestOf(p)`) and
 * merges each part's state into `state` as it arrives, unless a part found misrouted lines. Gives
 * the parts' results without their states, in the order they arrived.
 */
export const runParts = async <Done extends DoneMessage>(
  name: 'worker' | 'decide-worker',
  parts: number,
  requestOf: (part: number) => PartRequest | DecideRequest,
  verb: string,
  state: ProjectionState,
  onProgress: ((bytes: number) => void) | undefined,
): Promise<Omit<Done, 'kind' | 'state'>[]> => {
  const progress = new Array<number>(parts).fill(0);
  const results: Omit<Done, 'kind' | 'state'>[] = [];
  let merging = Promise.resolve();
  const running = new Set<Worker>();
  await stopAllOnFailure(
    running,
    Promise.all(
      Array.from({ length: parts }, (_, part) =>
        runPart<Done>(name, requestOf(part), verb, running, (bytes) => {
          progress[part] = bytes;
          onProgress?.(Math.min(...progress));
        }).then(({ kind: _, state: transferable, ...rest }) => {
          results.push(rest);
          merging = merging.then(() => {
            if (rest.misrouted === 0) mergeTransferable(state, transferable);
          });
          return merging;
        }),
      ),
    ),
  );
  return results;
};
