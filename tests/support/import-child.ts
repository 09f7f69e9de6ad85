// A child process for the fault tests: imports an NDJSON file into a store and reports each
// chunk on stdout (`progress <lines>`), so the parent can kill it halfway; `done <json>` at the end.
//   node --import tsx --conditions=@zelfredzaam/source tests/support/import-child.ts STORE FILE [CHUNK]
import { importNdjsonFile, openStore } from '../../packages/adapters/src/index.js';

const [spec, file, chunk] = process.argv.slice(2);
if (spec === undefined || file === undefined) {
  process.stderr.write('gebruik: import-child.ts STORE FILE [CHUNK]\n');
  process.exit(2);
}
const store = await openStore(spec);
try {
  const result = await importNdjsonFile(store, file, {
    chunkSize: Number(chunk ?? 500),
    onProgress: (p) => process.stdout.write(`progress ${p.lines}\n`),
  });
  process.stdout.write(`done ${JSON.stringify({ ...result, refusals: result.refusals.slice(0, 5) })}\n`);
} finally {
  await store.close();
}
