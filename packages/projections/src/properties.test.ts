// The laws of STYLE §4 and issue 3 (point 7), each over at least 200 generated valid histories.
import { dayOf, isoDateOf, parseInstant, type Recorded, streamNameOf } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { apply, emptyState, replay } from './engine/state.js';
import { jaarrapport } from './jaarrapport.js';
import { resolveParameters } from './parameters.js';
import type { Bijdrage, Jaarrapport, Parameters } from './types.js';

const RUNS = { numRuns: 200 };

const datum = (van: string, tot: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayOf(van), max: dayOf(tot) }).map(isoDateOf);

const parameters = fc
  .record({
    jaar: fc.integer({ min: 2009, max: 2018 }),
    peildatum: fc.option(datum('2009-01-01', '2019-12-31')),
    evaluatiedatum: fc.option(datum('2009-01-01', '2019-12-31')),
    meetdatum: fc.option(datum('2009-01-01', '2019-12-31')),
    hervattingsgrens: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
  })
  .map(({ jaar, peildatum, evaluatiedatum, meetdatum, hervattingsgrens }): Parameters => {
    const E = peildatum ?? `${jaar}-12-31`;
    const V = evaluatiedatum ?? `${jaar + 1}-06-30`;
    return { jaar, peildatum: E, evaluatiedatum: V, meetdatum: meetdatum ?? V, kennisdatum: null, hervattingsgrens };
  });

const metKennisdatum = (p: Parameters, kennisdatum: string | null): Parameters => ({ ...p, kennisdatum });

const zonderKennisdatum = (r: Jaarrapport) => ({ ...r, kennisdatum: null });

const opHuishouden = (b: readonly Bijdrage[]): Bijdrage[] =>
  [...b].sort((x, y) => (x.huishouden < y.huishouden ? -1 : x.huishouden > y.huishouden ? 1 : 0));

/** The same per-household streams, interleaved by another schedule. */
const herschik = (events: readonly Recorded[], schedule: readonly number[]): Recorded[] => {
  const streams = new Map<string, Recorded[]>();
  for (const e of events) streams.set(streamNameOf(e), [...(streams.get(streamNameOf(e)) ?? []), e]);
  const open = [...streams.values()];
  const out: Recorded[] = [];
  for (let turn = 0; open.length > 0; turn++) {
    const k = (schedule[turn % Math.max(1, schedule.length)] ?? 0) % open.length;
    const stream = open[k] as Recorded[];
    out.push(stream.shift() as Recorded);
    if (stream.length === 0) open.splice(k, 1);
  }
  return out;
};

