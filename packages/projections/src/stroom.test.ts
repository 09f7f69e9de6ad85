// MEETREGELS §4.8 Stroom: golden scenarios, values computed by hand, and the identity as a law.
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';
import { stroom } from './stroom.js';
import type { Stroom } from './types.js';

const NUL = {
  loondienst: 0,
  onderneming: 0,
  opleiding: 0,
  verhuizing: 0,
  overlijden: 0,
  'andere-uitkering': 0,
  detentie: 0,
  'partner-inkomen': 0,
  overig: 0,
};

const klopt = (s: Stroom): boolean => s.eindstand === s.beginstand + s.instroom.totaal - s.uitstroom.totaal;

describe('MEETREGELS §4.8 stroom', () => {
  it('beginstand on (Y−1)-12-31, starts and returns in Y, exits per reason, eindstand on Y-12-31', () => {
    const a = new HuishoudenFeiten('h-a'); // in the stock all year
    a.start('2012-05-01');
    const b = new HuishoudenFeiten('h-b'); // leaves for work, falls back, leaves by moving away
    b.start('2013-01-01');
    b.loondienst('2014-02-01');
    b.terugval('2014-05-01', 'WWB');
    b.beeindigd('2014-09-01', 'verhuizing');
    const c = new HuishoudenFeiten('h-c'); // new in Y, still on bijstand at the end
    c.start('2014-03-01');
    const d = new HuishoudenFeiten('h-d'); // left before Y: not in the flow
    d.start('2012-01-01');
    d.opleiding('2013-12-31');
    const s = stroom(replay([...a.feiten, ...b.feiten, ...c.feiten, ...d.feiten]), parametersVoor(2014));
    expect(s).toEqual({
      beginstand: 2,
      instroom: { nieuw: 1, teruggevallen: 1, totaal: 2 },
      uitstroom: { ...NUL, loondienst: 1, verhuizing: 1, totaal: 2 },
      eindstand: 2,
    });
    expect(klopt(s)).toBe(true);
  });

  it('a start and an exit on one day count on both sides (and give no day of bijstand)', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-06-01');
    h.beeindigd('2014-06-01', 'andere-uitkering');
    const s = stroom(replay(h.feiten), parametersVoor(2014));
    expect(s).toEqual({
      beginstand: 0,
      instroom: { nieuw: 1, teruggevallen: 0, totaal: 1 },
      uitstroom: { ...NUL, 'andere-uitkering': 1, totaal: 1 },
      eindstand: 0,
    });
  });

  it('E and V do not apply: every fact dated in Y counts, whatever the peildatum', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.onderneming('2014-11-01');
    const vroeg = parametersVoor(2014, { peildatum: '2014-03-01', evaluatiedatum: '2014-03-01' });
    expect(stroom(replay(h.feiten), vroeg)).toEqual(stroom(replay(h.feiten), parametersVoor(2014)));
    expect(stroom(replay(h.feiten), vroeg).uitstroom.onderneming).toBe(1);
  });

  it('eindstand = beginstand + instroom − uitstroom on every generated history (law)', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.integer({ min: 2009, max: 2018 }), (events, jaar) => {
        const r = jaarrapport(replay(events), parametersVoor(jaar));
        expect(klopt(r.stroom)).toBe(true);
        expect(r.stroom.eindstand).toBe(
          jaarrapport(replay(events), parametersVoor(jaar, { peildatum: '+0' })).bijstandsbestand.opPeildatum,
        );
        if (jaar > 1990) {
          const vorig = jaarrapport(replay(events), parametersVoor(jaar - 1));
          expect(r.stroom.beginstand).toBe(vorig.stroom.eindstand);
        }
      }),
      { numRuns: 200 },
    );
  });
});
