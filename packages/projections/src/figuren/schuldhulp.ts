// MEETREGELS §7.2 Schuldhulp: `huishoudens`, a debt trajectory running on a day of Y (start ≤
// Y-12-31, no end before Y-01-01); `beeindigd.*`, each SchuldhulpBeeindigd dated in Y (facts).

import { aandeel } from '../afronding.js';
import { SOORT_SCHULDHULP } from '../engine/derive.js';
import { SCHULDHULP_RESULTATEN } from '../engine/encoding.js';
import type { Schuldhulp } from '../types.js';
import { dag, type Figuur, figuur, type Tekst } from './figuur.js';

const RESULTATEN = SCHULDHULP_RESULTATEN.length;

const LOOPT: Tekst = ([id = 0, start = 0, end = -1, jaar = 0], n) =>
  `schuldhulptraject ${n.trajectIds[id]} gestart op ${dag(start)}, ` +
  (end < 0 ? `loopt nog` : `beëindigd op ${dag(end)}`) +
  `: loopt op minstens één dag van ${jaar}`;
const BEEINDIGD: Tekst = ([id = 0, start = 0, end = 0, resultaat = 0], n) =>
  `schuldhulptraject ${n.trajectIds[id]} (gestart op ${dag(start)}) beëindigd op ${dag(end)} met resultaat ${SCHULDHULP_RESULTATEN[resultaat]}`;

export const schuldhulp: Figuur<Schuldhulp, 'schuldhulp'> = figuur({
  naam: 'schuldhulp',
  sectie: '7.2',
  titel: 'Schuldhulp',
  feitSoort: SOORT_SCHULDHULP,
  cellen: () => ['schuldhulp.huishoudens', ...SCHULDHULP_RESULTATEN.map((r) => `schuldhulp.beeindigd.${r}`)],
  verklaar(h, p, leden) {
    let lopend = false;
    for (let k = 0; k < h.schuldhulp; k++) {
      const j = h.schuldhulpStart(k);
      const e = h.schuldhulpEinde(k);
      const start = h.wanneer(j);
      const end = e < 0 ? Number.POSITIVE_INFINITY : h.wanneer(e);
      const id = h.bedrag(j);
      if (!lopend && start <= p.y1 && end >= p.y0) {
        lopend = true;
        leden.lid('schuldhulp.huishoudens', e < 0 ? [j] : [j, e], LOOPT, [id, start, e < 0 ? -1 : end, p.jaar]);
      }
      if (e >= 0 && end >= p.y0 && end <= p.y1) {
        const resultaat = h.extra(e);
        leden.lid(
          `schuldhulp.beeindigd.${SCHULDHULP_RESULTATEN[resultaat]}`,
          [e],
          BEEINDIGD,
          [id, start, end, resultaat],
          {
            feit: e,
          },
        );
      }
    }
  },

  // Its part: 1 when a debt trajectory runs on a day of Y, then per resultaat
  // (SCHULDHULP_RESULTATEN order) its debt trajectories ended in Y.
  slots: 1 + RESULTATEN,
  bijdrage(h, p, out, at) {
    // The household counts once in slot 0 however many of its trajectories run in Y.
    let lopend = 0;
    for (let i = 0; i < h.schuldhulptrajecten; i++) {
      const start = h.schuldhulpStart(i);
      const end = h.schuldhulpEinde(i);
      if (start <= p.y1 && end >= p.y0) lopend = 1;
      if (end >= p.y0 && end <= p.y1) {
        const slot = at + 1 + h.schuldhulpResultaat(i);
        out[slot] = (out[slot] as number) + 1;
      }
    }
    out[at] = (out[at] as number) + lopend;
  },
  uit(s) {
    const r = (resultaat: (typeof SCHULDHULP_RESULTATEN)[number]) => s.n(1 + SCHULDHULP_RESULTATEN.indexOf(resultaat));
    const geslaagd = r('minnelijk-geslaagd');
    const mislukt = r('minnelijk-mislukt');
    return {
      huishoudens: s.n(0),
      beeindigd: {
        'minnelijk-geslaagd': geslaagd,
        'minnelijk-mislukt': mislukt,
        wsnp: r('wsnp'),
        uitgevallen: r('uitgevallen'),
        overig: r('overig'),
      },
      aandeelMinnelijkGeslaagd: aandeel(geslaagd, geslaagd + mislukt),
    };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'schuldhulp',
        kort: 'Schuldhulp: minnelijk geslaagd (aandeel)',
        titel: 'Schuldhulp: aandeel geslaagde minnelijke schuldregelingen',
        eenheid: 'aandeel',
        waarde: (r) => r.schuldhulp.aandeelMinnelijkGeslaagd,
        aantal: (r) => r.schuldhulp.beeindigd['minnelijk-geslaagd'],
        aandeel: (r) => r.schuldhulp.aandeelMinnelijkGeslaagd,
        figuur: 'schuldhulp',
        details: [
          { label: 'huishoudens met schuldhulp', eenheid: 'aantal', waarde: (r) => r.schuldhulp.huishoudens },
          {
            label: 'beëindigd: minnelijk geslaagd',
            eenheid: 'aantal',
            waarde: (r) => r.schuldhulp.beeindigd['minnelijk-geslaagd'],
          },
          {
            label: 'beëindigd: minnelijk mislukt',
            eenheid: 'aantal',
            waarde: (r) => r.schuldhulp.beeindigd['minnelijk-mislukt'],
          },
          { label: 'beëindigd: wsnp', eenheid: 'aantal', waarde: (r) => r.schuldhulp.beeindigd.wsnp },
          { label: 'beëindigd: uitgevallen', eenheid: 'aantal', waarde: (r) => r.schuldhulp.beeindigd.uitgevallen },
          { label: 'beëindigd: overig', eenheid: 'aantal', waarde: (r) => r.schuldhulp.beeindigd.overig },
        ],
      },
    ],
  },
});
