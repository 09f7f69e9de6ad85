// The default demo lands in the ranges the documents report (README: "Demo municipality").
import { replay } from '@zelfredzaam/projections';
import { describe, expect, it } from 'vitest';
import { berekenJaren } from '../rapport.js';
import { demoGeschiedenis } from './generator.js';

describe('the default demo municipality (seed 1, 4,000 households, 2011–2016)', () => {
  const state = replay(demoGeschiedenis());
  const result = berekenJaren(state, { jaren: [2012, 2013, 2014, 2015], reeks: true, vergelijk: false }, '2026-01-01');
  if (result._tag === 'Left') throw new Error(result.left.bericht);
  const { rapporten } = result.right;

  it.each(rapporten.map((r) => [r.jaar, r] as const))('%i: rates within the documented ranges', (_, r) => {
    const inJaar = r.bijstandsbestand.inJaar;
    // About 4,000 households on bijstand (Zwolle-sized).
    expect(r.bijstandsbestand.opPeildatum).toBeGreaterThan(3_600);
    expect(r.bijstandsbestand.opPeildatum).toBeLessThan(4_600);
    // A yearly full outflow of roughly a tenth, mostly loondienst, some onderneming and opleiding.
    expect(r.volledigeUitstroom.totaal / inJaar).toBeGreaterThan(0.08);
    expect(r.volledigeUitstroom.totaal / inJaar).toBeLessThan(0.12);
    expect(r.volledigeUitstroom.loondienst / r.volledigeUitstroom.totaal).toBeGreaterThan(0.65);
    expect(r.volledigeUitstroom.onderneming).toBeGreaterThan(0);
    expect(r.volledigeUitstroom.opleiding).toBeGreaterThan(r.volledigeUitstroom.onderneming);
    // About a fifth falls back within six months.
    const terug = 1 - (r.duurzaamheid.aandeelDuurzaam ?? 0);
    expect(terug).toBeGreaterThan(0.15);
    expect(terug).toBeLessThan(0.27);
    expect(r.duurzaamheid.nogOnbekend).toBe(0);
    // Some of the cohort on WW, some back on bijstand.
    expect(r.cohort.ww).toBeGreaterThan(0);
    expect(r.cohort.wwb).toBeGreaterThan(r.cohort.ww);
    // About a tenth with earned income beside the benefit, around € 450–500 a month.
    expect(r.gedeeltelijkeUitstroom.aandeel).toBeGreaterThan(0.08);
    expect(r.gedeeltelijkeUitstroom.aandeel).toBeLessThan(0.13);
    expect(r.gemiddeldInkomen.gemiddeldEuro).toBeGreaterThanOrEqual(440);
    expect(r.gemiddeldInkomen.gemiddeldEuro).toBeLessThanOrEqual(510);
    // Every fact fits the lifecycle.
    expect(r.diagnose.genegeerd).toBe(0);
  });
});
