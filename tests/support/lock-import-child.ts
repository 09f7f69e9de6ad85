// A child process for the lock race test (issue 17, point 1): loads everything, says `ready`,
// waits for a line on stdin (so two children race for the lock within microseconds), then opens
// the PGlite store — retrying while another process holds it — marks itself inside with a file
// that only one process can create, imports its NDJSON file, leaves and closes.
//   node --import tsx --conditions=@zelfredzaam/source tests/support/lock-import-child.ts DIR FILE
import { open, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type EventStore, importNdjsonFile, openStore } from '../../packages/adapters/src/index.js';

const [dir, file] = process.argv.slice(2);
if (dir === undefined || file === undefined) {
  process.stderr.write('gebruik: lock-import-child.ts MAP BESTAND\n');
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);
const lines = createInterface({ input: process.stdin });
say('ready');
await new Promise<void>((go) => lines.once('line', () => go()));

let store: EventStore | undefined;
let refused = 0;
for (let waited = 0; store === undefined; waited += 50) {
  try {
    store = await openStore(`pglite:${dir}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/in gebruik door proces/.test(message) || waited > 120_000) {
      say(`error ${message.split('\n')[0]}`);
      process.exit(3);
    }
    if (refused++ === 0) say(`refused ${message.split('\n')[0]}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const inside = `${dir}.inside`;
try {
  await (await open(inside, 'wx')).close();
} catch {
  say('OVERLAP');
  process.exit(4);
}
try {
  const result = await importNdjsonFile(store, file, { chunkSize: 100 });
  say(`done ${result.accepted} ${result.refused}`);
} finally {
  await rm(inside, { force: true });
  await store.close();
}
lines.close();
