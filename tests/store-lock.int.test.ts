// Issue 17, point 1: the PGlite store lock is atomic and crash-safe. Two importers started
// together into a store with a stale lock (a killed import's) must never both get in: before,
// both took the stale lock over (3 of 14 tries), and one import's facts were lost.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../packages/adapters/src/index.js';
import { lockDirectory, type ProcessProbe, systemProbe } from '../packages/adapters/src/sql/directory-lock.js';
import { ROOT } from './support/cli-run.js';

const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CHILD = join(ROOT, 'tests/support/lock-import-child.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The id of a process that has ended. */
const gonePid = (): number => {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('no pid');
  return pid;
};

describe('the lock file (no PGlite)', () => {
  it('follows symlinks: a link to the directory finds the same lock', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    await symlink(store, join(dir, 'link'));
    const release = await lockDirectory(store);
    await expect(lockDirectory(join(dir, 'link'), { pid: gonePid() })).rejects.toThrow(
      new RegExp(`in gebruik door proces ${process.pid} .*verwijder dan het slotbestand .*store\\.lock`),
    );
    await release();
    const again = await lockDirectory(join(dir, 'link'));
    await again();
  });

  it('never takes over an empty or unreadable lock file (another process may be writing it) and says how to clear it', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    await writeFile(`${store}.lock`, '');
    await expect(lockDirectory(store)).rejects.toThrow(/leeg of onleesbaar.*verwijder dan het slotbestand/);
    expect(await readFile(`${store}.lock`, 'utf8')).toBe('');
  });

  it('a live process with the id but another start time is not the owner: the lock is stale', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    // Process 1 lives, but did not start at tick 1 (it started at boot: a reused id).
    expect(systemProbe.startOf(1)).not.toBe('1');
    await writeFile(`${store}.lock`, `${JSON.stringify({ pid: 1, start: '1', host: systemProbe.host() })}\n`);
    const release = await lockDirectory(store);
    await release();
  });

  it('a live process named by a lock without its start time, or of another host, is not judged: the message says how to clear it', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    await writeFile(`${store}.lock`, '1\n');
    await expect(lockDirectory(store)).rejects.toThrow(
      /vergrendeld door proces 1; .*niet na te gaan.*verwijder dan het slotbestand/,
    );
    await writeFile(
      `${store}.lock`,
      `${JSON.stringify({ pid: 1, host: 'elders', since: '2026-12-07T08:00:00.000Z' })}\n`,
    );
    await expect(lockDirectory(store)).rejects.toThrow(
      /door proces 1 op elders, sinds 2026-12-07T08:00:00.000Z; .*andere computer/,
    );
    // A lock of another boot is stale whatever its process id.
    const boot = systemProbe.bootId();
    if (boot !== undefined) {
      await writeFile(
        `${store}.lock`,
        `${JSON.stringify({ pid: 1, start: '5', boot: 'x', host: systemProbe.host() })}\n`,
      );
      await (await lockDirectory(store))();
    }
  });

  it('of many owners racing for a stale lock, exactly one gets in, every time', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    const alive = new Set<number>();
    const probe: ProcessProbe = {
      startOf: (pid) => (alive.has(pid) ? `t${pid}` : undefined),
      exists: (pid) => alive.has(pid),
      bootId: () => 'boot',
      host: () => 'here',
    };
    for (let round = 0; round < 150; round++) {
      await writeFile(
        `${store}.lock`,
        `${JSON.stringify({ pid: 4242, start: 't4242', boot: 'boot', host: 'here' })}\n`,
      );
      const pids = Array.from({ length: 6 }, (_, i) => 1000 + round * 10 + i);
      for (const pid of pids) alive.add(pid);
      const results = await Promise.allSettled(pids.map((pid) => lockDirectory(store, { pid, probe })));
      const inside = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(inside).toHaveLength(1);
      for (const reason of refused) expect(reason).toMatch(/in gebruik door proces \d+ op here/);
      await inside[0]?.();
      for (const pid of pids) alive.delete(pid);
    }
  });
});

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  readonly ready: Promise<void>;
  readonly exit: Promise<number | null>;
}

