// Issue 2: the packages work as another service would use them — packed with `pnpm pack`,
// installed from the tarballs into a throwaway project outside the workspace, imported there.
// Issue 14: every tarball holds a README and a LICENSE, exports only shipped paths and source
// maps that resolve; a strict TypeScript consumer compiles against them; CommonJS can require()
// them; and domain + projections + adapters install without any database client.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from './support/postgres.js';

const root = resolve(import.meta.dirname, '..');
const packages = ['domain', 'projections', 'adapters', 'replay', 'cli'];
const core = ['domain', 'projections', 'adapters'];
let work: string;
/** Unpacked tarballs, one directory per package. */
let unpacked: string;

const run = (command: string, args: string[], cwd: string): string => {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
  } catch (error) {
    // What the command said (a compiler's errors go to stdout), not only that it failed.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} mislukte:\n${stdout ?? ''}${stderr ?? ''}`.slice(0, 8000));
  }
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'zelfredzaam-pack-'));
  const tarballs = join(work, 'tarballs');
  // A clean build: tsc -b never deletes the output of a source file that is gone, and a stale
  // file in dist would be packed (with a source map pointing at nothing).
  for (const p of packages) rmSync(join(root, 'packages', p, 'dist'), { recursive: true, force: true });
  run('npx', ['tsc', '-b', ...packages.map((p) => `packages/${p}`)], root);
  for (const p of packages) run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', p));
  const consumer = join(work, 'consumer');
  run('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      ...files,
      'fast-check@^4',
      'typescript@~5.9.3',
      '@types/node@^20.19.0',
      '@opentelemetry/api@~1.9.0',
    ],
    consumer,
  );
  // A service that uses only the core: domain, projections and the adapters' in-memory stores.
  const service = join(work, 'core');
  mkdirSync(service);
  writeFileSync(join(service, 'package.json'), JSON.stringify({ name: 'core', private: true, type: 'module' }));
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', ...core.map((p) => join(tarballs, `zelfredzaam-${p}-0.1.0.tgz`))],
    service,
  );
  unpacked = join(work, 'unpacked');
  for (const p of packages) {
    const dir = join(unpacked, p);
    mkdirSync(dir, { recursive: true });
    run('tar', ['xzf', join(tarballs, `zelfredzaam-${p}-0.1.0.tgz`), '-C', dir, '--strip-components=1'], work);
  }
}, 600_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('packed packages import and work outside the workspace', () => {
  it('installs one tarball per package', () => {
    expect(readdirSync(join(work, 'tarballs')).sort()).toEqual(
      packages.map((p) => `zelfredzaam-${p}-0.1.0.tgz`).sort(),
    );
  });

  it('@zelfredzaam/domain decodes and decides; /testing gives histories the decider accepts', () => {
    const script = `
      import { decode, decide } from '@zelfredzaam/domain';
      import { huishoudenGeschiedenis } from '@zelfredzaam/domain/testing';
      import fc from 'fast-check';
      const start = decode({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', eventId: '7d0c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6' });
      const exit = decode({ type: 'InLoondienstGetreden', huishouden: 'h-1', datum: '2013-01-01', uitkering: 'beeindigd', eventId: '7d0c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f7' });
      const refused = decide([start.right], [exit.right]);
      const [history] = fc.sample(huishoudenGeschiedenis(), { numRuns: 1, seed: 7 });
      const accepted = decide([], history);
      console.log(JSON.stringify({ start: start._tag, code: refused.left.code, accepted: accepted.right.length === history.length }));
    `;
    writeFileSync(join(work, 'consumer', 'domain.mjs'), script);
    const out = JSON.parse(run('node', ['domain.mjs'], join(work, 'consumer')));
    expect(out).toEqual({ start: 'Right', code: 'GEEN_BIJSTAND', accepted: true });
  });

  it('a service records facts through the decider in a store and reports on them', () => {
    const script = `
      import { openStore, recordFacts } from '@zelfredzaam/adapters';
      import { replay, resolveParameters, jaarrapport } from '@zelfredzaam/projections';
      const store = await openStore('memory:');
      const facts = [
        { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2013-01-01' },
        { type: 'InLoondienstGetreden', huishouden: 'h-1', datum: '2014-03-01', uitkering: 'beeindigd' },
        { type: 'InLoondienstGetreden', huishouden: 'h-2', datum: '2014-03-01', uitkering: 'beeindigd' },
      ];
      const result = await recordFacts(store, facts);
      const events = [];
      for await (const batch of store.readAll()) for (const stored of batch) events.push(stored.event);
      const p = resolveParameters({ jaar: 2014 }, '2016-01-01');
      const report = jaarrapport(replay(events), p.right);
      await store.close();
      console.log(JSON.stringify({ stored: events.length, uitstroom: report.volledigeUitstroom.totaal }));
    `;
    writeFileSync(join(work, 'consumer', 'service.mjs'), script);
    const out = JSON.parse(run('node', ['service.mjs'], join(work, 'consumer')));
    expect(out).toEqual({ stored: 2, uitstroom: 1 });
  });

  it('@zelfredzaam/cli/replay replays an NDJSON file on worker threads from the installed build', () => {
    const script = `
      import { writeFileSync } from 'node:fs';
      import { replayNdjsonFile } from '@zelfredzaam/cli/replay';
      import { jaarrapport, resolveParameters } from '@zelfredzaam/projections';
      const lines = [];
      for (let i = 0; i < 200; i++) {
        const id = (n) => '00000000-0000-4000-8000-' + String(i * 2 + n).padStart(12, '0');
        lines.push(JSON.stringify({ type: 'UitkeringGestart', huishouden: 'h-' + i, datum: '2013-01-01', eventId: id(0), recordedAt: '2013-01-02T00:00:00.000Z' }));
        if (i % 4 === 0) lines.push(JSON.stringify({ type: 'InLoondienstGetreden', huishouden: 'h-' + i, datum: '2014-03-01', uitkering: 'beeindigd', eventId: id(1), recordedAt: '2014-03-02T00:00:00.000Z' }));
      }
      writeFileSync('feiten.ndjson', lines.join('\\n') + '\\n');
      const result = await replayNdjsonFile('feiten.ndjson', { workers: 2 });
      const report = jaarrapport(result.state, resolveParameters({ jaar: 2014 }, '2016-01-01').right);
      console.log(JSON.stringify({ workers: result.workers, facts: result.facts, refused: result.refused, uitstroom: report.volledigeUitstroom.totaal }));
    `;
    writeFileSync(join(work, 'consumer', 'replay.mjs'), script);
    const out = JSON.parse(run('node', ['replay.mjs'], join(work, 'consumer')));
    expect(out).toEqual({ workers: 2, facts: 250, refused: 0, uitstroom: 50 });
  });

  it('the installed zelfredzaam command runs', () => {
    const out = run('npx', ['--no-install', 'zelfredzaam', '--help'], join(work, 'consumer'));
    expect(out).toContain('zelfredzaam');
    expect(out).toContain('report');
  });

  it('every package resolves through its exports map with type declarations', () => {
    for (const p of packages) {
      const pkg = `@zelfredzaam/${p}`;
      const out = run(
        'node',
        ['--input-type=module', '-e', `const m = await import('${pkg}'); console.log(typeof m);`],
        join(work, 'consumer'),
      );
      expect(out.trim(), pkg).toBe('object');
      expect(readdirSync(join(work, 'consumer', 'node_modules', '@zelfredzaam', p, 'dist'))).toContain('index.d.ts');
    }
  });

  it('every tarball holds a README and a LICENSE naming EUPL-1.2, and exports only paths it ships', () => {
    for (const p of packages) {
      const dir = join(unpacked, p);
      expect(existsSync(join(dir, 'README.md')), p).toBe(true);
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), p).toContain('EUPL-1.2');
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        exports: Record<string, Record<string, string>>;
        bin?: Record<string, string>;
      };
      for (const [entry, conditions] of Object.entries(manifest.exports)) {
        expect(Object.keys(conditions), `${p} ${entry}`).not.toContain('@zelfredzaam/source');
        for (const target of Object.values(conditions))
          expect(existsSync(join(dir, target)), `${p} ${entry} ${target}`).toBe(true);
      }
      for (const target of Object.values(manifest.bin ?? {}))
        expect(existsSync(join(dir, target)), `${p} bin`).toBe(true);
    }
  });

  it('every source map in a tarball resolves to files the tarball holds', () => {
    const maps = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? maps(join(dir, e.name)) : e.name.endsWith('.map') ? [join(dir, e.name)] : [],
      );
    let checked = 0;
    for (const p of packages) {
      const dist = join(unpacked, p, 'dist');
      for (const file of maps(dist)) {
        const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; sourceRoot?: string };
        for (const source of map.sources) {
          expect(existsSync(resolve(dirname(file), map.sourceRoot ?? '', source)), `${file} → ${source}`).toBe(true);
        }
        checked++;
      }
      // A .js file names a map only when the map is shipped beside it.
      const js = readdirSync(dist).filter((f) => f.endsWith('.js'));
      for (const f of js) {
        const named = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dist, f), 'utf8'))?.[1];
        if (named !== undefined) expect(existsSync(join(dist, named)), `${p}/dist/${f}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a strict TypeScript consumer (NodeNext, exactOptionalPropertyTypes, skipLibCheck false) compiles against every entry point', () => {
    const consumer = join(work, 'consumer');
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['strict.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'strict.ts'),
      `
      import { decode, decide, type Recorded } from '@zelfredzaam/domain';
      import { huishoudenGeschiedenis } from '@zelfredzaam/domain/testing';
      import { jaarrapport, replay, resolveParameters } from '@zelfredzaam/projections';
      import { feit, gezondheid, type Hooks, openMemoryStore, recordFacts, OngeldigeFeitenError } from '@zelfredzaam/adapters';
      import { pgDriverOf, postgresStoreOf } from '@zelfredzaam/adapters/postgres';
      import { openPgliteStore } from '@zelfredzaam/adapters/pglite';
      import { eventStoreDbStore, openEventStoreDb } from '@zelfredzaam/adapters/eventstoredb';
      import { openTelemetryHooks } from '@zelfredzaam/adapters/opentelemetry';
      import { run } from '@zelfredzaam/cli';
      import { demoGeschiedenis } from '@zelfredzaam/cli/demo';
      import { replayNdjsonFile } from '@zelfredzaam/cli/replay';

      const start = feit({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' });
      const datum: string = start.datum;
      const hooks: Hooks = { ...openTelemetryHooks(), onRefusal: (r) => console.log(r.code) };
      const store = openMemoryStore();
      const result = await recordFacts(store, [start], { hooks });
      const events: Recorded[] = [];
      for await (const batch of store.readAll()) for (const stored of batch) events.push(stored.event);
      const p = resolveParameters({ jaar: 2014 }, '2016-01-01');
      if (p._tag === 'Right') console.log(jaarrapport(replay(events), p.right).volledigeUitstroom.totaal);
      console.log(datum, result.appended, (await gezondheid(store)).bereikbaar, decode(null)._tag, decide([], []));
      console.log(typeof pgDriverOf, typeof postgresStoreOf, typeof openPgliteStore, typeof eventStoreDbStore, typeof openEventStoreDb);
      console.log(typeof run, typeof demoGeschiedenis, typeof replayNdjsonFile, typeof huishoudenGeschiedenis, OngeldigeFeitenError.name);
      `,
    );
    run('node', [join(consumer, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumer);
    // Type-checking every declaration (skipLibCheck false) takes tens of seconds on a busy machine.
  }, 300_000);

  it('CommonJS require()s the packages (Node ≥ 20.19 loads ES modules through require)', () => {
    writeFileSync(
      join(work, 'consumer', 'service.cjs'),
      `
      const { decode } = require('@zelfredzaam/domain');
      const { replay } = require('@zelfredzaam/projections');
      const { openMemoryStore, recordFacts, feit } = require('@zelfredzaam/adapters');
      const { pgDriverOf } = require('@zelfredzaam/adapters/postgres');
      (async () => {
        const store = openMemoryStore();
        const result = await recordFacts(store, [feit({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' })]);
        console.log(JSON.stringify({ decoded: decode({})._tag, appended: result.appended, replay: typeof replay, pg: typeof pgDriverOf }));
      })();
      `,
    );
    const out = JSON.parse(run('node', ['service.cjs'], join(work, 'consumer')));
    expect(out).toEqual({ decoded: 'Left', appended: 1, replay: 'function', pg: 'function' });
  });

  it('domain + projections + adapters install without any database client, small', () => {
    const service = join(work, 'core');
    const modules = join(service, 'node_modules');
    for (const client of [
      'pg',
      '@electric-sql/pglite',
      '@eventstore/db-client',
      '@grpc/grpc-js',
      '@kurrent/kurrentdb-client',
    ]) {
      expect(existsSync(join(modules, client)), client).toBe(false);
    }
    const bytes = Number(run('du', ['-sb', modules], service).split('\t')[0]);
    const packagesInstalled = run('npm', ['ls', '--all', '--parseable'], service).trim().split('\n').length - 1;
    console.log(`core install: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${packagesInstalled} packages`);
    expect(bytes).toBeLessThan(20 * 1024 * 1024);
    const out = run(
      'node',
      [
        '--input-type=module',
        '-e',
        `import { openMemoryStore, openStore, recordFacts } from '@zelfredzaam/adapters';
         const store = openMemoryStore();
         const r = await recordFacts(store, [{ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' }]);
         let missing = '';
         try { await openStore('postgres://u@127.0.0.1:1/db'); } catch (e) { missing = e.message; }
         console.log(JSON.stringify({ appended: r.appended, missing }));`,
      ],
      service,
    );
    const parsed = JSON.parse(out) as { appended: number; missing: string };
    expect(parsed.appended).toBe(1);
    expect(parsed.missing).toContain('npm install pg');
  });

  it('with pg installed, the core runs the PostgreSQL store over the service’s own pool', () => {
    const url = postgresUrl();
    const service = join(work, 'core');
    run('npm', ['install', '--no-audit', '--no-fund', 'pg@^8.16.0'], service);
    const schema = `pack_${Date.now().toString(36)}`;
    writeFileSync(
      join(service, 'pool.mjs'),
      `
      import pg from 'pg';
      import { recordFacts } from '@zelfredzaam/adapters';
      import { postgresStoreOf } from '@zelfredzaam/adapters/postgres';
      const pool = new pg.Pool({ connectionString: process.argv[2], max: 3 });
      const store = await postgresStoreOf(pool, { schema: process.argv[3] });
      const r = await recordFacts(store, [{ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' }]);
      await store.close();
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM ' + process.argv[3] + '.events');
      await pool.query('DROP SCHEMA ' + process.argv[3] + ' CASCADE');
      await pool.end();
      console.log(JSON.stringify({ appended: r.appended, rows: rows[0].n }));
      `,
    );
    expect(JSON.parse(run('node', ['pool.mjs', url, schema], service))).toEqual({ appended: 1, rows: 1 });
  });
});
