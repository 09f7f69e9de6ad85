// The eventIds of the periods import are UUID v5 (MEETREGELS §10): the hand-rolled computation
// in identiteit.ts must give exactly what the uuid package gives, for any source name and content
// (non-ASCII, long names that grow the buffer, the k-th return). And two facts have the same
// content exactly when their canonical contents are the same string.

import type { Feit } from '@zelfredzaam/domain';
import fc from 'fast-check';
import { parse, v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { idVan, inhoudVan, PERIODEN_NAMESPACE, zelfdeInhoud } from './identiteit.js';

const reference = (name: string): string => v5(Buffer.from(name, 'utf8'), parse(PERIODEN_NAMESPACE));

describe('idVan', () => {
  it('is uuid v5 over `bron NUL inhoud` (NUL k from the first return on)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ minLength: 1000, maxLength: 3000 })),
        fc.nat(30),
        (bron, inhoud, k) => {
          const name = k === 0 ? `${bron}\u0000${inhoud}` : `${bron}\u0000${inhoud}\u0000${k}`;
          expect(idVan(bron, inhoud, k)).toBe(reference(name));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps known ids', () => {
    expect(idVan('bench', '["UitkeringGestart","h-1","2012-03-01","Participatiewet"]', 0)).toBe(
      reference('bench\u0000["UitkeringGestart","h-1","2012-03-01","Participatiewet"]'),
    );
    // A long name after a short one, and a short one after the long one: the buffer is reused.
    const long = 'x'.repeat(5000);
    expect(idVan('b', long, 2)).toBe(reference(`b\u0000${long}\u00002`));
    expect(idVan('b', 'é', 0)).toBe(reference('b\u0000é'));
  });
});

// Small value sets, so that equal contents come up often.
const datum = fc.constantFrom('2014-01-01', '2014-02-01');
const huishouden = fc.constantFrom('h-1', 'h-2');
const feit: fc.Arbitrary<Feit> = fc.oneof(
  fc
    .record(
      { huishouden, datum, regeling: fc.constantFrom('Participatiewet', 'IOAW') },
      { requiredKeys: ['huishouden', 'datum'] },
    )
    .map((f) => ({ type: 'UitkeringGestart' as const, ...f })),
  fc
    .record({
      type: fc.constantFrom('InLoondienstGetreden' as const, 'EigenOndernemingGestart' as const),
      huishouden,
      datum,
      uitkering: fc.constantFrom('beeindigd' as const, 'loopt-door' as const),
    })
    .map((f) => f),
  fc.record({ huishouden, datum }).map((f) => ({ type: 'OpleidingGestart' as const, ...f })),
  fc
    .record({ huishouden, datum, reden: fc.constantFrom('verhuizing' as const, 'overig' as const) })
    .map((f) => ({ type: 'UitkeringBeeindigd' as const, ...f })),
  fc
    .record({
      huishouden,
      maand: fc.constantFrom('2014-01', '2014-02'),
      bron: fc.constantFrom('loondienst' as const, 'onderneming' as const),
      bedragCent: fc.constantFrom(100, 200),
    })
    .map((f) => ({ type: 'InkomstenOntvangen' as const, ...f })),
) as fc.Arbitrary<Feit>;

describe('zelfdeInhoud', () => {
  it('is equality of the canonical contents', () => {
    fc.assert(
      fc.property(feit, feit, (a, b) => {
        expect(zelfdeInhoud(a, b)).toBe(inhoudVan(a) === inhoudVan(b));
        expect(zelfdeInhoud(a, a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
