// MEETREGELS §8, the laws: every cell's entry count equals the report's value; under a
// kennisdatum, len(erbij) − len(eraf) equals the restated difference, for every cell.
import { dayOf, isoDateOf, type Recorded } from '@zelfredzaam/domain';
import { geldigeGeschiedenis, willekeurigFeit } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../engine/state.js';
import { jaarrapport } from '../jaarrapport.js';
import type { Parameters } from '../types.js';
import { cellenVan, verklaring, verklaringHerziening, waardeVan } from './verklaring.js';

const datum = (van: string, tot: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayOf(van), max: dayOf(tot) }).map(isoDateOf);

const parameters = fc
  .record({
    jaar: fc.integer({ min: 2010, max: 2017 }),
    peildatum: fc.option(datum('2010-01-01', '2019-12-31')),
    meetdatum: fc.option(datum('2010-01-01', '2019-12-31')),
    evaluatiedatum: fc.option(datum('2010-01-01', '2019-12-31')),
    hervattingsgrens: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
  })
  .map(({ jaar, peildatum, meetdatum, evaluatiedatum, hervattingsgrens }): Parameters => {
    const E = peildatum ?? `${jaar}-12-31`;
    const V = evaluatiedatum ?? `${jaar + 1}-06-30`;
    return { jaar, peildatum: E, evaluatiedatum: V, meetdatum: meetdatum ?? V, kennisdatum: null, hervattingsgrens };
  });

/** Random single facts of a few households: histories the lenient replay must skip parts of. */
const rommelig = fc
  .array(fc.tuple(willekeurigFeit(), fc.constantFrom('h-1', 'h-2', 'h-3'), fc.nat({ max: 3 })), { maxLength: 40 })
  .map((xs) =>
    xs.map(([feit, h, dup], i): Recorded => {
      const f = ('huishouden' in feit ? { ...feit, huishouden: h } : feit) as Recorded;
      return dup === 0 && i > 0 ? { ...f, eventId: xs[i - 1]?.[0].eventId ?? f.eventId } : f;
    }),
  );

const histories = fc.oneof(geldigeGeschiedenis(), rommelig);

describe('verklaring (MEETREGELS §8)', () => {
  it('every cell has as many entries as its value in the report', () => {
    fc.assert(
      fc.property(histories, parameters, (events, p) => {
        const state = replay(events, { eventIds: true });
        const v = verklaring(state, p);
        expect(v.rapport).toEqual(jaarrapport(state, p));
        for (const cel of v.cellen) {
          const leden = [...v.leden(cel)];
          expect({ cel, n: leden.length }).toEqual({ cel, n: waardeVan(v.rapport, cel) });
          expect(v.aantal(cel)).toBe(leden.length);
          for (const lid of leden) {
            expect(lid.toelichting.length).toBeGreaterThan(0);
            expect(lid.feiten.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('entries are sorted by huishouden, then maand, then first eventId; a counted fact appears once', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        const v = verklaring(replay(events, { eventIds: true }), p);
        for (const cel of v.cellen) {
          const keys = [...v.leden(cel)].map((l) => [
            l.huishouden ?? l.werkgever ?? '',
            l.maand ?? '',
            l.feiten[0] ?? '',
          ]);
          const sorted = [...keys].sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
          expect(keys).toEqual(sorted);
          const ids = [...v.leden(cel)].map((l) => l.feit ?? `${l.huishouden ?? l.werkgever}/${l.maand ?? ''}`);
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('under a kennisdatum, len(erbij) − len(eraf) equals the restated difference of every cell', () => {
    fc.assert(
      fc.property(histories, parameters, fc.nat(), (events, p, pick) => {
        const state = replay(events, { eventIds: true });
        const times = events.map((e) => e.recordedAt).sort();
        const t = times.length === 0 ? '2015-01-01T00:00:00.000Z' : (times[pick % times.length] as string);
        const metT = { ...p, kennisdatum: t };
        const h = verklaringHerziening(state, metT);
        const toen = jaarrapport(state, metT);
        const nu = jaarrapport(state, p);
        expect(h.gepubliceerd).toEqual(toen);
        for (const cel of new Set([...cellenVan(nu), ...cellenVan(toen)])) {
          const erbij = [...h.erbij(cel)];
          const eraf = [...h.eraf(cel)];
          expect({ cel, d: erbij.length - eraf.length }).toEqual({ cel, d: waardeVan(nu, cel) - waardeVan(toen, cel) });
          expect(h.aantalErbij(cel)).toBe(erbij.length);
          expect(h.aantalEraf(cel)).toBe(eraf.length);
          const laat = new Set<string>(events.filter((e) => e.recordedAt > t).map((e) => e.eventId));
          for (const lid of [...erbij, ...eraf]) {
            expect(lid.feiten.length).toBeGreaterThan(0);
            for (const id of lid.feiten) expect(laat.has(id)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