describe('laws of the projections (MEETREGELS §4–§5, STYLE §4)', () => {
  it('2.0: with the default dates and today after (Y+1)-06-30, no exit of Y is nogOnbekend', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.integer({ min: 2009, max: 2018 }), (events, jaar) => {
        const vandaag = `${jaar + 1}-07-01`;
        const p = resolveParameters({ jaar }, vandaag);
        if (p._tag === 'Left') throw new Error(p.left.bericht);
        const r = jaarrapport(replay(events), p.right);
        expect(r.duurzaamheid.nogOnbekend).toBe(0);
        expect(r.duurzaamheid.uitstroom).toBe(r.volledigeUitstroom.totaal);
      }),
      { numRuns: 150 },
    );
  });

  it('totals are sums: of each figure’s parts, and of the households’ contributions', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        const state = replay(events);
        const r = jaarrapport(state, p);
        const v = r.volledigeUitstroom;
        expect(v.totaal).toBe(v.loondienst + v.onderneming + v.opleiding);
        const g = r.gedeeltelijkeUitstroom;
        expect(g.totaal).toBe(g.loondienst + g.onderneming);
        expect(g.totaal).toBeLessThanOrEqual(g.bijstandshuishoudens);
        const b = bijdragen(state, p);
        const count = (f: (x: Bijdrage) => boolean) => b.filter(f).length;
        expect(v.totaal).toBe(count((x) => x.volledigeUitstroom !== null));
        expect(r.gemiddeldInkomen.maanden).toBe(b.reduce((s, x) => s + x.maanden, 0));
        expect(r.gemiddeldInkomen.totaalCent).toBe(b.reduce((s, x) => s + x.totaalCent, 0));
        expect(r.diagnose.genegeerd).toBe(b.reduce((s, x) => s + x.genegeerd, 0));
        expect(r.bijstandsbestand.inJaar).toBe(count((x) => x.inJaar));
      }),
      RUNS,
    );
  });

  it('the cohort’s four statuses add up to omvang; duurzaam + teruggevallen + nogOnbekend = uitstroom', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        const r = jaarrapport(replay(events), p);
        const c = r.cohort;
        expect(c.aanHetWerk + c.ww + c.wwb + c.overig).toBe(c.omvang);
        const d = r.duurzaamheid;
        expect(d.duurzaam + d.teruggevallen + d.nogOnbekend).toBe(d.uitstroom);
        expect(d.uitstroom).toBe(r.volledigeUitstroom.totaal);
      }),
      RUNS,
    );
  });

  it('§7.2: per-resultaat counts add up to beeindigd; gestegen + gelijk + gedaald = gemeten = the overgangen', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        const r = jaarrapport(replay(events), p);
        const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
        for (const t of Object.values(r.trajecten)) {
          expect(sum(Object.values(t.resultaten))).toBe(t.beeindigd);
          expect(t.gestart + t.beeindigd).toBeGreaterThan(0);
          expect(t.uitstroomBinnenZesMaanden).toBeLessThanOrEqual(t.gestart);
          expect(t.trede.gemeten).toBeLessThanOrEqual(t.beeindigd);
          expect(t.trede.groteVooruitgang).toBeLessThanOrEqual(t.trede.gestegen);
          expect(t.trede.gestegen).toBeLessThanOrEqual(t.trede.gemeten);
        }
        const q = r.participatie;
        expect(q.gestegen + q.gelijk + q.gedaald).toBe(q.gemeten);
        expect(sum(q.overgangen.map((o) => o.aantal))).toBe(q.gemeten);
        expect(q.groteVooruitgang).toBeLessThanOrEqual(q.gestegen);
        const sorted = [...q.overgangen].sort((a, b) => a.van - b.van || a.naar - b.naar);
        expect(q.overgangen).toEqual(sorted);
        expect(r.inBeeld.inBeeld).toBeLessThanOrEqual(r.inBeeld.bijstand);
        expect(r.langdurig.langdurig).toBeLessThanOrEqual(r.langdurig.bijstand);
        expect(r.inBeeld.bijstand).toBe(r.bijstandsbestand.opPeildatum);
        for (const s of Object.values(r.plaatsingen)) expect(s.inJaar).toBeGreaterThanOrEqual(0);
        expect(r.allianties.inJaar).toBeLessThanOrEqual(
          new Set(events.filter((e) => e.type === 'AllianceGesloten').map((e) => streamNameOf(e))).size,
        );
        const b = bijdragen(replay(events), p);
        expect(r.minima.huishoudens).toBe(b.filter((x) => x.minima).length);
        expect(r.schuldhulp.huishoudens).toBe(b.filter((x) => x.schuldhulp.lopend).length);
      }),
      RUNS,
    );
  });

  it('§7.2 Langdurig: a larger hervattingsgrens never counts fewer households', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, fc.integer({ min: 1, max: 400 }), (events, p, meer) => {
        const state = replay(events);
        const grens = p.hervattingsgrens ?? 0;
        const minder = jaarrapport(state, p).langdurig.langdurig;
        expect(jaarrapport(state, { ...p, hervattingsgrens: grens + meer }).langdurig.langdurig).toBeGreaterThanOrEqual(
          minder,
        );
      }),
      RUNS,
    );
  });

  it('incremental = replay: facts applied one by one, with queries in between, give the replay’s figures', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, fc.nat(), (events, p, split) => {
        const state = emptyState();
        const k = events.length === 0 ? 0 : split % events.length;
        for (const e of events.slice(0, k)) apply(state, e);
        jaarrapport(state, p); // derives and caches the households so far
        for (const e of events.slice(k)) expect(apply(state, e)).toBe(state);
        expect(jaarrapport(state, p)).toEqual(jaarrapport(replay(events), p));
        expect(jaarrapport(events.reduce(apply, emptyState()), p)).toEqual(jaarrapport(state, p));
      }),
      RUNS,
    );
  });

  it('the order in which unrelated households’ facts interleave does not matter', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.array(fc.nat(), { minLength: 1 }), parameters, (events, schedule, p) => {
        const herschikt = herschik(events, schedule);
        expect(herschikt).toHaveLength(events.length);
        expect(jaarrapport(replay(herschikt), p)).toEqual(jaarrapport(replay(events), p));
      }),
      RUNS,
    );
  });

  it('a kennisdatum at or after the last recordedAt equals no kennisdatum', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, fc.nat({ max: 10_000_000 }), (events, p, na) => {
        const last = Math.max(...events.map((e) => parseInstant(e.recordedAt) ?? 0));
        const T = new Date(last + na).toISOString();
        const state = replay(events);
        expect(zonderKennisdatum(jaarrapport(state, metKennisdatum(p, T)))).toEqual(jaarrapport(state, p));
      }),
      RUNS,
    );
  });

  it('a kennisdatum T gives the figures of the facts recorded up to T', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, fc.nat(), (events, p, pick) => {
        const T = events[pick % events.length]?.recordedAt ?? '2015-01-01T00:00:00.000Z';
        const bekend = events.filter((e) => e.recordedAt <= T);
        expect(zonderKennisdatum(jaarrapport(replay(events), metKennisdatum(p, T)))).toEqual(
          jaarrapport(replay(bekend), p),
        );
      }),
      RUNS,
    );
  });

  it('a later peildatum never turns a duurzaam household into anything else', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, fc.integer({ min: 1, max: 800 }), (events, p, later) => {
        const state = replay(events);
        const eerst = bijdragen(state, p);
        const daarna = new Map(
          bijdragen(state, { ...p, peildatum: isoDateOf(dayOf(p.peildatum) + later) }).map((b) => [b.huishouden, b]),
        );
        for (const b of eerst) {
          if (b.duurzaamheid === 'duurzaam') expect(daarna.get(b.huishouden)?.duurzaamheid).toBe('duurzaam');
        }
      }),
      RUNS,
    );
  });

  it('every household counted in a figure exists in the history', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        const inHistorie = new Set<string>(events.flatMap((e) => ('huishouden' in e ? [e.huishouden] : [])));
        for (const b of bijdragen(replay(events), p)) expect(inHistorie.has(b.huishouden)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a history the decider accepted replays without a skip (MEETREGELS §2)', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        expect(jaarrapport(replay(events), p).diagnose.genegeerd).toBe(0);
        const T = events[Math.floor(events.length / 2)]?.recordedAt ?? null;
        expect(jaarrapport(replay(events), metKennisdatum(p, T)).diagnose.genegeerd).toBe(0);
      }),
      RUNS,
    );
  });

  it('bijdragen lists each household once', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), parameters, (events, p) => {
        const b = opHuishouden(bijdragen(replay(events), p));
        expect(new Set(b.map((x) => x.huishouden)).size).toBe(b.length);
      }),
      RUNS,
    );
  });
});
