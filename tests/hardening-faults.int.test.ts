// Issue 7, point 4: concurrency and faults beyond the store contract.
// - Two `zelfredzaam import` processes of overlapping files into one PostgreSQL store at the same
//   time: every fact is stored exactly once, and together they report each once.
// - The PostgreSQL server restarted mid-import (`pg_ctl restart -m fast`, on a cluster of this
//   test's own): the import ends with a clear Dutch error, exit 3, no stack trace; a re-run
//   completes without duplicates.
// - A PGlite directory left by an import killed with SIGKILL opens again, with every fact the
//   import had acknowledged (reported after its chunk was stored) still there; twice in a row.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNdjsonFile, openStore, type SqlDriver } from '../packages/adapters/src/index.js';
import { openPgDriver } from '../packages/adapters/src/postgres.js';
import { writeDemoNdjson } from '../packages/cli/src/demo/index.js';
import { ROOT, runCli } from './support/cli-run.js';
import { type OwnPostgres, startOwnPostgres } from './support/own-postgres.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';
import { expectConsistent } from './support/store-checks.js';

const url = postgresUrl();
const schemas: string[] = [];
let dir: string;

/**
 * The demo's lines; every `bareEvery`-th without eventId and recordedAt (unless a retraction
 * names it), so that the importer derives those ids; 0: none.
 */
const demoLines = async (huishoudens: number, seed: number, bareEvery = 5): Promise<string[]> => {
  const path = join(dir, `demo-${huishoudens}-${seed}.ndjson`);
  await writeDemoNdjson(path, { huishoudens, seed });
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const retracted = new Set<string>();
  for (const line of lines) {
    const fields: Record<string, unknown> = JSON.parse(line);
    if (typeof fields.ingetrokken === 'string') retracted.add(fields.ingetrokken);
  }
  return lines.map((line, i) => {
    const fields: Record<string, unknown> = JSON.parse(line);
    if (bareEvery === 0 || i % bareEvery !== bareEvery - 1 || retracted.has(String(fields.eventId))) return line;
    const { eventId: _id, recordedAt: _at, ...bare } = fields;
    return JSON.stringify(bare);
  });
};

const subjectOf = (line: string): string => {
  const fields: Record<string, unknown> = JSON.parse(line);
  return String(fields.huishouden ?? fields.werkgever);
};

/** Which third of the subjects a line belongs to (a stable split of whole households). */
const thirdOf = (line: string): number => {
  let h = 0;
  for (const c of subjectOf(line)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 3;
};

/** The counts of a summary line: "N regels uit F: X vastgelegd, Y waren er al, …". */
const counts = (stderr: string): { vastgelegd: number; alWaren: number } => {
  const number = (pattern: RegExp): number => Number((pattern.exec(stderr)?.[1] ?? '0').replaceAll('.', ''));
  return { vastgelegd: number(/: ([\d.]+) vastgelegd/), alWaren: number(/, ([\d.]+) waren er al/) };
};

const countEvents = async (driver: SqlDriver, schema: string): Promise<number> => {
  const [row] = await driver.query(`SELECT count(*)::int FROM "${schema}".events`);
  return typeof row?.[0] === 'number' ? row[0] : 0;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-hardening-faults-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropSchemas(url, schemas);
});

