// The eventIds of the periods import are UUID v5 (MEETREGELS §10): the hand-rolled computation
// in identiteit.ts must give exactly what the uuid package gives, for any source name and content
// (non-ASCII, long names that grow the buffer, the k-th return).
import fc from 'fast-check';
import { parse, v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { idVan, PERIODEN_NAMESPACE } from './identiteit.js';

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
