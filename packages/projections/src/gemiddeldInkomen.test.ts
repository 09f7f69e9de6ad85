// MEETREGELS §4.5 Gemiddeld inkomen: golden scenarios, values computed by hand.
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { gemiddeldInkomen } from './gemiddeldInkomen.js';

const inkomen = (...bedragen: number[]) => {
  const h = new HuishoudenFeiten('h-1');
  h.start('2013-01-01');
  for (const [i, bedrag] of bedragen.entries()) h.inkomsten(`2014-${String(i + 1).padStart(2, '0')}`, bedrag);
  return gemiddeldInkomen(replay(h.feiten), parametersVoor(2014));
};

describe('MEETREGELS §4.5 gemiddeld inkomen', () => {
  it('rounds the cents half up: 200,001 / 2 = 100,000.5 → 100,001', () => {
    expect(inkomen(100_000, 100_001)).toEqual({
      maanden: 2,
      totaalCent: 200_001,
      gemiddeldCent: 100_001,
      gemiddeldEuro: 1000,
    });
  });

  it('rounds the euros half up from the total: 94,900 / 200 = 474.5 → 475', () => {
    expect(inkomen(47_450, 47_450).gemiddeldEuro).toBe(475);
  });

  it('rounds the euros from the total, not from the rounded cents: 474.495 → 474 (47,449.5 cents → 47,450)', () => {
    expect(inkomen(47_449, 47_450)).toEqual({
      maanden: 2,
      totaalCent: 94_899,
      gemiddeldCent: 47_450,
      gemiddeldEuro: 474,
    });
  });

  it('below a half rounds down: 100,000.33… → 100,000', () => {
    expect(inkomen(100_000, 100_000, 100_001).gemiddeldCent).toBe(100_000);
  });

  it('is null over no months', () => {
    expect(inkomen()).toEqual({ maanden: 0, totaalCent: 0, gemiddeldCent: null, gemiddeldEuro: null });
  });
});
