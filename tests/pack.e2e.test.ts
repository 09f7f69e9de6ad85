// Issue 2: the packages work as another service would use them — packed with `pnpm pack`,
// installed from the tarballs into a throwaway project outside the workspace, imported there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const packages = ['domain', 'projections', 'adapters', 'replay', 'cli'];
let work: string;

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'zelfredzaam-pack-'));
  const tarballs = join(work, 'tarballs');
  run('npx', ['tsc', '-b', ...packages.map((p) => `packages/${p}`)], root);
  for (const p of packages) run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', p));
  const consumer = join(work, 'consumer');
  run('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  run('npm', ['install', '--no-audit', '--no-fund', ...files, 'fast-check@^4'], consumer);
}, 300_000);

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
});
