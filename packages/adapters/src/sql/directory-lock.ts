// One process at a time on a PGlite directory: PGlite is PostgreSQL in this process, without a
// server to arbitrate, and two processes writing one directory corrupt it (issue 17, point 1).
//
// The lock is a file beside the directory's real path (a symlink to the directory finds the
// same lock), naming its owner: process id, the process's start time and the boot it runs in
// (Linux: /proc), the host, and a token unique to this lock. It is never seen half written: the
// record is written to a file of its own first and then hard-linked to the lock's name, and
// link(2) fails when the name exists — one process wins, atomically.
//
// A lock is stale only when its owner is provably gone: no process with its id, a process with
// its id that started at another time (the id was reused), or a boot since. A lock of another
// host, of a process whose start time cannot be read, or that cannot be read at all (an older
// version writing it) is never taken over: the message names the owner and how to clear it.
// Taking over a stale lock happens under a second lock (`.breaking`, held for a few system
// calls): the breaker reads the lock again and removes it only if it is still the stale record
// it judged, so two processes that both find a stale lock never remove each other's new one.
// What is not covered: a process killed inside those few system calls leaves `.breaking`, which
// the next one clears when its owner is gone the same way; two others racing at that very
// moment could then both break. A lock on a network file system shared by several hosts works
// as far as the file system's link(2) is atomic.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, readFile, realpath, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/** Who holds a lock, as written in the lock file. */
export interface LockOwner {
  readonly pid: number;
  /** The process's start time since boot, in clock ticks (Linux /proc/PID/stat field 22). */
  readonly start?: string;
  /** The boot the process runs in (Linux /proc/sys/kernel/random/boot_id). */
  readonly boot?: string;
  readonly host?: string;
  /** Unique per lock taken. */
  readonly token?: string;
  /** When the lock was taken (ISO instant), for the message only. */
  readonly since?: string;
}

/** How to tell processes apart; replaceable in tests. */
export interface ProcessProbe {
  /** The start time of process `pid`, undefined when it cannot be read (no /proc, no such process). */
  startOf(pid: number): string | undefined;
  /** Whether a process with this id exists (EPERM: it does, someone else's). */
  exists(pid: number): boolean;
  bootId(): string | undefined;
  host(): string;
}

const errnoOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export const systemProbe: ProcessProbe = {
  startOf(pid) {
    const stat = readText(`/proc/${pid}/stat`);
    if (stat === undefined) return undefined;
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start !== undefined && /^\d+$/.test(start) ? start : undefined;
  },
  exists(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return errnoOf(error) === 'EPERM';
    }
  },
  bootId: () => readText('/proc/sys/kernel/random/boot_id')?.trim() || undefined,
  host: () => hostname(),
};

/** This process as a lock owner. */
const selfOwner = (probe: ProcessProbe, pid: number): LockOwner => {
  const start = probe.startOf(pid);
  const boot = probe.bootId();
  return {
    pid,
    ...(start === undefined ? {} : { start }),
    ...(boot === undefined ? {} : { boot }),
    host: probe.host(),
    token: randomUUID(),
    since: new Date().toISOString(),
  };
};

/** The owner a lock file's text names; a bare process id is what versions before 17.1 wrote. */
export const parseOwner = (text: string): LockOwner | undefined => {
  const trimmed = text.trim();
  if (/^\d{1,10}$/.test(trimmed)) {
    const pid = Number(trimmed);
    return pid > 0 ? { pid } : undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const pid = record.pid;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  const text_ = (key: string) => (typeof record[key] === 'string' ? { [key]: record[key] as string } : {});
  return { pid, ...text_('start'), ...text_('boot'), ...text_('host'), ...text_('token'), ...text_('since') };
};

type Verdict = 'alive' | 'gone' | 'unknown';

/** Whether the owner is provably gone, provably alive, or neither. */
export const judgeOwner = (owner: LockOwner, probe: ProcessProbe): Verdict => {
  if (owner.host !== undefined && owner.host !== probe.host()) return 'unknown';
  const boot = probe.bootId();
  if (owner.boot !== undefined && boot !== undefined && owner.boot !== boot) return 'gone';
  if (!probe.exists(owner.pid)) return 'gone';
  const start = probe.startOf(owner.pid);
  if (owner.start === undefined || start === undefined) return 'unknown';
  return start === owner.start ? 'alive' : 'gone';
};

/** Writes `text` under `path` only if nothing is there: to a file of its own first, then link(2). */
const createWhole = async (path: string, text: string, tag: string): Promise<boolean> => {
  const temporary = `${path}.${process.pid}.${tag}.${randomUUID().slice(0, 8)}.nieuw`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
};

const readLock = async (path: string): Promise<string | undefined> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw error;
  }
};

/** Removes `path` if it still holds `text` (called only under the breaker, or by the owner). */
const removeIfStill = async (path: string, text: string): Promise<void> => {
  if ((await readLock(path)) !== text) return;
  await unlink(path).catch((error: unknown) => {
    if (errnoOf(error) !== 'ENOENT') throw error;
  });
};

