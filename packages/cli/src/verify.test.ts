import { decodeRecorded, describeDecodeError, type Recorded } from '@zelfredzaam/domain';
import { geldigeGeschiedenis, uuidFrom } from '@zelfredzaam/domain/testing';
import { controleer } from '@zelfredzaam/replay';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoGeschiedenis } from './demo/generator.js';

/** A stored fact from plain fields, decoded as every input is. */
const feit = (fields: Record<string, unknown>, id: string, recordedAt: string): Recorded => {
  const decoded = decodeRecorded({ ...fields, eventId: uuidFrom(id), recordedAt });
  if (decoded._tag === 'Left') throw new Error(describeDecodeError(decoded.left));
  return decoded.right;
};

describe('controleer (verify)', () => {
  it('finds no breach in any valid history', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), (history) => {
        const controle = controleer(history);
        expect(controle.schendingen).toEqual([]);
        expect(controle.feiten).toBe(history.length);
      }),
      { numRuns: 100 },
    );
  });

  it('counts facts per type and year (datum, maand; a retraction by its recordedAt)', () => {
    const controle = controleer(demoGeschiedenis({ seed: 9, huishoudens: 200 }));
    expect(controle.schendingen).toEqual([]);
    let sum = 0;
    for (const perYear of controle.perSoortEnJaar.values()) for (const n of perYear.values()) sum += n;
    expect(sum).toBe(controle.feiten);
    expect([...(controle.perSoortEnJaar.get('InkomstenOntvangen')?.keys() ?? [])]).toEqual([
      2011, 2012, 2013, 2014, 2015, 2016,
    ]);
  });

  it('reports a fact that breaks the lifecycle, and a fact stored twice', () => {
    const start = feit(
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' },
      'a',
      '2014-01-02T09:00:00Z',
    );
    const exit = feit(
      { type: 'InLoondienstGetreden', huishouden: 'h-2', datum: '2014-03-01', uitkering: 'beeindigd' },
      'b',
      '2014-03-02T09:00:00Z',
    );
    const controle = controleer([start, exit, start]);
    expect(controle.schendingen.map((s) => s.code)).toEqual(['GEEN_BIJSTAND', 'DUBBEL']);
    expect(controle.schendingen[0]?.bericht).toBe(
      'huishouden h-2: InLoondienstGetreden op 2014-03-01 geweigerd — er loopt op die datum geen bijstand (MEETREGELS §2)',
    );
    expect(controle.schendingen[1]?.bericht).toBe(
      `huishouden h-1: UitkeringGestart (eventId ${start.eventId}) staat twee keer in de store`,
    );
    expect(controle.huishoudens).toBe(2);
  });

  it('checks the rules of MEETREGELS §7.1 too, per stream, employers apart, and counts the new types', () => {
    const einde = feit(
      { type: 'TrajectBeeindigd', huishouden: 'h-1', datum: '2014-05-01', trajectId: 't-1', resultaat: 'werk' },
      'c',
      '2014-05-02T09:00:00Z',
    );
    const alliantie = feit(
      { type: 'AllianceGesloten', werkgever: 'h-1', datum: '2014-03-01' },
      'd',
      '2014-03-02T09:00:00Z',
    );
    const tweede = feit(
      { type: 'AllianceGesloten', werkgever: 'h-1', datum: '2015-03-01' },
      'e',
      '2015-03-02T09:00:00Z',
    );
    const controle = controleer([einde, alliantie, tweede]);
    expect(controle.schendingen.map((s) => [s.code, s.huishouden])).toEqual([
      ['TRAJECT_NIET_GESTART', 'h-1'],
      ['ALLIANTIE_AL_GESLOTEN', 'h-1'],
    ]);
    expect(controle.schendingen[1]?.bericht).toBe(
      'werkgever h-1: AllianceGesloten op 2015-03-01 geweigerd — met deze werkgever is al een alliantie gesloten (MEETREGELS §7.1)',
    );
    expect(controle).toMatchObject({ feiten: 3, huishoudens: 1, werkgevers: 1 });
    expect(controle.perSoortEnJaar.get('AllianceGesloten')).toEqual(
      new Map([
        [2014, 1],
        [2015, 1],
      ]),
    );
  });
});
