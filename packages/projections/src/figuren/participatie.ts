// MEETREGELS §7.2 Participatiegroei: `eind` = the last assessment in Y; `begin` = the last before
// Y, or else the first in Y when that is not `eind`. Measured households count in `gemeten`, in
// one of gestegen / gelijk / gedaald, in groteVooruitgang when eind − begin ≥ 2, and in the cell
// of their transition `participatie.overgangen.VAN-NAAR`.

import { SOORT_TREDE } from '../engine/derive.js';
import type { Overgang, Participatie } from '../types.js';
import { dag, een, type Figuur, figuur, type Tekst } from './figuur.js';
import { beginTrede, eindTrede } from './tijdlijn.js';

/** A (begin, eind) pair of treden (1–6) as one number: its slot. */
const PAAR_BASIS = 8;
const PAREN = PAAR_BASIS * PAAR_BASIS;

const OVERGANG: Tekst = ([van = 0, d1 = 0, naar = 0, d2 = 0]) =>
  `trede ${van} op ${dag(d1)} (begin), trede ${naar} op ${dag(d2)} (laatste in het jaar)`;

export const participatie: Figuur<Participatie, 'participatie'> = figuur({
  naam: 'participatie',
  sectie: '7.2',
  titel: 'Participatiegroei',
  feitSoort: SOORT_TREDE,
  cellen: (r) => [
    ...['gemeten', 'gestegen', 'gelijk', 'gedaald', 'groteVooruitgang'].map((c) => `participatie.${c}`),
    ...r.participatie.overgangen.map((o) => `participatie.overgangen.${o.van}-${o.naar}`),
  ],
  verklaar(h, p, leden) {
    const laatste = eindTrede(h, p);
    const begin = laatste < 0 ? -1 : beginTrede(h, p, laatste);
    if (begin < 0) return;
    const b = h.trede(begin);
    const e = h.trede(laatste);
    const van = h.bedrag(b);
    const naar = h.bedrag(e);
    const feiten = [b, e];
    const args = [van, h.wanneer(b), naar, h.wanneer(e)];
    leden.lid('participatie.gemeten', feiten, OVERGANG, args);
    leden.lid(`participatie.${naar > van ? 'gestegen' : naar === van ? 'gelijk' : 'gedaald'}`, feiten, OVERGANG, args);
    if (naar - van >= 2) leden.lid('participatie.groteVooruitgang', feiten, OVERGANG, args);
    leden.lid(`participatie.overgangen.${van}-${naar}`, feiten, OVERGANG, args);
  },

  // Its part: 1 in the slot of its (begin, eind) pair, begin · 8 + eind.
  slots: PAREN,
  bijdrage(h, p, out, at) {
    const eind = eindTrede(h, p);
    const begin = eind < 0 ? -1 : beginTrede(h, p, eind);
    if (begin >= 0) een(out, at, h.trede(begin) * PAAR_BASIS + h.trede(eind));
  },
  uit(s) {
    let gemeten = 0;
    let gestegen = 0;
    let gelijk = 0;
    let gedaald = 0;
    let groteVooruitgang = 0;
    const overgangen: Overgang[] = [];
    for (let van = 1; van < PAAR_BASIS; van++) {
      for (let naar = 1; naar < PAAR_BASIS; naar++) {
        const aantal = s.n(van * PAAR_BASIS + naar);
        if (aantal === 0) continue;
        overgangen.push({ van, naar, aantal });
        gemeten += aantal;
        if (naar > van) gestegen += aantal;
        else if (naar === van) gelijk += aantal;
        else gedaald += aantal;
        if (naar - van >= 2) groteVooruitgang += aantal;
      }
    }
    return { gemeten, gestegen, gelijk, gedaald, groteVooruitgang, overgangen };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'participatie',
        kort: 'Participatiegroei: gestegen',
        titel: 'Participatiegroei: bijstandsgerechtigden die op de participatieladder stegen',
        eenheid: 'aantal',
        waarde: (r) => r.participatie.gestegen,
        aantal: (r) => r.participatie.gestegen,
        figuur: 'participatie',
        details: [
          { label: 'gemeten', eenheid: 'aantal', waarde: (r) => r.participatie.gemeten },
          { label: 'op dezelfde trede gebleven', eenheid: 'aantal', waarde: (r) => r.participatie.gelijk },
          { label: 'gedaald', eenheid: 'aantal', waarde: (r) => r.participatie.gedaald },
          {
            label: 'grote vooruitgang (≥ 2 treden)',
            eenheid: 'aantal',
            waarde: (r) => r.participatie.groteVooruitgang,
          },
        ],
        // A row per (begin, eind) pair that occurs in any of the years.
        rijen: (rapporten) => {
          const paren = new Map<string, { van: number; naar: number }>();
          for (const r of rapporten) for (const o of r.participatie.overgangen) paren.set(`${o.van}/${o.naar}`, o);
          return [...paren.values()]
            .sort((a, b) => a.van - b.van || a.naar - b.naar)
            .map(({ van, naar }) => ({
              label: van === naar ? `gelijk gebleven op trede ${van}` : `van trede ${van} naar trede ${naar}`,
              waarden: rapporten.map(
                (r) => r.participatie.overgangen.find((o) => o.van === van && o.naar === naar)?.aantal ?? 0,
              ),
            }));
        },
      },
    ],
  },
});
