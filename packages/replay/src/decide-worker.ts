// The worker thread of a parallel `report --from` (decide-file.ts): decides and folds one part of
// the file and sends its state back as typed arrays whose buffers are moved, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedAt } from '@zelfredzaam/domain';
import { toTransferable, transferList } from '@zelfredzaam/projections';
import { decidePart } from './decide.js';
import type { DecideMessage, DecideRequest } from './protocol.js';

const port = parentPort;
if (port !== null) {
  const request = workerData as DecideRequest;
  const post = (message: DecideMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  try {
    const { state, ...counts } = decidePart(request.path, request.part, request.parts, {
      maxLineBytes: request.maxLineBytes,
      now: request.now as RecordedAt,
      derivation: request.derivation,
      regels: request.regels,
      regelTijden: request.regelTijden,
      onBytes: (bytes) => post({ kind: 'progress', bytes }),
    });
    const transferable = toTransferable(state);
    const regels = counts.regels;
    const kandidaten = counts.kandidaten;
    post({ kind: 'done', ...counts, state: transferable }, [
      ...transferList(transferable),
      counts.eventIdKeys.buffer as ArrayBuffer,
      ...(regels === undefined
        ? []
        : [regels.bytes, regels.offsets, regels.lineNumbers, regels.recordedAt].map((a) => a.buffer as ArrayBuffer)),
      ...(kandidaten === undefined
        ? []
        : [kandidaten.lines.buffer as ArrayBuffer, kandidaten.streams.buffer as ArrayBuffer]),
    ]);
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
