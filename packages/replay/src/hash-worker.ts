// The thread that hashes `report --from`'s accepted lines (MEETREGELS §5 bron.sha256) in recorded
// order while the calling thread counts the reports (decide-file.ts): the same digests BronHash
// makes (a line counts for a digest when it has no kennisdatum or recordedAt ≤ its cut-off).
import { createHash } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import type { HashMessage, HashRequest } from './protocol.js';
import { hashInRecordedOrder } from './recorded-order.js';

/** Progress is counted every this many lines (the waiting thread's sign of life). */
const PROGRESS_EVERY = 1 << 14;

const request = workerData as HashRequest;
const signal = new Int32Array(request.signal);
let message: HashMessage;
try {
  const delen = request.afkappunten.map(({ kennisdatum, cutoff }) => ({
    kennisdatum,
    cutoff,
    hash: createHash('sha256'),
  }));
  let seen = 0;
  hashInRecordedOrder(
    {
      voegToeRegel: (line, recordedAt) => {
        for (const deel of delen) {
          if (deel.kennisdatum === null || recordedAt <= deel.cutoff) deel.hash.update(line);
        }
        if (++seen % PROGRESS_EVERY === 0) Atomics.add(signal, 1, 1);
      },
    },
    request.parts,
    request.lines,
  );
  message = { kind: 'done', digests: delen.map((deel) => [deel.kennisdatum, deel.hash.digest('hex')] as const) };
} catch (error) {
  message = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}
request.port.postMessage(message);
request.port.close();
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