describe('two imports of overlapping files at once (PostgreSQL)', () => {
  it('store every fact exactly once and between them report each once', async () => {
    const lines = await demoLines(5_000, 11);
    const a = lines.filter((line) => thirdOf(line) !== 2);
    const b = lines.filter((line) => thirdOf(line) !== 0);
    const overlap = lines.filter((line) => thirdOf(line) === 1).length;
    await writeFile(join(dir, 'a.ndjson'), `${a.join('\n')}\n`);
    await writeFile(join(dir, 'b.ndjson'), `${b.join('\n')}\n`);
    const schema = freshSchema('samen');
    schemas.push(schema);
    const store = new URL(url);
    store.searchParams.set('schema', schema);
    // The schema exists before both start, so neither waits for the other's migration.
    await (await openStore(store.toString())).close();

    const [first, second] = await Promise.all([
      runCli(['import', join(dir, 'a.ndjson'), '--store', store.toString()]),
      runCli(['import', join(dir, 'b.ndjson'), '--store', store.toString()]),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const one = counts(first.stderr);
    const two = counts(second.stderr);
    expect(one.vastgelegd + one.alWaren).toBe(a.length);
    expect(two.vastgelegd + two.alWaren).toBe(b.length);
    expect(one.vastgelegd + two.vastgelegd).toBe(lines.length);
    expect(one.alWaren + two.alWaren).toBe(overlap);

    const opened = await openStore(store.toString());
    try {
      const stored = await expectConsistent(opened);
      expect(stored).toHaveLength(lines.length);
    } finally {
      await opened.close();
    }
  }, 300_000);
});

describe('the PostgreSQL server restarted mid-import (a cluster of this test alone)', () => {
  let server: OwnPostgres;
  beforeAll(async () => {
    server = await startOwnPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('ends in a clear Dutch error with exit 3; a re-run completes without duplicates', async () => {
    const lines = await demoLines(8_000, 12);
    const file = join(dir, 'herstart.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    const driver = await openPgDriver(server.url, { poolSize: 1 });
    try {
      const importing = runCli(['import', file, '--store', server.url]);
      // Restart once the import has stored a part of the file, well before its end.
      let stored = 0;
      let finished = false;
      void importing.then(() => {
        finished = true;
      });
      while (!finished && stored < lines.length / 6) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored = await countEvents(driver, 'zelfredzaam').catch(() => 0);
      }
      expect(finished, 'de import was al klaar vóór de herstart').toBe(false);
      await server.restart();
      const broken = await importing;
      expect(broken.code, broken.stderr).toBe(3);
      const message = broken.stderr.trimEnd();
      console.info(`na de herstart: ${message}`);
      expect(message.split('\n'), message).toHaveLength(1);
      expect(message).toMatch(
        /^zelfredzaam import: importeren in postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres afgebroken: .+\. (Regels 1 tot en met [\d.]+ zijn verwerkt en blijven bewaard\. )?Draai dezelfde import opnieuw om af te maken: wat al is vastgelegd, wordt niet dubbel vastgelegd\.$/,
      );
      expect(message).not.toMatch(/\n\s+at |Error|onverwachte fout/);

      const partial = await countEvents(driver, 'zelfredzaam');
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(lines.length);
      const rerun = await runCli(['import', file, '--store', server.url]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(counts(rerun.stderr)).toEqual({ vastgelegd: lines.length - partial, alWaren: partial });
      const store = await openStore(server.url);
      try {
        expect(await expectConsistent(store)).toHaveLength(lines.length);
      } finally {
        await store.close();
      }
    } finally {
      await driver.close();
    }
  }, 300_000);
});

describe('a PGlite directory left by an import killed with SIGKILL', () => {
  /** Runs the import child until it has acknowledged `lines` lines, then kills it; the lines it acknowledged. */
  const killAfter = (store: string, file: string, lines: number): Promise<number> =>
    new Promise((done, fail) => {
      const child: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=@zelfredzaam/source', 'tests/support/import-child.ts', store, file, '200'],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let acknowledged = 0;
      let buffer = '';
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
          const match = /^progress (\d+)$/.exec(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          if (match !== null) acknowledged = Number(match[1]);
          if (acknowledged >= lines && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }
      });
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') done(acknowledged);
        else
          fail(
            new Error(`het importproces stopte zelf (code ${code}) vóór het werd afgebroken: ${stderr.slice(0, 2000)}`),
          );
      });
    });

  it('opens again with every acknowledged fact, twice in a row, and a re-run completes the file', async () => {
    // Every line with its own eventId, so the acknowledged facts are known by id.
    const kept = await demoLines(1_500, 13, 0);
    const file = join(dir, 'pglite.ndjson');
    await writeFile(file, `${kept.join('\n')}\n`);
    const ids = kept.map((line) => String(JSON.parse(line).eventId));
    const store = `pglite:${join(dir, 'pglite')}`;

    for (const threshold of [kept.length / 5, kept.length / 2]) {
      const acknowledged = await killAfter(store, file, Math.floor(threshold));
      expect(acknowledged).toBeLessThan(kept.length);
      const reopened = await openStore(store);
      try {
        const stored = new Set<string>((await expectConsistent(reopened)).map((e) => e.event.eventId));
        const lost = ids.slice(0, acknowledged).filter((id) => !stored.has(id));
        expect(lost, `bevestigde feiten kwijt na SIGKILL (bevestigd t/m regel ${acknowledged})`).toEqual([]);
      } finally {
        await reopened.close();
      }
    }
    const reopened = await openStore(store);
    try {
      const rerun = await importNdjsonFile(reopened, file);
      expect(rerun.refused).toBe(0);
      expect(rerun.accepted + rerun.alreadyStored).toBe(kept.length);
      const all = await expectConsistent(reopened);
      expect(new Set(all.map((e) => e.event.eventId))).toEqual(new Set(ids));
    } finally {
      await reopened.close();
    }
  }, 300_000);
});
