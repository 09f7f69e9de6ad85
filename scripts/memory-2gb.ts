// Memory with a 2 GB NDJSON file (issue 7, point 3), outside CI: generates the demo municipality
// into a file of the given size (six years, the default shape), then runs `zelfredzaam report
// --from FILE` — and with --import also `zelfredzaam import FILE` into PostgreSQL
// (ZELFREDZAAM_PG_URL; a fresh schema, dropped after) — each in a child process under a hard
// heap limit, sampling memory after a garbage collection every second, and prints the figures.
//   npx tsx --conditions=@zelfredzaam/source scripts/memory-2gb.ts [--gb 2] [--import] [--import-only]
//     [--van 2011] [--tot 2016] [--file PATH] [--max-old-mb 1024] [--heap-mb 384]
// --van/--tot set the demo's years: fewer years for the same size give shorter histories per
// household, which the importer reads again for every chunk (time, not memory).
// With --file an existing NDJSON file is used (and kept). Exit code 1 when a command failed or its
// heap went over --heap-mb. What grows with the file is printed per fact and per household: the
// facts are kept off the heap (report --from) or not at all (import), but the projections keep an
// index of the households' pseudonyms on the heap.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openPgDriver } from '../packages/adapters/src/index.js';
import { writeDemoOfSize } from '../tests/support/demo-file.js';
import { type MemoryRun, mb, runWithMemory } from '../tests/support/memory-run.js';

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '2' },
    import: { type: 'boolean', default: false },
    'import-only': { type: 'boolean', default: false },
    van: { type: 'string', default: '2011' },
    tot: { type: 'string', default: '2016' },
    file: { type: 'string' },
    'heap-mb': { type: 'string', default: '384' },
    'max-old-mb': { type: 'string', default: '1024' },
  },
});
const targetBytes = Number(values.gb) * 1024 ** 3;
const heapBound = Number(values['heap-mb']) * 1024 * 1024;
const maxOldSpaceMb = Number(values['max-old-mb']);

/** Lines and distinct households (and employers) of an NDJSON file, read as a stream. */
const census = async (path: string): Promise<{ readonly lines: number; readonly subjects: number }> => {
  const subjects = new Set<string>();
  let lines = 0;
  const input = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of input) {
    lines++;
    const match = /"(huishouden|werkgever)":"([^"]*)"/.exec(text);
    if (match !== null) subjects.add(`${match[1]}:${match[2]}`);
  }
  return { lines, subjects: subjects.size };
};

const line = (name: string, run: MemoryRun, facts: number, subjects: number): string =>
  [
    `${name}: exit ${run.code} in ${(run.ms / 1000).toFixed(0)} s (${Math.round(facts / (run.ms / 1000))} regels/s)`,
    `  heap na een volledige GC: piek ${mb(run.peakLiveHeap)} (${(run.peakLiveHeap / subjects).toFixed(0)} bytes per huishouden); bij 25/50/75/100 % van de metingen ${run.heapSeries.map(mb).join(' / ')} (${run.samples} metingen, elke seconde)`,
    `  ArrayBuffers (gemeten tijdens het inlezen): piek ${mb(run.peakArrayBuffers)} (${(run.peakArrayBuffers / facts).toFixed(0)} bytes per regel); piek RSS ${mb(run.maxRss)} (${(run.maxRss / facts).toFixed(0)} bytes per regel)`,
    run.code === 0 ? '' : `  foutuitvoer: ${run.stderr.slice(0, 2000)}`,
  ]
    .filter((l) => l !== '')
    .join('\n');

const main = async (): Promise<number> => {
  const dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-2gb-'));
  try {
    let file = values.file;
    if (file === undefined) {
      file = join(dir, 'groot.ndjson');
      const started = performance.now();
      const van = Number(values.van);
      const tot = Number(values.tot);
      const written = await writeDemoOfSize(file, targetBytes, { seed: 2, van, tot });
      console.log(
        `demo (${van}–${tot}, ${written.huishoudens} huishoudens bij de start), gemaakt in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const { lines: facts, subjects } = await census(file);
    console.log(`${file}: ${mb((await stat(file)).size)}, ${facts} regels, ${subjects} huishoudens en werkgevers`);
    console.log(
      `Node ${process.version}; heap-grens van het kindproces ${maxOldSpaceMb} MB; toets: piek heap < ${mb(heapBound)}\n`,
    );
    let over = false;

    if (!values['import-only']) {
      const report = await runWithMemory(
        ['report', '--from', file, '--jaar', values.tot ?? '2016', '--format', 'json'],
        {
          maxOldSpaceMb,
          sampleMs: 1000,
        },
      );
      console.log(line('report --from', report, facts, subjects));
      over ||= report.code !== 0 || report.peakLiveHeap >= heapBound;
    }

    if (values.import || values['import-only']) {
      const url = process.env.ZELFREDZAAM_PG_URL;
      if (url === undefined) {
        console.log('import: overgeslagen (ZELFREDZAAM_PG_URL is niet gezet)');
      } else {
        const schema = `m2gb_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
        const store = new URL(url);
        store.searchParams.set('schema', schema);
        try {
          const imported = await runWithMemory(['import', file, '--store', store.toString()], {
            maxOldSpaceMb,
            sampleMs: 1000,
          });
          console.log(line('import → PostgreSQL', imported, facts, subjects));
          over ||= imported.code !== 0 || imported.peakLiveHeap >= heapBound;
        } finally {
          const driver = await openPgDriver(url, { poolSize: 1 });
          await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await driver.close();
        }
      }
    }
    return over ? 1 : 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

process.exitCode = await main();
