// MEETREGELS §5 `nietGemeten` and `bron`.
import { formatInstant, parseInstant, type Recorded } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BronHash, bronUitState, canonicalLine, sha256Van } from './bron.js';
import { settle } from './engine/cache.js';
import { apply, replay } from './engine/state.js';
import { HuishoudenFeiten, WerkgeverFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';

const ALLES = [
  'gedeeltelijkeUitstroom',
  'gemiddeldInkomen',
  'participatie',
  'trajecten',
  'plaatsingen',
  'inBeeld',
  'minima',
  'schuldhulp',
  'allianties',
];

describe('MEETREGELS §5 nietGemeten', () => {
  it('lists, in order, every figure whose kind of fact does not occur; each kind removes its own', () => {
    const basis = () => {
      const h = new HuishoudenFeiten('h-1');
      h.start('2010-01-01');
      return h;
    };
    const p = parametersVoor(2014);
    expect(jaarrapport(replay(basis().feiten), p).nietGemeten).toEqual(ALLES);
    const gevallen: [string[], (h: HuishoudenFeiten, w: WerkgeverFeiten) => void][] = [
      [['gedeeltelijkeUitstroom', 'gemiddeldInkomen'], (h) => h.inkomsten('2010-02', 100)],
      [['participatie'], (h) => h.trede('2010-02-01', 2)],
      [['trajecten'], (h) => h.traject('2010-02-01', 't-1', 'VAK')],
      [['plaatsingen'], (h) => h.geplaatst('2010-02-01', 'sroi')],
      [['inBeeld'], (h) => h.inBeeld('2010-02-01')],
      [['minima'], (h) => h.minima('2010-02-01')],
      [['schuldhulp'], (h) => h.schuldhulp('2010-02-01', 's-1')],
      [['allianties'], (_h, w) => w.alliantie('2010-02-01')],
    ];
    for (const [figuren, voeg] of gevallen) {
      const h = basis();
      const w = new WerkgeverFeiten('wg-1');
      voeg(h, w);
      // Whatever its datum: a fact of 2010 makes the 2014 figure measured (as 0).
      expect(jaarrapport(replay([...h.feiten, ...w.feiten]), p).nietGemeten).toEqual(
        ALLES.filter((f) => !figuren.includes(f)),
      );
    }
  });

  it('a retracted fact does not count; one recorded after the kennisdatum is not known', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2010-01-01');
    const plaatsing = h.geplaatst('2014-02-01', 'banenplan');
    h.inBeeld('2014-03-01', { recordedAt: '2016-01-01T10:00:00.000Z' });
    expect(jaarrapport(replay(h.feiten), parametersVoor(2014)).nietGemeten).not.toContain('plaatsingen');
    expect(jaarrapport(replay(h.feiten), parametersVoor(2014, { kennisdatum: '2015-12-31' })).nietGemeten).toContain(
      'inBeeld',
    );
    h.intrekking(plaatsing);
    expect(jaarrapport(replay(h.feiten), parametersVoor(2014)).nietGemeten).toContain('plaatsingen');
  });
});

describe('MEETREGELS §5 bron', () => {
  it('counts the facts and huishoudens known at T and the latest recordedAt; employers are no huishoudens', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.loondienst('2014-03-01', 'beeindigd', { recordedAt: '2015-02-01T08:00:00Z' });
    const w = new WerkgeverFeiten('wg-1');
    w.alliantie('2014-05-01');
    const state = replay([...h.feiten, ...w.feiten]);
    expect(jaarrapport(state, parametersVoor(2014)).bron).toEqual({
      feiten: 3,
      huishoudens: 1,
      laatsteRecordedAt: '2015-02-01T08:00:00.000Z',
      sha256: null,
      meetregels: '2.0',
      versie: null,
    });
    expect(jaarrapport(state, parametersVoor(2014, { kennisdatum: '2014-12-31' })).bron).toMatchObject({
      feiten: 2,
      huishoudens: 1,
      laatsteRecordedAt: '2014-05-01T12:00:00.000Z',
    });
  });

  it('sha256 is the SHA-256 of the canonical NDJSON lines in recorded order, cut at T', async () => {
    const { createHash } = await import('node:crypto');
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.loondienst('2014-03-01');
    const lines = h.feiten.map(canonicalLine).join('');
    expect(lines.split('\n')[0]).toBe(
      `{"type":"UitkeringGestart","huishouden":"h-1","datum":"2013-01-01","regeling":"Participatiewet","eventId":"${h.feiten[0]?.eventId}","recordedAt":"2013-01-01T12:00:00.000Z"}`,
    );
    expect(sha256Van(h.feiten)).toBe(createHash('sha256').update(lines).digest('hex'));
    expect(sha256Van(h.feiten, '2013-12-31')).toBe(
      createHash('sha256')
        .update(canonicalLine(h.feiten[0] as (typeof h.feiten)[number]))
        .digest('hex'),
    );
    // The order matters (recorded order), and one BronHash serves several kennisdatums.
    expect(sha256Van([...h.feiten].reverse())).not.toBe(sha256Van(h.feiten));
    const hash = new BronHash([null, '2013-12-31']);
    for (const f of h.feiten) hash.voegToe(f);
    expect([hash.sha256(null), hash.sha256('2013-12-31')]).toEqual([
      sha256Van(h.feiten),
      sha256Van(h.feiten, '2013-12-31'),
    ]);
  });
});

