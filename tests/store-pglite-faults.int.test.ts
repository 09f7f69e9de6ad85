// Issue 17, point 3: PGlite on a full disk. Before, an import on a full disk spun at 100% CPU with
// no output until killed; later opens printed "PGlite failed to initialize properly" and hung;
// with less space the message was "[object Object]". Now each is one Dutch line and exit 3, and
// the data is intact once there is room again. The disk is a real small tmpfs (the tests run as
// root here; without root `mount` fails and so does this test, saying why).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainPgliteError, PgliteGuard } from '../packages/adapters/src/sql/pglite-guard.js';
import { runCli } from './support/cli-run.js';

const ndjson = (households: number): string =>
  Array.from({ length: households }, (_, i) => {
    const huishouden = `h-${i}`;
    return [
      JSON.stringify({ type: 'UitkeringGestart', huishouden, datum: '2013-01-01', regeling: 'Participatiewet' }),
      JSON.stringify({ type: 'InLoondienstGetreden', huishouden, datum: '2014-03-01', uitkering: 'beeindigd' }),
      JSON.stringify({ type: 'Teruggevallen', huishouden, datum: '2014-11-01', op: 'WWB' }),
    ].join('\n');
  }).join('\n');

describe('PGlite on a full disk, through the CLI', () => {
  let work: string;
  let disk: string;
  let store: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'zelfredzaam-vol-'));
    disk = join(work, 'schijf');
    execFileSync('mkdir', [disk]);
    try {
      // A fresh PGlite directory takes about 39 MB: 50 MB leaves too little for a second WAL segment.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=50m', 'tmpfs', disk], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`deze test maakt een kleine tmpfs en moet daarom als root draaien: ${String(error)}`);
    }
    store = `pglite:${join(disk, 'store')}`;
    await writeFile(join(work, 'leeg.ndjson'), '');
    await writeFile(join(work, 'groot.ndjson'), `${ndjson(15_000)}\n`);
  }, 60_000);

  afterAll(async () => {
    try {
      execFileSync('umount', [disk], { stdio: 'pipe' });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  const oneDutchLine = (stderr: string) => {
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(stderr).not.toMatch(/object Object|failed to initialize|Error:| {4}at /);
  };

  it('the store opens; an import into the nearly full disk is refused before PGlite writes, in one Dutch line', async () => {
    // Created with the free-space check off (it would refuse the schema's first write here).
    const created = await runCli(['import', 'leeg.ndjson', '--store', store], {
      cwd: work,
      env: { ZELFREDZAAM_PGLITE_MIN_VRIJ_MB: '0' },
    });
    expect(created.code, created.stderr).toBe(0);
    const result = await runCli(['import', 'groot.ndjson', '--store', store], { cwd: work });
    expect(result.code, result.stderr).toBe(3);
    oneDutchLine(result.stderr);
    expect(result.stderr).toMatch(/de schijf is \(bijna\) vol — nog \d+ MB vrij, PGlite heeft minstens 64 MB nodig/);
  }, 180_000);

  it('without the free-space check PGlite meets the full disk and stops answering: the watchdog ends it, one Dutch line, exit 3', async () => {
    const result = await runCli(['import', 'groot.ndjson', '--store', store], {
      cwd: work,
      env: { ZELFREDZAAM_PGLITE_MIN_VRIJ_MB: '0', ZELFREDZAAM_PGLITE_TIMEOUT: '20' },
    });
    expect(result.code, result.stderr).toBe(3);
    oneDutchLine(result.stderr);
    expect(result.stderr).toMatch(
      /reageert niet: een opdracht is na 20 s niet klaar \(de schijf is \(bijna\) vol: nog \d+ MB vrij; grens: ZELFREDZAAM_PGLITE_TIMEOUT/,
    );
  }, 300_000);

  it('the next open on the full disk says so instead of hanging; with room again, the data is intact', async () => {
    const full = await runCli(['verify', '--store', store], {
      cwd: work,
      env: { ZELFREDZAAM_PGLITE_MIN_VRIJ_MB: '0' },
    });
    expect(full.code, full.stderr).toBe(3);
    oneDutchLine(full.stderr);
    expect(full.stderr).toMatch(/kan niet worden geopend: .*(de schijf is|reageert niet)/);

    execFileSync('mount', ['-o', 'remount,size=400m', disk], { stdio: 'pipe' });
    const verify = await runCli(['verify', '--store', store, '--format', 'json'], { cwd: work });
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).schendingen).toEqual([]);
    const again = await runCli(['import', 'groot.ndjson', '--store', store], { cwd: work });
    expect(again.code, again.stderr).toBe(0);
    const after = await runCli(['verify', '--store', store, '--format', 'json'], { cwd: work });
    expect(JSON.parse(after.stdout).feiten).toBe(45_000);
  }, 300_000);
});

describe('PGlite errors, explained', () => {
  it('an emscripten ErrnoError thrown as a plain object is a full disk, not "[object Object]"', async () => {
    const explained = await explainPgliteError({ name: 'ErrnoError', errno: 51 }, '/ergens', 'use');
    expect(String(explained)).toMatch(/^PgliteError: PGlite-opslag \/ergens: de schijf is vol/);
  });

  it('any other thrown non-Error is described by its fields, or said to have none', async () => {
    expect(String(await explainPgliteError({ name: 'ExitStatus', message: 'exit(1)' }, undefined, 'open'))).toBe(
      'PgliteError: PGlite (in het geheugen): openen mislukt: ExitStatus: exit(1)',
    );
    expect(String(await explainPgliteError({}, undefined, 'use'))).toBe(
      'PgliteError: PGlite (in het geheugen): een opdracht mislukt: een onbekende fout zonder omschrijving',
    );
  });

  it('a crashed WebAssembly instance and a failed start get a line that says what to do', async () => {
    const crash = new Error('unreachable');
    crash.name = 'RuntimeError';
    expect(String(await explainPgliteError(crash, undefined, 'use'))).toMatch(/is vastgelopen \(unreachable\)/);
    expect(String(await explainPgliteError(new Error('PGlite failed to initialize properly'), '/x', 'open'))).toMatch(
      /PGlite-opslag \/x kon niet worden gestart: /,
    );
  });

  it('a call that never settles is rejected at the limit, and the instance is not used again', async () => {
    const guard = new PgliteGuard(undefined, { timeoutMs: 300, minFreeBytes: 0 });
    await guard.start();
    try {
      await expect(guard.run(() => new Promise<never>(() => {}))).rejects.toThrow(
        /PGlite \(in het geheugen\) reageert niet: een opdracht is na 0 s niet klaar/,
      );
      expect(guard.broken).toBe(true);
      await expect(guard.run(async () => 1)).rejects.toThrow(/reageert niet/);
    } finally {
      await guard.stop();
    }
  });
});
