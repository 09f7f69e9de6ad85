// MEETREGELS §7.2 Trajecten, golden values computed by hand (Y = 2014).
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';
import { trajecten } from './trajecten.js';
import type { Traject } from './types.js';

const p2014 = parametersVoor(2014);

const opBijstand = (id: string): HuishoudenFeiten => {
  const h = new HuishoudenFeiten(id);
  h.start('2013-01-01');
  return h;
};

const nul: Traject = {
  gestart: 0,
  uitstroomBinnenZesMaanden: 0,
  beeindigd: 0,
  resultaten: { werk: 0, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
  trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
};

describe('MEETREGELS §7.2 Trajecten: uitstroomBinnenZesMaanden', () => {
  // A start on 2014-03-31: the window is [2014-03-31, 2014-09-30) (2014-09-31 clamps to the 30th).
  const met = (id: string, exit: (h: HuishoudenFeiten) => void): HuishoudenFeiten => {
    const h = opBijstand(id);
    h.traject('2014-03-31', 't-1', 'VAK');
    exit(h);
    return h;
  };
  const households = [
    met('laatste-dag-binnen', (h) => h.loondienst('2014-09-29')),
    met('eerste-dag-buiten', (h) => h.loondienst('2014-09-30')),
    met('op-de-startdag', (h) => h.loondienst('2014-03-31')),
    met('de-dag-ervoor', (h) => h.loondienst('2014-03-30')),
    met('onderneming', (h) => h.onderneming('2014-05-01')),
    met('opleiding', (h) => h.opleiding('2014-05-01')),
    met('deeltijd', (h) => h.loondienst('2014-05-01', 'loopt-door')),
    met('verhuizing', (h) => h.beeindigd('2014-05-01', 'verhuizing')),
    met('geen-uitstroom', () => {}),
  ];

  it('counts an exit to loondienst or onderneming with d in [start, start + 6 months)', () => {
    expect(trajecten(replay(households.flatMap((h) => h.feiten)), p2014)).toEqual({
      VAK: { ...nul, gestart: 9, uitstroomBinnenZesMaanden: 3 },
    });
  });

  it('per household: the last day inside counts, the first day outside does not', () => {
    const perHuishouden = Object.fromEntries(
      bijdragen(replay(households.flatMap((h) => h.feiten)), p2014).map((b) => [
        b.huishouden,
        b.trajecten.VAK?.uitstroomBinnenZesMaanden,
      ]),
    );
    expect(perHuishouden).toEqual({
      'laatste-dag-binnen': 1,
      'eerste-dag-buiten': 0,
      'op-de-startdag': 1,
      'de-dag-ervoor': 0,
      onderneming: 1,
      opleiding: 0,
      deeltijd: 0,
      verhuizing: 0,
      'geen-uitstroom': 0,
    });
  });

  it('an exit after the peildatum still counts (every fact; with the default peildatum it never matters)', () => {
    const h = opBijstand('laat');
    h.traject('2014-12-01', 't-1', 'VAK');
    h.loondienst('2015-05-31');
    const vroeg = parametersVoor(2014, { peildatum: '2015-01-31' });
    expect(trajecten(replay(h.feiten), vroeg).VAK?.uitstroomBinnenZesMaanden).toBe(1);
  });
});

describe('MEETREGELS §7.2 Trajecten: ends, results and the trede', () => {
  const w1 = opBijstand('w1'); // started in 2013, ended in 2014: measured 2 → 4
  w1.trede('2013-10-01', 2);
  w1.traject('2013-11-01', 'w', 'Workfast');
  w1.trede('2014-01-15', 4);
  w1.trajectEinde('2014-02-01', 'w', 'werk');
  const w2 = opBijstand('w2'); // ended without an assessment during it: begin = eind, not measured
  w2.trede('2014-01-01', 3);
  w2.traject('2014-02-01', 'w', 'Workfast');
  w2.trajectEinde('2014-06-01', 'w', 'ingetrokken');
  const w3 = opBijstand('w3'); // started in 2014, ends in 2015
  w3.traject('2014-04-01', 'w', 'Workfast');
  w3.trajectEinde('2015-01-05', 'w', 'voltooid');
  const w4 = opBijstand('w4'); // one day: the assessment of that day is both begin and eind
  w4.trede('2014-01-01', 2);
  w4.trede('2014-05-01', 1);
  w4.traject('2014-05-01', 'w', 'Workfast');
  w4.trajectEinde('2014-05-01', 'w', 'uitgevallen');
  const w5 = opBijstand('w5'); // no assessment on or before the start: not measured
  w5.traject('2014-06-01', 'w', 'Workfast');
  w5.trede('2014-08-01', 3);
  w5.trajectEinde('2014-12-01', 'w', 'opleiding');
  const w6 = opBijstand('w6'); // an assessment on the start day is the begin: 3 → 4
  w6.traject('2014-01-10', 'w', 'Workfast');
  w6.trede('2014-01-10', 3);
  w6.trede('2014-07-01', 4);
  w6.trajectEinde('2014-10-10', 'w', 'werk');
  const m = opBijstand('m'); // only its end in Y: the soort has a key
  m.traject('2013-06-01', 'm', 'Meedoen');
  m.trajectEinde('2014-01-31', 'm', 'voltooid');
  const p = opBijstand('p'); // neither start nor end in Y: no key
  p.traject('2013-01-15', 'p', 'Pauropus');
  p.trajectEinde('2013-12-15', 'p', 'voltooid');
  const twee = opBijstand('twee'); // two Workfast trajectories of one household both count
  twee.traject('2014-02-01', 'a', 'Workfast');
  twee.trajectEinde('2014-03-01', 'a', 'uitgevallen');
  twee.traject('2014-04-01', 'b', 'Workfast');
  const events = [w1, w2, w3, w4, w5, w6, m, p, twee].flatMap((h) => h.feiten);

  it('counts per soort: gestart, beeindigd per resultaat, and the trede of the ended ones', () => {
    expect(trajecten(replay(events), p2014)).toEqual({
      Meedoen: { ...nul, beeindigd: 1, resultaten: { ...nul.resultaten, voltooid: 1 } },
      Workfast: {
        gestart: 7,
        uitstroomBinnenZesMaanden: 0,
        beeindigd: 6,
        resultaten: { werk: 2, opleiding: 1, ingetrokken: 1, voltooid: 0, uitgevallen: 2 },
        trede: { gemeten: 2, gestegen: 2, groteVooruitgang: 1 },
      },
    });
  });

  it('the per-resultaat counts add up to beeindigd', () => {
    for (const t of Object.values(trajecten(replay(events), p2014))) {
      expect(Object.values(t.resultaten).reduce((a, b) => a + b, 0)).toBe(t.beeindigd);
    }
  });

  it('the year before: Workfast w1 started, Pauropus started and ended, Meedoen started', () => {
    expect(Object.keys(jaarrapport(replay(events), parametersVoor(2013)).trajecten)).toEqual([
      'Meedoen',
      'Pauropus',
      'Workfast',
    ]);
  });
});

describe('MEETREGELS §2 for §7: the lenient replay skips a fact that breaks a §7.1 rule, and counts it', () => {
  it('an end without a start, a reused trajectId, a second end, an end before its start, an end of the other kind', () => {
    const h = opBijstand('los');
    h.trajectEinde('2014-02-01', 'nooit', 'werk'); // no start
    h.traject('2014-03-01', 't', 'VAK');
    h.traject('2014-04-01', 't', 'Workfast'); // trajectId in use
    h.schuldhulp('2014-04-02', 't'); // one namespace with trajectories
    h.trajectEinde('2014-05-01', 't', 'voltooid');
    h.trajectEinde('2014-06-01', 't', 'werk'); // a second end
    h.traject('2014-07-01', 'later', 'VAK');
    h.trajectEinde('2014-06-30', 'later', 'werk'); // before its start
    h.schuldhulp('2014-07-01', 's');
    h.trajectEinde('2014-08-01', 's', 'werk'); // of the other kind
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.diagnose.genegeerd).toBe(6);
    expect(r.trajecten).toEqual({
      VAK: { ...nul, gestart: 2, beeindigd: 1, resultaten: { ...nul.resultaten, voltooid: 1 } },
    });
    expect(r.schuldhulp.huishoudens).toBe(1);
  });

  it('of two starts with one trajectId, the earlier in the timeline holds it, also when recorded later', () => {
    const h = opBijstand('volgorde');
    h.traject('2014-05-01', 't', 'Workfast');
    h.traject('2014-03-01', 't', 'VAK', { recordedAt: '2014-06-01T12:00:00.000Z' });
    h.trajectEinde('2014-04-01', 't', 'werk');
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(Object.keys(r.trajecten)).toEqual(['VAK']);
    expect(r.trajecten.VAK?.beeindigd).toBe(1);
    expect(r.diagnose.genegeerd).toBe(1);
  });

  it('retracting the start frees its end to be skipped, not counted', () => {
    const h = opBijstand('intrekking');
    const start = h.traject('2014-02-01', 't', 'VAK');
    h.trajectEinde('2014-05-01', 't', 'werk');
    h.intrekking(start);
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.trajecten).toEqual({});
    expect(r.diagnose.genegeerd).toBe(1);
  });
});
