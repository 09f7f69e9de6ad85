// MEETREGELS §2 and §6: every event decodes from its flat form; every wrong field is named.
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type DecodeError, decode, decodeRecorded, describeDecodeError, encode } from './decode.js';
import { feitTypes } from './events.js';
import { willekeurigFeit } from './testing/arbitraries.js';

const problemsOf = (input: unknown): DecodeError => {
  const result = decode(input);
  if (isRight(result)) throw new Error('expected a decode error');
  return result.left;
};

const examples: Record<string, Record<string, unknown>> = {
  UitkeringGestart: { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2012-03-01', regeling: 'Participatiewet' },
  InLoondienstGetreden: {
    type: 'InLoondienstGetreden',
    huishouden: 'h-1',
    datum: '2014-03-01',
    uitkering: 'beeindigd',
  },
  EigenOndernemingGestart: {
    type: 'EigenOndernemingGestart',
    huishouden: 'h-1',
    datum: '2014-03-01',
    uitkering: 'loopt-door',
  },
  OpleidingGestart: { type: 'OpleidingGestart', huishouden: 'h-1', datum: '2014-09-01' },
  UitkeringBeeindigd: { type: 'UitkeringBeeindigd', huishouden: 'h-1', datum: '2014-09-01', reden: 'verhuizing' },
  Teruggevallen: { type: 'Teruggevallen', huishouden: 'h-1', datum: '2015-01-01', op: 'WW' },
  InkomstenOntvangen: {
    type: 'InkomstenOntvangen',
    huishouden: 'h-1',
    maand: '2012-05',
    bron: 'loondienst',
    bedragCent: 47500,
  },
  GebeurtenisIngetrokken: {
    type: 'GebeurtenisIngetrokken',
    huishouden: 'h-1',
    ingetrokken: '7d0c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6',
    reden: 'dubbel geregistreerd',
  },
  ParticipatieTredeVastgesteld: {
    type: 'ParticipatieTredeVastgesteld',
    huishouden: 'h-1',
    datum: '2014-02-01',
    trede: 2,
  },
  TrajectGestart: {
    type: 'TrajectGestart',
    huishouden: 'h-1',
    datum: '2014-02-03',
    trajectId: 'traject-1',
    soort: 'Workfast',
  },
  TrajectBeeindigd: {
    type: 'TrajectBeeindigd',
    huishouden: 'h-1',
    datum: '2014-05-30',
    trajectId: 'traject-1',
    resultaat: 'werk',
  },
  Geplaatst: { type: 'Geplaatst', huishouden: 'h-1', datum: '2014-06-01', soort: 'beschut-nieuw' },
  InBeeldGebracht: { type: 'InBeeldGebracht', huishouden: 'h-1', datum: '2014-01-20' },
  MinimaregelingToegekend: {
    type: 'MinimaregelingToegekend',
    huishouden: 'h-1',
    datum: '2014-03-01',
    regeling: 'Individuele inkomenstoeslag',
  },
  SchuldhulpGestart: { type: 'SchuldhulpGestart', huishouden: 'h-1', datum: '2014-04-01', trajectId: 'schuld-1' },
  SchuldhulpBeeindigd: {
    type: 'SchuldhulpBeeindigd',
    huishouden: 'h-1',
    datum: '2015-04-01',
    trajectId: 'schuld-1',
    resultaat: 'minnelijk-geslaagd',
  },
  AllianceGesloten: { type: 'AllianceGesloten', werkgever: 'wg-0007', datum: '2014-09-15' },
};

const werkgeverIntrekking = {
  type: 'GebeurtenisIngetrokken',
  werkgever: 'wg-0007',
  ingetrokken: '7d0c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6',
  reden: 'verkeerde werkgever',
};

describe('MEETREGELS §2: every event of the catalogue decodes', () => {
  it('has an example for every type', () => {
    expect(Object.keys(examples).sort()).toEqual([...feitTypes].sort());
  });

  for (const [type, example] of Object.entries(examples)) {
    it(`${type} decodes to itself, with and without envelope`, () => {
      const bare = decode(example);
      expect(isRight(bare) && bare.right).toEqual(example);
      const withEnvelope = {
        ...example,
        eventId: '7d0c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f7',
        recordedAt: '2012-03-02T09:00:00Z',
      };
      const recorded = decodeRecorded(withEnvelope);
      expect(isRight(recorded) && recorded.right).toEqual({ ...withEnvelope, recordedAt: '2012-03-02T09:00:00.000Z' });
    });
  }

  it('a retraction in an employer stream names the werkgever instead of a huishouden (§7.1)', () => {
    const decoded = decode(werkgeverIntrekking);
    expect(isRight(decoded) && decoded.right).toEqual(werkgeverIntrekking);
    expect(encode(werkgeverIntrekking as never)).toEqual(werkgeverIntrekking);
    expect(Object.keys(encode(examples.GebeurtenisIngetrokken as never))).toEqual([
      'type',
      'huishouden',
      'ingetrokken',
      'reden',
    ]);
  });

  it('UitkeringGestart without regeling is valid (the field is optional)', () => {
    expect(isRight(decode({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2012-03-01' }))).toBe(true);
  });
});

describe('a wrong event names each wrong field, the expected form and what was received', () => {
  it('an invalid date and a wrong enum value', () => {
    const error = problemsOf({
      type: 'InLoondienstGetreden',
      huishouden: 'h-42',
      datum: '2014-02-30',
      uitkering: 'gestopt',
    });
    expect(error.type).toBe('InLoondienstGetreden');
    expect(error.huishouden).toBe('h-42');
    expect(error.problems).toEqual([
      { path: 'datum', expected: 'een echte kalenderdatum JJJJ-MM-DD tussen 1990 en 2100', received: '"2014-02-30"' },
      { path: 'uitkering', expected: 'een van: beeindigd, loopt-door', received: '"gestopt"' },
    ]);
    expect(describeDecodeError(error)).toBe(
      'huishouden h-42, InLoondienstGetreden ongeldig — veld datum: verwacht een echte kalenderdatum JJJJ-MM-DD tussen 1990 en 2100, ontvangen "2014-02-30"; veld uitkering: verwacht een van: beeindigd, loopt-door, ontvangen "gestopt"',
    );
  });

  it('a missing field, an unknown field and a bad amount', () => {
    const error = problemsOf({
      type: 'InkomstenOntvangen',
      huishouden: 'h-1',
      maand: '2012-05',
      bedragCent: 475.5,
      bedrag: 475,
    });
    expect(error.problems.map((p) => p.path).sort()).toEqual(['bedrag', 'bedragCent', 'bron']);
    expect(error.problems.find((p) => p.path === 'bron')?.received).toBe('niets (het veld ontbreekt)');
    expect(error.problems.find((p) => p.path === 'bedragCent')?.expected).toBe(
      'een geheel aantal eurocenten van 1 tot en met 100000000',
    );
  });

  it('an unknown type lists the known ones', () => {
    const error = problemsOf({ type: 'UitkeringGestopt', huishouden: 'h-1' });
    expect(error.type).toBeUndefined();
    expect(error.problems[0]?.path).toBe('type');
    expect(error.problems[0]?.expected).toContain('UitkeringGestart');
  });

  it('a bad envelope: eventId not a UUID, recordedAt without time zone, a future schema version', () => {
    const error = problemsOf({
      ...examples.OpleidingGestart,
      eventId: 'abc',
      recordedAt: '2014-09-01T09:00:00',
      schemaVersion: 2,
    });
    expect(error.problems.map((p) => p.path).sort()).toEqual(['eventId', 'recordedAt', 'schemaVersion']);
  });

  it('decodeRecorded requires eventId and recordedAt', () => {
    const result = decodeRecorded(examples.OpleidingGestart);
    expect(isLeft(result) && result.left.problems.map((p) => p.path)).toEqual(['eventId', 'recordedAt']);
  });

  it('a BSN is never echoed, and a wrong household id is described, not printed', () => {
    const error = problemsOf({ type: 'OpleidingGestart', huishouden: '111222333', datum: '2014-09-01' });
    expect(error.huishouden).toBeUndefined();
    expect(error.problems).toEqual([
      {
        path: 'huishouden',
        expected: 'een pseudoniem van 1–64 tekens [A-Za-z0-9._:-] dat begint met een letter of cijfer (geen BSN)',
        received: 'een BSN (niet getoond)',
      },
    ]);
    const named = problemsOf({ type: 'OpleidingGestart', huishouden: 'Jan Jansen', datum: '2014-09-01' });
    expect(describeDecodeError(named)).not.toContain('Jansen');
    const inText = problemsOf({ ...examples.OpleidingGestart, datum: 'BSN 111222333' });
    expect(describeDecodeError(inText)).not.toContain('111222333');
  });

  it('input that is not an object', () => {
    for (const input of [null, undefined, 42, 'tekst', [], true]) {
      expect(problemsOf(input).problems[0]?.path).toBe('');
    }
  });
});

describe('properties of decode', () => {
  it('decode of an encoded event gives it back', () => {
    fc.assert(
      fc.property(willekeurigFeit(), (feit) => {
        const result = decodeRecorded(JSON.parse(JSON.stringify(encode(feit))));
        expect(isRight(result) && result.right).toEqual(feit);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JSON, and refuses what is not an event', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = decode(value);
        expect(isLeft(result)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on objects with a known type and arbitrary field values', () => {
    const fieldValue = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.double(), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.constantFrom(...feitTypes),
        fc.dictionary(
          fc.constantFrom(
            'huishouden',
            'datum',
            'maand',
            'bron',
            'bedragCent',
            'uitkering',
            'reden',
            'op',
            'regeling',
            'ingetrokken',
            'eventId',
            'recordedAt',
            'schemaVersion',
            '__proto__',
            'constructor',
          ),
          fieldValue,
        ),
        (type, fields) => {
          const result = decode({ ...fields, type });
          if (isLeft(result)) expect(describeDecodeError(result.left)).toMatch(/ongeldig — /);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on hostile objects (throwing getters, proxies)', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(isLeft(decode(hostile))).toBe(true);
    const getter = Object.defineProperty({ type: 'OpleidingGestart' }, 'huishouden', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(isLeft(decode(getter))).toBe(true);
  });
});

describe('MEETREGELS §7.1: the value types of the new facts', () => {
  it('trede is an integer 1–6', () => {
    for (const trede of [0, 7, 2.5, '3', -1]) {
      const error = problemsOf({ ...examples.ParticipatieTredeVastgesteld, trede });
      expect(error.problems).toEqual([
        {
          path: 'trede',
          expected: 'een trede van de participatieladder: een geheel getal van 1 tot en met 6',
          received: expect.any(String),
        },
      ]);
    }
    for (const trede of [1, 6]) expect(isRight(decode({ ...examples.ParticipatieTredeVastgesteld, trede }))).toBe(true);
  });

  it('soort is 1–40 characters, regeling 1–60, neither with control characters; both described, never echoed', () => {
    expect(isRight(decode({ ...examples.TrajectGestart, soort: 'x'.repeat(40) }))).toBe(true);
    const long = problemsOf({ ...examples.TrajectGestart, soort: 'Geheime aanpak '.repeat(3) });
    expect(long.problems).toEqual([
      {
        path: 'soort',
        expected: 'een tekst van 1–40 tekens zonder stuurtekens',
        received: 'een tekst van 45 tekens (niet getoond)',
      },
    ]);
    expect(problemsOf({ ...examples.TrajectGestart, soort: '' }).problems[0]?.path).toBe('soort');
    expect(problemsOf({ ...examples.TrajectGestart, soort: 'VAK\n' }).problems[0]?.path).toBe('soort');
    expect(isRight(decode({ ...examples.MinimaregelingToegekend, regeling: 'r'.repeat(60) }))).toBe(true);
    expect(problemsOf({ ...examples.MinimaregelingToegekend, regeling: 'r'.repeat(61) }).problems[0]).toMatchObject({
      path: 'regeling',
      expected: 'een tekst van 1–60 tekens zonder stuurtekens',
    });
  });

  it('a trajectId and a werkgever have the form of a HuishoudenId and are never a BSN', () => {
    expect(problemsOf({ ...examples.TrajectBeeindigd, trajectId: 'traject 1' }).problems[0]?.path).toBe('trajectId');
    expect(problemsOf({ ...examples.TrajectBeeindigd, trajectId: '111222333' }).problems[0]?.received).toBe(
      'een BSN (niet getoond)',
    );
    const werkgever = problemsOf({ ...examples.AllianceGesloten, werkgever: 'Bakkerij Jansen' });
    expect(werkgever.problems[0]?.path).toBe('werkgever');
    expect(describeDecodeError(werkgever)).not.toContain('Jansen');
  });

  it('the result and placement kinds are the enums of §7.1', () => {
    expect(problemsOf({ ...examples.TrajectBeeindigd, resultaat: 'geslaagd' }).problems[0]?.expected).toBe(
      'een van: werk, opleiding, ingetrokken, voltooid, uitgevallen',
    );
    expect(problemsOf({ ...examples.SchuldhulpBeeindigd, resultaat: 'werk' }).problems[0]?.expected).toBe(
      'een van: minnelijk-geslaagd, minnelijk-mislukt, wsnp, uitgevallen, overig',
    );
    expect(problemsOf({ ...examples.Geplaatst, soort: 'Workfast' }).problems[0]?.expected).toBe(
      'een van: sroi, afspraakbaan, beschut-nieuw, banenplan',
    );
  });

  it('an alliance has a werkgever and no huishouden; an employer error names the werkgever', () => {
    const error = problemsOf({ ...examples.AllianceGesloten, huishouden: 'h-1', datum: '2014-02-30' });
    expect(error.werkgever).toBe('wg-0007');
    expect(error.problems.map((p) => p.path).sort()).toEqual(['datum', 'huishouden']);
    expect(describeDecodeError(error)).toMatch(/^werkgever wg-0007, AllianceGesloten ongeldig — /);
  });

  it('a retraction names one huishouden or one werkgever, not both and not neither', () => {
    const both = problemsOf({ ...examples.GebeurtenisIngetrokken, werkgever: 'wg-1' });
    expect(both.problems).toEqual([
      {
        path: 'werkgever',
        expected: 'geen werkgever naast huishouden: een feit hoort bij één huishouden of één werkgever',
        received: 'een waarde',
      },
    ]);
    const { huishouden: _, ...neither } = examples.GebeurtenisIngetrokken as Record<string, unknown>;
    expect(problemsOf(neither).problems.map((p) => p.path)).toEqual(['huishouden']);
    const badEmployer = problemsOf({ ...werkgeverIntrekking, werkgever: '111222333' });
    expect(badEmployer.problems).toEqual([
      { path: 'werkgever', expected: expect.stringContaining('pseudoniem'), received: 'een BSN (niet getoond)' },
    ]);
  });
});

describe('issue 7: no BSN in any string field', () => {
  it('a free-text field that contains a BSN is refused, naming the field but not the number', () => {
    const error = problemsOf({ ...examples.GebeurtenisIngetrokken, reden: 'klant 111222333 dubbel' });
    expect(error.problems).toEqual([
      { path: 'reden', expected: 'een waarde zonder BSN (burgerservicenummer)', received: 'een BSN (niet getoond)' },
    ]);
    expect(describeDecodeError(error)).not.toContain('111222333');
  });

  it('a BSN inside the free text of a trajectory kind or a minima scheme is refused (§7.1)', () => {
    expect(problemsOf({ ...examples.TrajectGestart, soort: 'VAK 111222333' }).problems).toEqual([
      { path: 'soort', expected: 'een waarde zonder BSN (burgerservicenummer)', received: 'een BSN (niet getoond)' },
    ]);
    expect(problemsOf({ ...examples.MinimaregelingToegekend, regeling: 'IIT voor 111222333' }).problems[0]).toEqual({
      path: 'regeling',
      expected: 'een waarde zonder BSN (burgerservicenummer)',
      received: 'een BSN (niet getoond)',
    });
  });

  it('a free text with 9 digits that fail the elfproef is fine', () => {
    expect(isRight(decode({ ...examples.GebeurtenisIngetrokken, reden: 'dossier 123456789' }))).toBe(true);
  });
});