const startChild = (store: string, file: string): Child => {
  const child = spawn(process.execPath, ['--conditions=@zelfredzaam/source', '--import', TSX, CHILD, store, file], {
    cwd: ROOT,
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve();
    });
  });
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      if (code !== 0) lines.push(`stderr ${stderr.slice(0, 500)}`);
      resolve(code);
    }),
  );
  return { process: child, lines, ready, exit };
};

const ndjson = (prefix: string, households: number): string =>
  Array.from({ length: households }, (_, i) => {
    const huishouden = `h-${prefix}x${i}`;
    return [
      JSON.stringify({ type: 'UitkeringGestart', huishouden, datum: '2014-01-01', regeling: 'Participatiewet' }),
      JSON.stringify({ type: 'InLoondienstGetreden', huishouden, datum: '2014-06-01', uitkering: 'beeindigd' }),
    ].join('\n');
  }).join('\n');

describe('two importers into a PGlite store with a stale lock', () => {
  it('exactly one is inside at a time, the other waits its turn, and every fact of both is stored once', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    const ROUNDS = Number(process.env.LOCK_ROUNDS ?? 16);
    const HOUSEHOLDS = 40;
    const self = systemProbe.startOf(process.pid);
    for (let round = 0; round < ROUNDS; round++) {
      // The stale lock of a killed import: old format, new format, and a reused live id.
      const stale =
        round % 3 === 0
          ? `${gonePid()}\n`
          : round % 3 === 1
            ? `${JSON.stringify({ pid: gonePid(), start: '7', host: systemProbe.host() })}\n`
            : `${JSON.stringify({ pid: process.pid, start: `${self ?? 0}9`, host: systemProbe.host() })}\n`;
      await writeFile(`${store}.lock`, stale);
      const files = ['a', 'b'].map((side) => join(dir, `r${round}${side}.ndjson`));
      await writeFile(files[0] as string, ndjson(`r${round}a`, HOUSEHOLDS));
      await writeFile(files[1] as string, ndjson(`r${round}b`, HOUSEHOLDS));
      const children = files.map((file) => startChild(store, file));
      await Promise.all(children.map((c) => c.ready));
      for (const child of children) child.process.stdin.write('go\n');
      const codes = await Promise.all(children.map((c) => c.exit));
      const context = JSON.stringify(children.map((c) => c.lines));
      expect(codes, context).toEqual([0, 0]);
      const all = children.flatMap((c) => c.lines);
      expect(
        all.filter((l) => l === 'OVERLAP'),
        context,
      ).toEqual([]);
      // One got in at once; the other was refused (naming the owner) until the first had left.
      expect(
        all.filter((l) => l.startsWith('refused')),
        context,
      ).toHaveLength(1);
      expect(all.filter((l) => l.startsWith('done')).sort(), context).toEqual([
        `done ${2 * HOUSEHOLDS} 0`,
        `done ${2 * HOUSEHOLDS} 0`,
      ]);
    }
    const opened = await openStore(`pglite:${store}`);
    try {
      const ids = new Set<string>();
      const perHousehold = new Map<string, number>();
      let count = 0;
      for await (const batch of opened.readAll({ batchSize: 1000 })) {
        for (const { event, stream } of batch) {
          count++;
          ids.add(event.eventId);
          perHousehold.set(stream, (perHousehold.get(stream) ?? 0) + 1);
        }
      }
      expect(count).toBe(ROUNDS * 2 * HOUSEHOLDS * 2);
      expect(ids.size).toBe(count);
      expect(perHousehold.size).toBe(ROUNDS * 2 * HOUSEHOLDS);
      expect([...perHousehold.values()].every((n) => n === 2)).toBe(true);
    } finally {
      await opened.close();
    }
  }, 600_000);
});
