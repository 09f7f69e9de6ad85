// The live report (issue 3: a live dashboard and a full replay give the same number).
import { dayOf, isoDateOf } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Van } from './bron.js';
import { emptyState, replay } from './engine/state.js';
import { HuishoudenFeiten, WerkgeverFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';
import { LiveRapport } from './liveRapport.js';
import type { Parameters } from './types.js';

const parameters = fc
  .record({
    jaar: fc.integer({ min: 2010, max: 2017 }),
    peildatum: fc.integer({ min: dayOf('2010-01-01'), max: dayOf('2019-12-31') }).map(isoDateOf),
    evaluatiedatum: fc.integer({ min: dayOf('2010-01-01'), max: dayOf('2019-12-31') }).map(isoDateOf),
    kennisdatum: fc.option(fc.integer({ min: dayOf('2010-01-01'), max: dayOf('2018-12-31') }).map(isoDateOf)),
    // MEETREGELS §7.2 Langdurig's parameter: the live report keeps it too.
    hervattingsgrens: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  })
  .map(
    ({ jaar, peildatum, evaluatiedatum, kennisdatum, hervattingsgrens }): Parameters => ({
      jaar,
      peildatum,
      evaluatiedatum,
      meetdatum: evaluatiedatum,
      kennisdatum,
      hervattingsgrens,
    }),
  );

describe('LiveRapport', () => {
  it('after applying every fact equals jaarrapport(replay(events)), also when started on part of them', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, fc.nat(), (events, p, split) => {
        const k = events.length === 0 ? 0 : split % (events.length + 1);
        const live = new LiveRapport(replay(events.slice(0, k)), p);
        expect(live.rapport()).toEqual(jaarrapport(replay(events.slice(0, k)), p));
        for (const e of events.slice(k)) live.apply(e);
        expect(live.rapport()).toEqual(jaarrapport(replay(events), p));
        expect(jaarrapport(live.state, p)).toEqual(live.rapport());
      }),
      { numRuns: 200 },
    );
  });

  it('a late registration moves only its own household’s contribution', () => {
    const p = parametersVoor(2014);
    const a = new HuishoudenFeiten('h-a');
    a.start('2013-01-01');
    const b = new HuishoudenFeiten('h-b');
    b.start('2013-01-01');
    b.loondienst('2014-03-01');
    const live = new LiveRapport(replay([...a.feiten, ...b.feiten]), p);
    expect(live.rapport().volledigeUitstroom.totaal).toBe(1);
    const laat = new HuishoudenFeiten('h-a');
    live.apply(laat.opleiding('2014-02-01', { eventId: '22222222-2222-4222-8222-222222222222' }));
    expect(live.rapport().volledigeUitstroom).toEqual({ loondienst: 1, onderneming: 0, opleiding: 1, totaal: 2 });
    expect(live.rapport().bijstandsbestand.opPeildatum).toBe(0);
  });

  it('moves the §7 figures live: a soort leaves the report when its only trajectory is retracted (MEETREGELS §7.3)', () => {
    const p = parametersVoor(2014);
    const h = new HuishoudenFeiten('h-7');
    h.start('2010-01-01');
    const w = new WerkgeverFeiten('wg-7');
    const live = new LiveRapport(replay([...h.feiten]), p);
    const start = h.traject('2014-03-01', 't-1', 'VAK');
    live.apply(start);
    live.apply(h.loondienst('2014-08-31'));
    live.apply(h.schuldhulp('2014-02-01', 's-1'));
    live.apply(h.schuldhulpEinde('2014-09-01', 's-1', 'minnelijk-geslaagd'));
    live.apply(w.alliantie('2014-05-01'));
    expect(live.rapport().trajecten.VAK).toMatchObject({ gestart: 1, uitstroomBinnenZesMaanden: 1 });
    expect(live.rapport().schuldhulp.aandeelMinnelijkGeslaagd).toBe(1);
    expect(live.rapport().allianties).toEqual({ inJaar: 1, totaal: 1 });
    // The langdurig household left: no longer on bijstand on E.
    expect(live.rapport().langdurig).toEqual({ bijstand: 0, langdurig: 0, aandeel: null });
    live.apply(h.intrekking(start));
    expect(live.rapport().trajecten).toEqual({});
    expect(live.rapport()).toEqual(jaarrapport(replay([...h.feiten, ...w.feiten]), p));
  });

  it('stays equal to a replay over many more live updates than households', () => {
    const p = parametersVoor(2014);
    const a = new HuishoudenFeiten('h-a');
    a.start('2013-01-01');
    const b = new HuishoudenFeiten('h-b');
    b.start('2013-01-01');
    const live = new LiveRapport(replay([...a.feiten, ...b.feiten]), p);
    const alle = [...a.feiten, ...b.feiten];
    for (let i = 0; i < 3000; i++) {
      const h = i % 2 === 0 ? a : b;
      const feit = h.inkomsten(`2014-${String((i % 12) + 1).padStart(2, '0')}`, 100 + i);
      alle.push(feit);
      live.apply(feit);
    }
    expect(live.rapport()).toEqual(jaarrapport(replay(alle), p));
    expect(jaarrapport(live.state, p)).toEqual(live.rapport());
    expect(live.rapport().gemiddeldInkomen.maanden).toBe(12); // six months each
  });

  it('keeps its figures while re-derived records are compacted away (many live updates)', () => {
    const p = parametersVoor(2014);
    const live = new LiveRapport(emptyState(), p);
    const alle = [];
    for (let i = 0; i < 300_000; i++) {
      const h = new HuishoudenFeiten(`h-${i % 50_000}`);
      const feit =
        i < 50_000
          ? h.start('2013-01-01')
          : h.inkomsten(`2014-${String((i % 12) + 1).padStart(2, '0')}`, 1000, 'loondienst', {
              eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            });
      alle.push(feit);
      live.apply(feit);
    }
    // Without compaction the records written would take about 2.9 million numbers.
    expect(live.state.derivedUsed).toBeLessThan(2_000_000);
    expect(live.state.derivedGarbage).toBeLessThan(live.state.derivedUsed);
    expect(live.rapport()).toEqual(jaarrapport(replay(alle), p));
  });

  it('carries §5 bron: the digest of the facts it saw from an empty state and the tool version', () => {
    const h = new HuishoudenFeiten('h-b');
    h.start('2013-01-01');
    h.loondienst('2014-03-01');
    const p = parametersVoor(2014);
    const live = new LiveRapport(emptyState(), p, { versie: '9.9.9', sha256: true });
    for (const e of h.feiten) live.apply(e);
    const verwacht = jaarrapport(replay(h.feiten), p, { sha256: sha256Van(h.feiten), versie: '9.9.9' });
    expect(live.rapport()).toEqual(verwacht);
    expect(live.rapport().bron).toMatchObject({ feiten: 2, huishoudens: 1, meetregels: '2.0', versie: '9.9.9' });
    expect(live.rapport().bron.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Started on a state with facts it did not see, it cannot vouch for them: no digest.
    expect(new LiveRapport(replay(h.feiten), p, { sha256: true }).rapport().bron.sha256).toBeNull();
  });

  it('starts from an empty state', () => {
    const live = new LiveRapport(emptyState(), parametersVoor(2014));
    expect(live.rapport().bijstandsbestand).toEqual({ opPeildatum: 0, inJaar: 0 });
  });
});
