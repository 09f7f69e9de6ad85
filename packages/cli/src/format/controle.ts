// The result of `verify` as a report model: the breaches found, and the facts per type and year.

import type { Controle } from '@zelfredzaam/replay';
import { heelGetal } from './getallen.js';
import { getal, type RapportModel, type Rij } from './model.js';
import { formatTable } from './table.js';

const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** Breaches listed in full; beyond this, only counted. */
const MAX_LISTED = 100;

export const controleModel = (controle: Controle, store: string): RapportModel => {
  const years = [...new Set([...controle.perSoortEnJaar.values()].flatMap((perYear) => [...perYear.keys()]))].sort(
    (a, b) => a - b,
  );
  const kolommen = [...years.map(String), 'totaal'];
  const rijen: Rij[] = [];
  const totals = years.map(() => 0);
  for (const [type, perYear] of controle.perSoortEnJaar) {
    let sum = 0;
    const cellen = years.map((year, i) => {
      const n = perYear.get(year) ?? 0;
      sum += n;
      totals[i] = (totals[i] ?? 0) + n;
      return getal(n, 'aantal');
    });
    rijen.push({ label: type, niveau: 0, cellen: [...cellen, getal(sum, 'aantal')] });
  }
  rijen.push({
    label: 'totaal',
    niveau: 0,
    cellen: [...totals.map((n) => getal(n, 'aantal')), getal(controle.feiten, 'aantal')],
  });
  return {
    titel: `Controle van ${store} — ${heelGetal(controle.feiten)} feiten van ${heelGetal(controle.huishoudens)} huishoudens${
      controle.werkgevers > 0 ? ` en ${heelGetal(controle.werkgevers)} werkgevers` : ''
    }`,
    secties: [
      {
        id: 'per-soort-en-jaar',
        titel: 'Feiten per soort en jaar (het jaar van de datum of maand; bij een intrekking van de vastlegging)',
        kolommen,
        rijen,
        voetnoten: [],
      },
    ],
  };
};

/** The breaches as lines of text, at most MAX_LISTED of them in full. */
const breachLines = (controle: Controle): string[] => {
  const count = controle.schendingen.length;
  if (count === 0) return ['Geen schendingen van de levensloopregels (MEETREGELS §2 en §7.1).'];
  const lines = [
    `${heelGetal(count)} schending${count === 1 ? '' : 'en'} van de levensloopregels (MEETREGELS §2 en §7.1):`,
  ];
  for (const s of controle.schendingen.slice(0, MAX_LISTED)) {
    lines.push(`  ${s.positie === undefined ? '' : `positie ${s.positie}: `}${printable(s.bericht)}`);
  }
  if (count > MAX_LISTED) lines.push(`  … en nog ${heelGetal(count - MAX_LISTED)} (zie --format json)`);
  return lines;
};

/** `verify` as text: the breaches, then the counts. */
export const formatControle = (controle: Controle, store: string): string => {
  const table = formatTable(controleModel(controle, store));
  const [title = '', underline = '', ...rest] = table.split('\n');
  return [title, underline, '', ...breachLines(controle), ...rest].join('\n');
};
