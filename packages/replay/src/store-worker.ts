// The worker thread of a parallel replay from PostgreSQL (store.ts): reads one range of
// positions through the store's own readAll (every row decoded by the domain codec), folds it,
// and sends its state back as typed arrays whose buffers are moved, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type Position } from '@zelfredzaam/adapters';
import { apply, emptyState, toTransferable, transferList } from '@zelfredzaam/projections';
import type { RangeMessage, RangeRequest } from './protocol.js';

const port = parentPort;
if (port !== null) {
  const request = workerData as RangeRequest;
  const post = (message: RangeMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const run = async (): Promise<void> => {
    const store = await openStore(request.spec);
    const state = emptyState();
    let facts = 0;
    let unreadable = 0;
    try {
      read: for await (const batch of store.readAll({
        after: request.after as Position,
        batchSize: request.batchSize,
        // Skipped and counted, as a replay on one thread does (issue 17, point 7).
        onUnreadable: (event) => {
          if (event.position === undefined || Number(event.position) <= request.upTo) unreadable++;
        },
      })) {
        for (let i = 0; i < batch.length; i++) {
          const stored = batch[i] as (typeof batch)[number];
          // Positions of the SQL store are whole numbers below 2^53, in text.
          if (Number(stored.position) > request.upTo) break read;
          apply(state, stored.event);
          facts++;
        }
      }
    } finally {
      await store.close();
    }
    const transferable = toTransferable(state);
    post({ kind: 'done', facts, unreadable, state: transferable }, transferList(transferable));
  };
  run().catch((error: unknown) =>
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
}
