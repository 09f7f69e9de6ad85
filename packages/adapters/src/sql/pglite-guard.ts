// PGlite failures as one Dutch line, never a hang (issue 17, point 3). PGlite is PostgreSQL in
// WebAssembly inside this process, and what a server would turn into an error can go wrong here in
// ways a caller cannot catch: on a full disk it spun in WebAssembly at 100% CPU with no output
// (measured: until killed); a failed start left timers that kept the process alive; some failures
// are thrown as plain objects (emscripten's ErrnoError: "[object Object]").
//
// So every call into PGlite is guarded:
// - a time limit: when a call has not finished after `limitMs` (default 120 s; environment
//   variable ZELFREDZAAM_PGLITE_TIMEOUT in seconds), it is rejected with a PgliteError. A call that
//   keeps the main thread busy in WebAssembly cannot be interrupted from this thread, so a
//   watchdog thread ends that execution through the inspector protocol (Runtime.terminateExecution,
//   only when the main thread has stopped answering); the process then writes the reason to stderr
//   and ends with exit code 3, since what it had in flight cannot be trusted (see `ended`). A call
//   that merely never settles is rejected, and the instance is not used again.
// - free space: before a write transaction on a directory, the file system must have room for a
//   new WAL segment and more (default 64 MB; ZELFREDZAAM_PGLITE_MIN_VRIJ_MB), so PGlite never
//   meets ENOSPC in the middle of writing;
// - every error is explained: disk full, a failed start, a crashed instance, or a thrown
//   non-Error, in Dutch, with what to do.
import { statfsSync, writeSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/** A failure of PGlite, explained (the original is the cause). */
export class PgliteError extends Error {
  override readonly name = 'PgliteError';
}

export const DEFAULT_PGLITE_TIMEOUT_MS = 120_000;
export const DEFAULT_PGLITE_MIN_FREE_MB = 64;

const numberFromEnv = (name: string): number | undefined => {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new PgliteError(`${name}=${JSON.stringify(text.slice(0, 20))}: verwacht een getal ≥ 0`);
  }
  return value;
};

export interface GuardLimits {
  /** How long one call may take, in ms (0: no limit). */
  readonly timeoutMs: number;
  /** The least free space on the directory's file system before a write, in bytes (0: no check). */
  readonly minFreeBytes: number;
}

/** The limits from the environment, else the defaults. */
export const limitsFromEnvironment = (): GuardLimits => ({
  timeoutMs: Math.round((numberFromEnv('ZELFREDZAAM_PGLITE_TIMEOUT') ?? DEFAULT_PGLITE_TIMEOUT_MS / 1000) * 1000),
  minFreeBytes: Math.round(
    (numberFromEnv('ZELFREDZAAM_PGLITE_MIN_VRIJ_MB') ?? DEFAULT_PGLITE_MIN_FREE_MB) * 1024 * 1024,
  ),
});

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => `${Math.floor(bytes / MB).toLocaleString('nl-NL')} MB`;

