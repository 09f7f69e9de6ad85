// MEETREGELS §7.2 Allianties, golden values computed by hand; employers are not households.
import { describe, expect, it } from 'vitest';
import { allianties } from './allianties.js';
import { bijdragen } from './bijdrage.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten, WerkgeverFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';

describe('MEETREGELS §7.2 Allianties', () => {
  const werkgevers = [
    ['wg-1', '2013-05-01'],
    ['wg-2', '2014-02-01'],
    ['wg-3', '2014-12-31'],
    ['wg-4', '2015-06-01'],
    ['wg-5', '2016-02-01'],
  ].flatMap(([id, datum]) => {
    const w = new WerkgeverFeiten(String(id));
    w.alliantie(String(datum));
    return w.feiten;
  });
  const opnieuw = new WerkgeverFeiten('wg-6');
  const fout = opnieuw.alliantie('2014-03-01');
  opnieuw.intrekking(fout);
  opnieuw.alliantie('2013-11-01', { recordedAt: '2014-04-01T12:00:00.000Z' });
  // A household with the same pseudonym as an employer stays a household of its own.
  const huishouden = new HuishoudenFeiten('wg-1');
  huishouden.start('2014-01-01');
  const events = [...werkgevers, ...opnieuw.feiten, ...huishouden.feiten];

  it('inJaar: closed in Y; totaal: closed on or before E; a retracted alliance does not count', () => {
    expect(allianties(replay(events), parametersVoor(2014, { peildatum: '2015-12-31' }))).toEqual({
      inJaar: 2,
      totaal: 5,
    });
    expect(allianties(replay(events), parametersVoor(2014, { peildatum: '2014-06-30' }))).toEqual({
      inJaar: 2,
      totaal: 3,
    });
  });

  it('employers count in no household figure and are not listed as households', () => {
    const r = jaarrapport(replay(events), parametersVoor(2014));
    expect(r.bijstandsbestand).toEqual({ opPeildatum: 1, inJaar: 1 });
    expect(bijdragen(replay(events), parametersVoor(2014)).map((b) => b.huishouden)).toEqual(['wg-1']);
  });

  it('lenient replay: of two alliances of one employer (an unchecked file) the earlier counts, the other is skipped', () => {
    const w = new WerkgeverFeiten('dubbel');
    w.alliantie('2015-02-01');
    w.alliantie('2014-08-01', { recordedAt: '2015-03-01T12:00:00.000Z' });
    const r = jaarrapport(replay(w.feiten), parametersVoor(2014));
    expect(r.allianties).toEqual({ inJaar: 1, totaal: 1 });
    expect(r.diagnose.genegeerd).toBe(1);
  });
});
