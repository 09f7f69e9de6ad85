// The worker thread of a parallel replay (replay.ts): replays one part of the file and sends its
// state back as typed arrays whose buffers are moved, not copied. Then the thread ends, and the
// memory of its own state with it.
import { parentPort, workerData } from 'node:worker_threads';
import { toTransferable, transferList } from '@zelfredzaam/projections';
import { replayPart } from './partition.js';
import type { PartRequest, WorkerMessage } from './protocol.js';

const port = parentPort;
if (port !== null) {
  const request = workerData as PartRequest;
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  try {
    const { state, ...counts } = replayPart(request.path, request.part, request.parts, {
      maxLineBytes: request.maxLineBytes,
      maxFouten: request.maxFouten,
      onBytes: (bytes) => post({ kind: 'progress', bytes }),
    });
    const transferable = toTransferable(state);
    post({ kind: 'done', ...counts, state: transferable }, transferList(transferable));
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
