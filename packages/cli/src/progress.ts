// A small progress bar on stderr for import, replay and demo: count, rate and (when the total
// is known) a bar and the time left. Only on a terminal; silent when stderr is a file or pipe,
// so logs and tests see only the messages that matter.

export interface Progress {
  /** Adds `n` done items (default 1). */
  tick(n?: number): void;
  /** Sets the number done, and optionally the fraction of the work done (when counted otherwise, e.g. bytes). */
  set(done: number, fraction?: number): void;
  /** Clears the bar (call before printing anything else to stderr, and at the end); it redraws on the next update. */
  done(): void;
}

export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressState {
  readonly label: string;
  readonly done: number;
  readonly total: number | undefined;
  /** The fraction done, when the total is not a count (a file's bytes); wins over `total`. */
  readonly fraction?: number;
  /** Seconds since the start. */
  readonly elapsed: number;
  readonly columns: number;
}

const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
};

/** One line of the bar, e.g. `importeren [#####-----]  52% 52.000/100.000 · 23.400/s · nog 0:02`. */
export const renderProgress = (state: ProgressState): string => {
  const rate = state.elapsed > 0 ? state.done / state.elapsed : 0;
  const rateText = `${group(rate)}/s`;
  const known = state.fraction !== undefined || (state.total !== undefined && state.total > 0);
  if (!known) {
    return `${state.label} ${group(state.done)} · ${rateText}`.slice(0, Math.max(10, state.columns - 1));
  }
  const fraction = Math.max(0, Math.min(1, state.fraction ?? state.done / (state.total ?? 1)));
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const eta = fraction > 0 && state.elapsed > 0 ? `nog ${clock((state.elapsed * (1 - fraction)) / fraction)}` : 'nog ?';
  const counts = state.fraction === undefined ? `${group(state.done)}/${group(state.total ?? 0)}` : group(state.done);
  const tail = ` ${percent} ${counts} · ${rateText} · ${eta}`;
  const barWidth = Math.max(10, Math.min(40, state.columns - state.label.length - tail.length - 4));
  const filled = Math.round(fraction * barWidth);
  return `${state.label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`.slice(
    0,
    Math.max(10, state.columns - 1),
  );
};

const SILENT: Progress = { tick: () => {}, set: () => {}, done: () => {} };

/**
 * A progress bar on `sink` (stderr), redrawn at most ten times a second; a no-op when the sink
 * is not a terminal. `now` returns milliseconds (the clock is read here, at the edge).
 */
export const createProgress = (
  sink: ProgressSink,
  label: string,
  total?: number,
  now: () => number = () => performance.now(),
): Progress => {
  if (sink.isTTY !== true) return SILENT;
  const started = now();
  let done = 0;
  let fraction: number | undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const line = renderProgress({
      label,
      done,
      total,
      ...(fraction === undefined ? {} : { fraction }),
      elapsed: (t - started) / 1000,
      columns: (sink.columns ?? 0) >= 20 ? (sink.columns ?? 80) : 80,
    });
    sink.write(`\r\u001b[2K${line}`);
    drawn = true;
  };
  return {
    tick: (n = 1) => {
      done += n;
      draw(false);
    },
    set: (value, part) => {
      done = value;
      fraction = part;
      draw(false);
    },
    done: () => {
      if (drawn) sink.write('\r\u001b[2K');
      drawn = false;
    },
  };
};

/** A one-line status on a terminal (e.g. while a store opens); returns the function that clears it. */
export const status = (sink: ProgressSink, text: string): (() => void) => {
  if (sink.isTTY !== true) return () => {};
  sink.write(`\r\u001b[2K${text}`);
  return () => {
    sink.write('\r\u001b[2K');
  };
};
