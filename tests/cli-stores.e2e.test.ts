// Issue 5: `--store` reaches every adapter from the command line — a PostgreSQL server (the
// throwaway cluster of scripts/test.sh, ZELFREDZAAM_PG_URL) and EventStoreDB (the loopback test
// server): import through the decider, verify, and a report equal to the library's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecorded, describeDecodeError, type Recorded } from '../packages/domain/src/index.js';
import { jaarrapport, replay, resolveParameters, sha256Van } from '../packages/projections/src/index.js';
import { ROOT, runCli } from './support/cli-run.js';
import { type EsdbTestServer, startEsdbTestServer } from './support/esdb-test-server.js';
import { freshSchema } from './support/postgres.js';

let work: string;
let facts: Recorded[];
let expected2014: ReturnType<typeof jaarrapport>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'zelfredzaam-stores-'));
  const demo = await runCli(['demo', '--ndjson', 'demo.ndjson', '--huishoudens', '150', '--seed', '31'], { cwd: work });
  expect(demo.code, demo.stderr).toBe(0);
  facts = readFileSync(join(work, 'demo.ndjson'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const decoded = decodeRecorded(JSON.parse(line));
      if (decoded._tag === 'Left') throw new Error(describeDecodeError(decoded.left));
      return decoded.right;
    });
  // Any day after 2015-06-30 gives the 2.0 defaults for 2014 (peildatum 2014-12-31, evaluatiedatum 2015-06-30).
  const parameters = resolveParameters({ jaar: 2014 }, '2100-01-01');
  if (parameters._tag === 'Left') throw new Error(parameters.left.bericht);
  // §5 bron: the same digest of the same facts, whichever store holds them.
  const versie: string = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version;
  expected2014 = jaarrapport(replay(facts), parameters.right, { sha256: sha256Van(facts), versie });
}, 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const roundTrip = async (store: string): Promise<void> => {
  const imported = await runCli(['import', 'demo.ndjson', '--store', store], { cwd: work });
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stderr).toContain(`${facts.length.toLocaleString('nl-NL')} vastgelegd`);
  const verified = await runCli(['verify', '--store', store, '--format', 'json'], { cwd: work });
  expect(verified.code, verified.stderr).toBe(0);
  expect(JSON.parse(verified.stdout)).toMatchObject({ feiten: facts.length, schendingen: [] });
  const report = await runCli(['report', '--jaar', '2014', '--format', 'json', '--store', store], { cwd: work });
  expect(report.code, report.stderr).toBe(0);
  // §5 bron.sha256 is of the facts in the order the store records them (the importer groups a
  // chunk's facts per household), which is the order its export writes them in.
  const exported = await runCli(['export', '-', '--store', store], { cwd: work });
  expect(exported.code, exported.stderr).toBe(0);
  const recorded = exported.stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const decoded = decodeRecorded(JSON.parse(line));
      if (decoded._tag === 'Left') throw new Error(describeDecodeError(decoded.left));
      return decoded.right;
    });
  expect(recorded.length).toBe(facts.length);
  expect(JSON.parse(report.stdout)).toEqual({
    ...expected2014,
    bron: { ...expected2014.bron, sha256: sha256Van(recorded) },
  });
};

/**
 * The server of scripts/test.sh. Read here rather than through support/postgres.ts, whose guard
 * refuses to run where `pg` cannot load in the test process: this suite only uses `pg` in the
 * CLI's own processes.
 */
const postgresUrl = (): string => {
  const url = process.env.ZELFREDZAAM_PG_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'ZELFREDZAAM_PG_URL is niet gezet: draai `pnpm test` (scripts/test.sh start een PostgreSQL-server)',
    );
  }
  return url;
};

/**
 * Drops the test's schema with psql (PostgreSQL's client, beside the server in CI). Not through
 * `pg` in this process: under the root vitest config's resolve conditions `pg` cannot load here
 * (it gets pg-pool's ES module), while the CLI's own process loads it fine.
 */
const dropSchema = (url: string, schema: string): void => {
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`onverwachte schemanaam ${schema}`);
  const result = spawnSync('psql', [url, '-q', '-c', `DROP SCHEMA IF EXISTS "${schema}" CASCADE`], {
    encoding: 'utf8',
  });
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code !== 'ENOENT') throw result.error;
  if (result.status !== null && result.status !== 0) throw new Error(result.stderr);
};

describe('--store postgres://…', () => {
  const schemas: string[] = [];
  afterAll(() => {
    for (const schema of schemas) dropSchema(postgresUrl(), schema);
  });

  it('imports, verifies and reports', async () => {
    const schema = freshSchema('cli');
    schemas.push(schema);
    const url = new URL(postgresUrl());
    url.searchParams.set('schema', schema);
    await roundTrip(url.toString());
  }, 120_000);

  it('names an unreachable server without its password, exit 3', async () => {
    const result = await runCli(['verify', '--store', 'postgres://jan:geheim@127.0.0.1:1/db'], { cwd: work });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^zelfredzaam verify: store postgres:\/\/jan:\*\*\*@127\.0\.0\.1:1\/db kan niet worden geopend: /,
    );
    expect(result.stderr).not.toContain('geheim');
  });
});

describe('--store esdb://…', () => {
  let server: EsdbTestServer;
  beforeAll(async () => {
    server = await startEsdbTestServer();
  });
  afterAll(async () => server?.stop());

  it('imports, verifies and reports', async () => {
    await roundTrip(server.connectionString);
  }, 120_000);
});