/** Free bytes for an unprivileged writer on the file system of `path`, or undefined. */
const freeBytes = async (path: string): Promise<number | undefined> => {
  try {
    const stats = await statfs(path);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
};

/** emscripten's errno for ENOSPC (its FS.ErrnoError carries these, not Linux's 28). */
const EMSCRIPTEN_ENOSPC = 51;

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;

const isDiskFull = (error: unknown): boolean => {
  const code = fieldOf(error, 'code');
  const message = error instanceof Error ? error.message : String(fieldOf(error, 'message') ?? '');
  return (
    fieldOf(error, 'errno') === EMSCRIPTEN_ENOSPC ||
    code === 'ENOSPC' ||
    code === '53100' ||
    /No space left on device|could not extend file/i.test(message)
  );
};

/** A thrown value's text without "[object Object]". */
const describeThrown = (error: unknown): string => {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  const name = fieldOf(error, 'name');
  const message = fieldOf(error, 'message');
  const errno = fieldOf(error, 'errno');
  const parts = [
    typeof name === 'string' ? name : undefined,
    typeof message === 'string' ? message : undefined,
    typeof errno === 'number' ? `errno ${errno}` : undefined,
  ].filter((part) => part !== undefined);
  if (parts.length > 0) return parts.join(': ');
  return typeof error === 'object' ? 'een onbekende fout zonder omschrijving' : String(error);
};

const RESTART_HINT = 'wat al was vastgelegd blijft bewaard; draai de opdracht daarna opnieuw';

/**
 * An error of PGlite as one Dutch line. PostgreSQL's own errors (an SQLSTATE other than disk full)
 * are returned unchanged: the store explains those itself.
 */
export const explainPgliteError = async (
  error: unknown,
  dataDir: string | undefined,
  during: 'open' | 'use',
): Promise<unknown> => {
  if (error instanceof PgliteError) return error;
  const where = dataDir === undefined ? 'PGlite (in het geheugen)' : `PGlite-opslag ${dataDir}`;
  const free = dataDir === undefined ? undefined : await freeBytes(dataDir);
  const freeText = free === undefined ? '' : ` (nog ${megabytes(free)} vrij)`;
  if (isDiskFull(error)) {
    return new PgliteError(`${where}: de schijf is vol${freeText}. Maak ruimte vrij; ${RESTART_HINT}`, {
      cause: error,
    });
  }
  const message = describeThrown(error);
  if (/failed to initialize properly/.test(message)) {
    const why =
      free !== undefined && free < DEFAULT_PGLITE_MIN_FREE_MB * MB
        ? `de schijf is (bijna) vol${freeText}; maak ruimte vrij — ${RESTART_HINT}`
        : 'is de map beschadigd, of door een andere PGlite-versie gemaakt? Probeer het met een kopie van de map na een herstart';
    return new PgliteError(`${where} kon niet worden gestart: ${why}`, { cause: error });
  }
  if (
    (error instanceof Error && error.name === 'RuntimeError') ||
    /^Aborted\(|RuntimeError|unreachable/.test(message)
  ) {
    return new PgliteError(
      `${where} is vastgelopen (${message}); het proces kan deze opslag niet meer gebruiken — ${RESTART_HINT}`,
      { cause: error },
    );
  }
  if (!(error instanceof Error)) {
    return new PgliteError(`${where}: ${during === 'open' ? 'openen' : 'een opdracht'} mislukt: ${message}`, {
      cause: error,
    });
  }
  return error;
};

// The watchdog thread: plain CommonJS, no string escapes (it is evaluated as is). shared[0]: the
// deadline of the current call (ms since the epoch; 0: none), shared[1]: 1 once it has ended an
// execution, shared[2]: the main thread's last heartbeat. Having ended an execution it tells the
// main thread by a message (its timers may not survive an execution ended inside them).
const WATCHDOG = `
const { Session } = require('node:inspector');
const { parentPort, workerData: shared } = require('node:worker_threads');
setInterval(() => {
  const deadline = Atomics.load(shared, 0);
  const now = BigInt(Date.now());
  if (deadline === 0n || now < deadline + 1000n || now - Atomics.load(shared, 2) < 2000n) return;
  if (Atomics.compareExchange(shared, 1, 0n, 1n) !== 0n) return;
  const session = new Session();
  session.connectToMainThread();
  session.post('Runtime.terminateExecution', () => {
    session.disconnect();
    parentPort.postMessage('expired');
  });
}, 500);
`;

/** Guards the calls into one PGlite instance (see the top of this file). */
export class PgliteGuard {
  private readonly shared = new BigInt64Array(new SharedArrayBuffer(24));
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private active = 0;
  private failure: PgliteError | undefined;
  private readonly waiting = new Set<(error: PgliteError) => void>();

  constructor(
    private readonly dataDir: string | undefined,
    private readonly limits: GuardLimits = limitsFromEnvironment(),
  ) {}

  /** Starts the watchdog thread (before the first call: a busy main thread could not start it). */
  async start(): Promise<void> {
    if (this.limits.timeoutMs === 0 || this.worker !== undefined) return;
    const worker = new Worker(WATCHDOG, { eval: true, workerData: this.shared });
    this.worker = worker;
    worker.on('error', () => {});
    worker.on('message', (message) => {
      if (message === 'expired') this.ended();
    });
    await new Promise<void>((resolve) => {
      worker.once('online', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.unref();
  }

  /** Whether the instance failed for good (a time-out): then it is not touched again. */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Runs `call`, with the time limit; any error explained. */
  async run<T>(call: () => Promise<T>, during: 'open' | 'use' = 'use'): Promise<T> {
    if (this.failure !== undefined) throw this.failure;
    this.begin();
    let expired: ((error: PgliteError) => void) | undefined;
    const expiry = new Promise<never>((_, reject) => {
      expired = reject;
      this.waiting.add(reject);
    });
    try {
      return await Promise.race([call(), expiry]);
    } catch (error) {
      throw await explainPgliteError(error, this.dataDir, during);
    } finally {
      if (expired !== undefined) this.waiting.delete(expired);
      this.end();
    }
  }

  /** Refuses a write when the directory's file system is (nearly) full. */
  async checkSpace(): Promise<void> {
    if (this.dataDir === undefined || this.limits.minFreeBytes === 0) return;
    const free = await freeBytes(this.dataDir);
    if (free === undefined || free >= this.limits.minFreeBytes) return;
    throw new PgliteError(
      `PGlite-opslag ${this.dataDir}: de schijf is (bijna) vol — nog ${megabytes(free)} vrij, PGlite heeft minstens ${megabytes(this.limits.minFreeBytes)} nodig om veilig te schrijven (ZELFREDZAAM_PGLITE_MIN_VRIJ_MB). Niets van deze stap vastgelegd; maak ruimte vrij — ${RESTART_HINT}`,
    );
  }

  async stop(): Promise<void> {
    this.stopTimer();
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate().catch(() => 0);
  }

  private begin(): void {
    this.active++;
    // While a call runs the watchdog keeps the process alive: its message must arrive.
    if (this.active === 1) this.worker?.ref();
    this.arm();
  }

  private end(): void {
    this.active--;
    if (this.active > 0) {
      // Progress: the calls still running get the full limit from now.
      this.arm();
      return;
    }
    Atomics.store(this.shared, 0, 0n);
    this.stopTimer();
    this.worker?.unref();
  }

  private arm(): void {
    if (this.limits.timeoutMs === 0) return;
    const now = Date.now();
    Atomics.store(this.shared, 0, BigInt(now + this.limits.timeoutMs));
    Atomics.store(this.shared, 2, BigInt(now));
    // Ref'd on purpose: a call that never settles must still end in an error, not in silence.
    this.timer ??= setInterval(() => this.check(), 250);
  }

  private check(): void {
    const now = Date.now();
    Atomics.store(this.shared, 2, BigInt(now));
    const deadline = Number(Atomics.load(this.shared, 0));
    if (deadline === 0 || now <= deadline) return;
    this.expire();
  }

  /**
   * The watchdog ended an execution stuck in WebAssembly. What the process had in flight may be
   * lost with it (promise reactions of that moment are dropped), so waiting for the error to
   * travel up could leave the process without work and without an answer: the reason is written
   * to stderr and the process ends with exit code 3 (EXIT_ERROR of the CLI).
   */
  private ended(): void {
    this.expire();
    writeSync(2, `zelfredzaam: ${this.failure?.message ?? 'PGlite reageert niet'}\n`);
    process.exit(3);
  }

  /** The call in progress has taken too long: it, and every later call, fails. */
  private expire(): void {
    if (this.failure !== undefined) return;
    const seconds = Math.round(this.limits.timeoutMs / 1000);
    const where = this.dataDir === undefined ? 'PGlite (in het geheugen)' : `PGlite-opslag ${this.dataDir}`;
    let free: number | undefined;
    try {
      const stats = this.dataDir === undefined ? undefined : statfsSync(this.dataDir);
      free = stats === undefined ? undefined : stats.bavail * stats.bsize;
    } catch {
      free = undefined;
    }
    const why =
      free !== undefined && free < DEFAULT_PGLITE_MIN_FREE_MB * MB
        ? `de schijf is (bijna) vol: nog ${megabytes(free)} vrij`
        : 'is de schijf vol?';
    this.failure = new PgliteError(
      `${where} reageert niet: een opdracht is na ${seconds} s niet klaar (${why}; grens: ZELFREDZAAM_PGLITE_TIMEOUT in seconden) — afgebroken; ${RESTART_HINT}`,
    );
    Atomics.store(this.shared, 0, 0n);
    this.stopTimer();
    for (const reject of this.waiting) reject(this.failure);
    this.waiting.clear();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
