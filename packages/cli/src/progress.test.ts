import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from './progress.js';

describe('renderProgress', () => {
  it('shows a bar, percentage, counts, rate and time left when the total is known', () => {
    expect(renderProgress({ label: 'importeren', done: 52_000, total: 100_000, elapsed: 2, columns: 100 })).toBe(
      'importeren [#####################-------------------]  52% 52.000/100.000 · 26.000/s · nog 0:02',
    );
  });

  it('shows count and rate without a total, and fits the terminal', () => {
    expect(renderProgress({ label: 'afspelen', done: 12_345, total: undefined, elapsed: 0.5, columns: 80 })).toBe(
      'afspelen 12.345 · 24.690/s',
    );
    expect(
      renderProgress({ label: 'x', done: 1, total: 1_000_000_000, elapsed: 1, columns: 40 }).length,
    ).toBeLessThanOrEqual(39);
  });
});

describe('createProgress', () => {
  it('is silent when stderr is not a terminal', () => {
    const written: string[] = [];
    const progress = createProgress({ isTTY: false, write: (t) => written.push(t) }, 'x', 10);
    progress.tick(5);
    progress.done();
    expect(written).toEqual([]);
  });

  it('redraws at most ten times a second on a terminal and clears the line at the end', () => {
    const written: string[] = [];
    let now = 0;
    const progress = createProgress({ isTTY: true, columns: 80, write: (t) => written.push(t) }, 'x', 10, () => now);
    progress.tick();
    progress.tick();
    now = 150;
    progress.tick();
    progress.done();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\r\u001b\[2Kx \[/);
    expect(written[1]).toContain(' 30% 3/10');
    expect(written[2]).toBe('\r\u001b[2K');
  });
});