describe('MEETREGELS §5 bron.sha256: BronHash with digests made elsewhere (verwachtElders)', () => {
  it('gives them once asked, waits for them only then, and takes no fact beside them', () => {
    const hash = new BronHash([null, '2013-12-31']);
    expect(hash.afkappunten.map((a) => a.kennisdatum)).toEqual([null, '2013-12-31']);
    expect(hash.afkappunten[0]?.cutoff).toBe(Number.POSITIVE_INFINITY);
    let asked = 0;
    hash.verwachtElders(() => {
      asked++;
      return new Map([
        [null, 'a'.repeat(64)],
        ['2013-12-31', 'b'.repeat(64)],
      ]);
    });
    expect(asked).toBe(0);
    expect(hash.sha256('2013-12-31')).toBe('b'.repeat(64));
    expect(hash.sha256(null)).toBe('a'.repeat(64));
    expect(hash.sha256('2020-01-01')).toBeUndefined();
    expect(asked).toBe(1);
    expect(() => hash.voegToeRegel('{}\n', 0)).toThrow(/elders gehasht/);
    expect(() => hash.verwachtElders(() => new Map())).toThrow(/al/);
    const gevuld = new BronHash([null]);
    gevuld.voegToeRegel('{}\n', 0);
    expect(() => gevuld.verwachtElders(() => new Map())).toThrow(/al feiten/);
  });

  it('fails again when the digests could not be had, never answering with a digest of nothing', () => {
    const hash = new BronHash([null]);
    let tries = 0;
    hash.verwachtElders(() => {
      tries++;
      throw new Error('de thread antwoordt niet');
    });
    expect(() => hash.sha256(null)).toThrow('de thread antwoordt niet');
    expect(() => hash.sha256(null)).toThrow('de thread antwoordt niet');
    expect(tries).toBe(2);
  });
});

describe('MEETREGELS §5 bron: the counts', () => {
  /** The counts straight from the facts: those with recordedAt ≤ cutoff. */
  const reference = (feiten: readonly Recorded[], cutoff: number) => {
    const known = feiten.filter((f) => (parseInstant(f.recordedAt) as number) <= cutoff);
    const at = known.map((f) => parseInstant(f.recordedAt) as number);
    return {
      feiten: known.length,
      huishoudens: new Set(known.flatMap((f) => ('huishouden' in f ? [f.huishouden] : []))).size,
      laatsteRecordedAt: at.length === 0 ? null : formatInstant(Math.max(...at)),
    };
  };

  it('equal the facts known at any cut-off, on a settled state and on one with households changed since', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (feiten, split, q) => {
        const at = feiten.map((f) => parseInstant(f.recordedAt) as number);
        const lo = Math.min(...at);
        const hi = Math.max(...at);
        // Cut-offs before, inside and after the recorded range, on a fact's moment too.
        const cutoffs = [lo - 1, lo, lo + q * (hi - lo), at[split % at.length] as number, hi, Number.POSITIVE_INFINITY];
        const k = split % (feiten.length + 1);
        const state = replay(feiten.slice(0, k));
        settle(state);
        // The rest applied after the state was settled: those households are dirty now.
        for (const feit of feiten.slice(k)) apply(state, feit);
        for (const cutoff of cutoffs) {
          const { feiten: n, huishoudens, laatsteRecordedAt } = bronUitState(state, cutoff);
          expect({ feiten: n, huishoudens, laatsteRecordedAt }).toEqual(reference(feiten, cutoff));
        }
      }),
      { numRuns: 200 },
    );
  });
});
