// MEETREGELS §2, lenient replay, and §3, the knowledge cut-off: one scenario per rule and edge.
import { dayOf, isoDateOf, monthIndexOfDay } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { bijdragen } from '../bijdrage.js';
import { HuishoudenFeiten } from '../fixtures/feiten.js';
import { parametersVoor } from '../fixtures/parameters.js';
import { jaarrapport } from '../jaarrapport.js';
import { monthOfDay } from './derive.js';
import { replay } from './state.js';

const p2014 = parametersVoor(2014);

describe('MEETREGELS §2: projections never refuse a history; every skip is counted in diagnose.genegeerd', () => {
  it('a fact that does not fit the lifecycle table at its place is skipped and counted', () => {
    const h = new HuishoudenFeiten('h-1');
    h.loondienst('2014-02-01'); // no bijstand yet
    h.terugval('2014-02-02', 'WW'); // no outflow to fall back from
    h.start('2014-03-01');
    h.start('2014-03-05'); // bijstand already runs
    h.terugval('2014-03-06', 'WWB'); // bijstand already runs
    h.loondienst('2014-06-01');
    h.terugval('2014-07-01', 'WW');
    h.terugval('2014-07-02', 'WW'); // already on WW
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.diagnose.genegeerd).toBe(5);
    expect(r.volledigeUitstroom.loondienst).toBe(1);
    expect(r.duurzaamheid.duurzaam).toBe(1);
  });

  it('a repeated eventId is skipped and counted (§1: appending it again is a no-op)', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    const exit = h.loondienst('2014-05-01');
    const r = jaarrapport(replay([...h.feiten, exit, exit]), p2014);
    expect(r.volledigeUitstroom.totaal).toBe(1);
    expect(r.diagnose.genegeerd).toBe(2);
  });

  it('a retraction removes the fact it names; the retraction itself is not a skip', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    const exit = h.loondienst('2014-05-01');
    h.intrekking(exit);
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.volledigeUitstroom.totaal).toBe(0);
    expect(r.bijstandsbestand.opPeildatum).toBe(1);
    expect(r.diagnose.genegeerd).toBe(0);
  });

  it('retracting a return makes the exit duurzaam again', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    h.loondienst('2014-05-01');
    const terug = h.terugval('2014-06-01', 'WWB');
    expect(jaarrapport(replay(h.feiten), p2014).duurzaamheid.teruggevallen).toBe(1);
    h.intrekking(terug);
    expect(jaarrapport(replay(h.feiten), p2014).duurzaamheid.duurzaam).toBe(1);
  });

  it('retracting an unknown fact, a retracted fact again, or a retraction is skipped and counted', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    const exit = h.loondienst('2014-05-01');
    h.intrekking('00000000-0000-4000-8000-000000000000');
    const intrekking = h.intrekking(exit);
    h.intrekking(exit);
    h.intrekking(intrekking);
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.diagnose.genegeerd).toBe(3);
    expect(r.volledigeUitstroom.totaal).toBe(0);
  });

  it('a retraction reaches only a fact recorded before it (as the decider): else it retracts an unknown fact', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    const later = new HuishoudenFeiten('h-1');
    const exit = later.loondienst('2014-05-01', 'beeindigd', { eventId: '11111111-1111-4111-8111-111111111111' });
    h.intrekking(exit);
    const r = jaarrapport(replay([...h.feiten, exit]), p2014);
    expect(r.diagnose.genegeerd).toBe(1);
    expect(r.volledigeUitstroom.totaal).toBe(1);
  });

  it('income for a month without a single day of bijstand is skipped and counted', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    h.loondienst('2014-05-01');
    h.inkomsten('2014-04', 10_000); // the last month with bijstand: counts
    h.inkomsten('2014-05', 10_000); // the exit on the 1st: no day of bijstand in May
    h.inkomsten('2013-12', 10_000); // before the start
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.gemiddeldInkomen.maanden).toBe(1);
    expect(r.diagnose.genegeerd).toBe(2);
  });

  it('a fact recorded late takes its place by datum (§1)', () => {
    const h = new HuishoudenFeiten('h-1');
    h.loondienst('2014-05-01', 'beeindigd', { recordedAt: '2014-05-02T08:00:00.000Z' });
    h.start('2014-01-01', { recordedAt: '2014-06-01T08:00:00.000Z' }); // recorded after the exit
    const r = jaarrapport(replay(h.feiten), p2014);
    expect(r.volledigeUitstroom.loondienst).toBe(1);
    expect(r.diagnose.genegeerd).toBe(0);
  });

  it('facts with the same datum keep their recorded order', () => {
    const inOrde = new HuishoudenFeiten('h-1');
    inOrde.start('2014-03-01');
    inOrde.loondienst('2014-03-01');
    expect(jaarrapport(replay(inOrde.feiten), p2014).volledigeUitstroom.loondienst).toBe(1);
    const omgekeerd = new HuishoudenFeiten('h-1');
    omgekeerd.loondienst('2014-03-01'); // recorded first: no bijstand yet at its place
    omgekeerd.start('2014-03-01');
    const r = jaarrapport(replay(omgekeerd.feiten), p2014);
    expect(r.volledigeUitstroom.totaal).toBe(0);
    expect(r.diagnose.genegeerd).toBe(1);
  });

  it('a start and an exit on the same day give a spell without a day of bijstand (§2: [start, end))', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-03-10');
    h.loondienst('2014-03-10');
    h.inkomsten('2014-03', 10_000);
    const [b] = bijdragen(replay(h.feiten), p2014);
    expect(b).toMatchObject({ volledigeUitstroom: 'loondienst', bijstandshuishouden: false, inJaar: false });
    expect(b?.genegeerd).toBe(1);
  });

  it('a fact of a type this version does not know is skipped and counted, never thrown on', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01');
    const onbekend = JSON.parse(JSON.stringify({ ...h.feiten[0], type: 'IetsNieuws', eventId: 'x' }));
    const r = jaarrapport(replay([...h.feiten, onbekend]), p2014);
    expect(r.diagnose.genegeerd).toBe(1);
    expect(r.bijstandsbestand.inJaar).toBe(1);
  });
});

