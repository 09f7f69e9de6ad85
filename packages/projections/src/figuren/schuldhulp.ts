// MEETREGELS §7.2 Schuldhulp: `huishoudens`, a debt trajectory running on a day of Y (start ≤
// Y-12-31, no end before Y-01-01); `beeindigd.*`, each SchuldhulpBeeindigd dated in Y (facts).
import { SCHULDHULP_RESULTATEN } from '../engine/encoding.js';
import { dag, type Figuur, type Tekst } from './figuur.js';

const LOOPT: Tekst = ([id = 0, start = 0, end = -1, jaar = 0], n) =>
  `schuldhulptraject ${n.trajectIds[id]} gestart op ${dag(start)}, ` +
  (end < 0 ? `loopt nog` : `beëindigd op ${dag(end)}`) +
  `: loopt op minstens één dag van ${jaar}`;
const BEEINDIGD: Tekst = ([id = 0, start = 0, end = 0, resultaat = 0], n) =>
  `schuldhulptraject ${n.trajectIds[id]} (gestart op ${dag(start)}) beëindigd op ${dag(end)} met resultaat ${SCHULDHULP_RESULTATEN[resultaat]}`;

export const schuldhulp: Figuur = {
  naam: 'schuldhulp',
  sectie: '7.2',
  titel: 'Schuldhulp',
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
};