/** The locks this process holds, as `pid:path` (a second open in one process is refused, not stale). */
const held = new Set<string>();

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const describeOwner = (owner: LockOwner): string => {
  const where = owner.host === undefined ? '' : ` op ${owner.host}`;
  const since = owner.since === undefined ? '' : `, sinds ${owner.since}`;
  return `proces ${owner.pid}${where}${since}`;
};

const clearHint = (path: string) =>
  `werkt er zeker geen zelfredzaam meer met deze opslag, verwijder dan het slotbestand ${path}`;

export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    message: string,
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(message);
  }
}

export interface LockOptions {
  /** How processes are told apart (tests). */
  readonly probe?: ProcessProbe;
  /** This process's id (tests run several owners in one process). */
  readonly pid?: number;
}

/**
 * Removes the stale lock whose text is `stale`, under the breaker lock: only if the lock still
 * holds exactly that text (nobody else has broken it and taken it since).
 */
const breakStale = async (path: string, stale: string, me: LockOwner, probe: ProcessProbe): Promise<void> => {
  const breaker = `${path}.breaking`;
  const mine = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await createWhole(breaker, mine, `b${attempt}`)) {
      try {
        await removeIfStill(path, stale);
      } finally {
        await removeIfStill(breaker, mine);
      }
      return;
    }
    const text = await readLock(breaker);
    if (text === undefined) continue;
    const owner = parseOwner(text);
    // A breaker whose owner was killed while breaking (a few system calls): cleared the same way.
    if (owner !== undefined && owner.pid !== me.pid && judgeOwner(owner, probe) === 'gone') {
      await removeIfStill(breaker, text);
      continue;
    }
    await pause(2 + Math.floor(Math.random() * 8));
  }
  throw new StoreLockedError(
    `het slotbestand ${path} wordt al lang door een ander proces vrijgegeven (${breaker}); ${clearHint(breaker)}`,
    breaker,
    undefined,
  );
};

/**
 * Takes the lock for `dataDir` (which must exist); resolves to the function that releases it.
 * Throws a StoreLockedError naming the owner and how to clear the lock when it is held.
 */
export const lockDirectory = async (dataDir: string, options: LockOptions = {}): Promise<() => Promise<void>> => {
  const probe = options.probe ?? systemProbe;
  const real = await realpath(dataDir);
  const path = `${real}.lock`;
  const me = selfOwner(probe, options.pid ?? process.pid);
  const mine = `${JSON.stringify(me)}\n`;
  const key = `${me.pid}:${path}`;
  const release = async () => {
    held.delete(key);
    await removeIfStill(path, mine);
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await createWhole(path, mine, `l${attempt}`)) {
      held.add(key);
      return release;
    }
    const text = await readLock(path);
    if (text === undefined) continue; // released in between: try again
    const owner = parseOwner(text);
    if (owner === undefined) {
      throw new StoreLockedError(
        `de opslag ${dataDir} is vergrendeld, maar het slotbestand ${path} is leeg of onleesbaar (schrijft een ander proces het net?); ${clearHint(path)}`,
        path,
        undefined,
      );
    }
    if (owner.pid === me.pid && held.has(`${me.pid}:${path}`)) {
      throw new StoreLockedError(
        `de opslag ${dataDir} is in dit proces al geopend; sluit die eerst (slotbestand ${path})`,
        path,
        owner,
      );
    }
    // Our own process id, but not our lock: left by an earlier process that had this id.
    const verdict =
      owner.pid === me.pid && (owner.host === undefined || owner.host === me.host) ? 'gone' : judgeOwner(owner, probe);
    if (verdict === 'alive') {
      throw new StoreLockedError(
        `de opslag ${dataDir} is in gebruik door ${describeOwner(owner)}; PGlite kan maar door één proces tegelijk worden geopend. Wacht tot dat klaar is; ${clearHint(path)}`,
        path,
        owner,
      );
    }
    if (verdict === 'unknown') {
      const why =
        owner.host !== undefined && owner.host !== probe.host()
          ? `draait op een andere computer (${owner.host}), dus hier niet na te gaan`
          : 'bestaat nog, maar of het zelfredzaam is valt niet na te gaan (het kan een ander programma met hetzelfde procesnummer zijn)';
      throw new StoreLockedError(
        `de opslag ${dataDir} is vergrendeld door ${describeOwner(owner)}; dat proces ${why}. Is de opslag niet in gebruik, ${clearHint(path)}`,
        path,
        owner,
      );
    }
    // Provably gone (a killed import): take it over, atomically.
    await breakStale(path, text, me, probe);
  }
  throw new StoreLockedError(
    `het slotbestand ${path} kon niet worden aangemaakt: steeds kwam een ander proces ertussen`,
    path,
    undefined,
  );
};
