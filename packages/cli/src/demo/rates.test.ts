// The default demo lands in the ranges the documents report (README: "Demo municipality").
import { dayOf } from '@zelfredzaam/domain';
import { replay } from '@zelfredzaam/projections';
import { describe, expect, it } from 'vitest';
import { berekenJaren } from '../rapport.js';
import { demoGeschiedenis } from './generator.js';

describe('the default demo municipality (seed 1, 4,000 households, 2011–2016)', () => {
  const history = [...demoGeschiedenis()];
  const state = replay(history);
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

  it.each(rapporten.map((r) => [r.jaar, r] as const))(
    '%i: the rates of MEETREGELS §7 within the documented ranges',
    (_, r) => {
      // Participatiegroei for far more than Zwolle's 200 (a yearly assessment of those far from work).
      expect(r.participatie.gestegen).toBeGreaterThan(200);
      expect(r.participatie.gemeten).toBeGreaterThan(1_000);
      // Workfast for most new applicants: a fair share finds work, many applications are withdrawn.
      const workfast = r.trajecten.Workfast;
      expect(workfast?.gestart).toBeGreaterThan(400);
      expect((workfast?.resultaten.werk ?? 0) / (workfast?.beeindigd ?? 1)).toBeGreaterThan(0.2);
      expect((workfast?.resultaten.ingetrokken ?? 0) / (workfast?.beeindigd ?? 1)).toBeGreaterThan(0.2);
      // VAK: most leave for work within six months (Zwolle: 57 of 72).
      const vak = r.trajecten.VAK;
      expect((vak?.uitstroomBinnenZesMaanden ?? 0) / (vak?.gestart ?? 1)).toBeGreaterThan(0.45);
      expect((vak?.uitstroomBinnenZesMaanden ?? 0) / (vak?.gestart ?? 1)).toBeLessThan(0.9);
      // Pauropus: a good third of the measured make a big step (Zwolle: 38 %).
      const pauropus = r.trajecten.Pauropus;
      expect((pauropus?.trede.groteVooruitgang ?? 0) / (pauropus?.trede.gemeten ?? 1)).toBeGreaterThan(0.2);
      expect((pauropus?.trede.groteVooruitgang ?? 0) / (pauropus?.trede.gemeten ?? 1)).toBeLessThan(0.55);
      expect(r.trajecten.Meedoen?.gestart).toBeGreaterThan(0);
      // Placements of every kind, contacts in beeld, long-term dependency, minima.
      for (const soort of Object.values(r.plaatsingen)) expect(soort.inJaar).toBeGreaterThan(0);
      expect(r.inBeeld.aandeel).toBeGreaterThan(0.3);
      expect(r.inBeeld.aandeel).toBeLessThan(0.7);
      expect(r.langdurig.aandeel).toBeGreaterThan(0.3);
      expect(r.langdurig.aandeel).toBeLessThan(0.8);
      expect(r.minima.huishoudens).toBeGreaterThan(200);
      // Roughly four in five amicable settlements succeed (Groningen: 78 %, 84 %).
      expect(r.schuldhulp.aandeelMinnelijkGeslaagd).toBeGreaterThan(0.68);
      expect(r.schuldhulp.aandeelMinnelijkGeslaagd).toBeLessThan(0.9);
      // Some 15–25 employers a year close an alliance.
      expect(r.allianties.inJaar).toBeGreaterThanOrEqual(10);
      expect(r.allianties.inJaar).toBeLessThanOrEqual(30);
    },
  );

  it('assesses the participatieladder about yearly for those far from work (treden 1–3), every two to three years for the others', () => {
    const retracted = new Set(history.flatMap((f) => (f.type === 'GebeurtenisIngetrokken' ? [f.ingetrokken] : [])));
    const perHuishouden = new Map<string, { dag: number; trede: number }[]>();
    for (const f of history) {
      if (f.type !== 'ParticipatieTredeVastgesteld' || retracted.has(f.eventId)) continue;
      perHuishouden.set(f.huishouden, [
        ...(perHuishouden.get(f.huishouden) ?? []),
        { dag: dayOf(f.datum), trede: f.trede },
      ]);
    }
    // The days from one assessment to the next, by the trede of the first.
    const ver: number[] = [];
    const dichtbij: number[] = [];
    for (const treden of perHuishouden.values()) {
      treden.sort((a, b) => a.dag - b.dag);
      for (let i = 1; i < treden.length; i++) {
        const vorige = treden[i - 1] as { dag: number; trede: number };
        (vorige.trede <= 3 ? ver : dichtbij).push((treden[i] as { dag: number }).dag - vorige.dag);
      }
    }
    const kwantiel = (xs: readonly number[], q: number): number =>
      [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? Number.NaN;
    expect(ver.length).toBeGreaterThan(2_000);
    expect(kwantiel(ver, 0.25)).toBeGreaterThanOrEqual(300);
    expect(kwantiel(ver, 0.5)).toBeGreaterThanOrEqual(335);
    expect(kwantiel(ver, 0.5)).toBeLessThanOrEqual(395);
    expect(kwantiel(ver, 0.75)).toBeLessThanOrEqual(430);
    expect(kwantiel(dichtbij, 0.5)).toBeGreaterThan(700);
    expect(kwantiel(dichtbij, 0.5)).toBeLessThan(1_100);
  });
});