describe('MEETREGELS §3: kennisdatum — only events recorded up to T count, retractions included', () => {
  const laat = (): HuishoudenFeiten => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-06-01', { recordedAt: '2013-06-02T09:00:00.000Z' });
    // An exit in March 2014, registered only in February 2015 (winter time: UTC+1).
    h.loondienst('2014-03-01', 'beeindigd', { recordedAt: '2015-02-10T22:59:59.999Z' });
    return h;
  };

  it('a late registration is unseen before its recording and seen from then on', () => {
    const state = replay(laat().feiten);
    const op = (kennisdatum: string) => jaarrapport(state, parametersVoor(2014, { kennisdatum }));
    expect(op('2015-01-31').volledigeUitstroom.totaal).toBe(0);
    expect(op('2015-01-31').bijstandsbestand.opPeildatum).toBe(1);
    expect(op('2015-02-10').volledigeUitstroom.totaal).toBe(1);
    expect(jaarrapport(state, p2014).volledigeUitstroom.totaal).toBe(1);
  });

  it('a date means the end of that day in Europe/Amsterdam; an instant means itself', () => {
    const state = replay(laat().feiten);
    const totaal = (kennisdatum: string) =>
      jaarrapport(state, parametersVoor(2014, { kennisdatum })).volledigeUitstroom.totaal;
    expect(totaal('2015-02-10')).toBe(1); // 22:59:59.999Z is 23:59:59.999 in Amsterdam
    expect(totaal('2015-02-10T22:59:59.998Z')).toBe(0);
    expect(totaal('2015-02-10T23:59:59.999+01:00')).toBe(1);
    const zomer = new HuishoudenFeiten('h-2');
    zomer.start('2014-01-01', { recordedAt: '2014-07-01T22:00:00.000Z' }); // 00:00 on 2 July, summer time
    const s = replay(zomer.feiten);
    expect(jaarrapport(s, parametersVoor(2014, { kennisdatum: '2014-07-01' })).bijstandsbestand.inJaar).toBe(0);
    expect(jaarrapport(s, parametersVoor(2014, { kennisdatum: '2014-07-02' })).bijstandsbestand.inJaar).toBe(1);
  });

  it('a retraction recorded after the kennisdatum is not applied', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-01-01', { recordedAt: '2014-01-02T09:00:00.000Z' });
    const exit = h.loondienst('2014-05-01', 'beeindigd', { recordedAt: '2014-05-02T09:00:00.000Z' });
    h.intrekking(exit, { recordedAt: '2015-03-01T09:00:00.000Z' });
    const state = replay(h.feiten);
    expect(jaarrapport(state, parametersVoor(2014, { kennisdatum: '2015-01-01' })).volledigeUitstroom.totaal).toBe(1);
    expect(jaarrapport(state, p2014).volledigeUitstroom.totaal).toBe(0);
  });
});

describe('the month of a day, without an intermediate object', () => {
  it('equals the domain calendar for every day 1990–2100', () => {
    for (let day = dayOf('1990-01-01'); day <= dayOf('2100-12-31'); day++) {
      if (monthOfDay(day) !== monthIndexOfDay(day)) expect(isoDateOf(day)).toBe('equal months');
    }
  });
});
