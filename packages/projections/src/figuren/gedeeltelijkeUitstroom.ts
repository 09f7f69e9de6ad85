// MEETREGELS §4.4 Gedeeltelijke uitstroom: a household with a qualifying household-month in Y
// (bijstand on a day of the month, income > 0) counts once, under the source with the larger
// income over those months (a tie goes to loondienst); `bijstandshuishoudens`: bijstand on a day
// of Y, every fact used.
import { bijstandInJaar } from './bijstandsbestand.js';
import { euro, type Figuur, type Tekst } from './figuur.js';

const BRON: Tekst = ([maanden = 0, loon = 0, ond = 0, jaar = 0]) =>
  `${maanden} ${maanden === 1 ? 'maand' : 'maanden'} met bijstand en inkomsten in ${jaar}: loondienst ${euro(loon)}, onderneming ${euro(ond)}; ` +
  `de grootste bron (bij gelijke stand loondienst) is ${loon >= ond ? 'loondienst' : 'onderneming'}`;

export const gedeeltelijkeUitstroom: Figuur = {
  naam: 'gedeeltelijkeUitstroom',
  sectie: '4.4',
  titel: 'Gedeeltelijke uitstroom',
  cellen: () =>
    ['loondienst', 'onderneming', 'totaal', 'bijstandshuishoudens'].map((c) => `gedeeltelijkeUitstroom.${c}`),
  verklaar(h, p, leden) {
    let maanden = 0;
    let loon = 0;
    let ond = 0;
    const feiten: number[] = [];
    for (let i = 0; i < h.maanden; i++) {
      if (Math.floor(h.maand(i) / 12) !== p.jaar) continue;
      maanden++;
      loon += h.loondienstCent(i);
      ond += h.ondernemingCent(i);
      for (let q = 0; q < h.maandFeiten(i); q++) feiten.push(h.maandFeit(i, q));
    }
    if (maanden > 0) {
      const args = [maanden, loon, ond, p.jaar];
      leden.lid(`gedeeltelijkeUitstroom.${loon >= ond ? 'loondienst' : 'onderneming'}`, feiten, BRON, args);
      leden.lid('gedeeltelijkeUitstroom.totaal', feiten, BRON, args);
    }
    bijstandInJaar(h, p, Number.POSITIVE_INFINITY, leden, 'gedeeltelijkeUitstroom.bijstandshuishoudens');
  },
};
