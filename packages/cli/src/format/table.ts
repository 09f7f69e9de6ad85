// `--format table` (the default): the report as aligned plain text for a terminal, in Dutch.
// All sections share one label width and one width per column, so the years line up down the
// whole report as in the printed documents.
import { celTekst } from './getallen.js';
import type { RapportModel, Sectie } from './model.js';

/** Control characters would move the cursor or ring the bell in a terminal; show them as '?'. */
const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

const width = (s: string): number => [...s].length;

const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;

interface Layout {
  readonly labelWidth: number;
  readonly colWidths: readonly number[];
}

const labelOf = (niveau: 0 | 1, label: string): string => `${niveau === 1 ? '    ' : '  '}${printable(label)}`;

const measure = (secties: readonly Sectie[]): Layout => {
  let labelWidth = 0;
  const colWidths: number[] = [];
  for (const sectie of secties) {
    for (const rij of sectie.rijen) labelWidth = Math.max(labelWidth, width(labelOf(rij.niveau, rij.label)));
    sectie.kolommen.forEach((k, i) => {
      colWidths[i] = Math.max(colWidths[i] ?? 0, width(printable(k)));
    });
    for (const rij of sectie.rijen) {
      rij.cellen.forEach((cel, i) => {
        colWidths[i] = Math.max(colWidths[i] ?? 0, width(printable(celTekst(cel))));
      });
    }
  }
  return { labelWidth, colWidths };
};

const section = (sectie: Sectie, layout: Layout): string[] => {
  const { labelWidth, colWidths } = layout;
  const lines: string[] = [printable(sectie.titel)];
  const header = sectie.kolommen.map((k, i) => padStart(printable(k), colWidths[i] ?? 0)).join('  ');
  lines.push(`${' '.repeat(labelWidth)}  ${header}`.trimEnd());
  for (const rij of sectie.rijen) {
    // Every column is a year (or a version of it): right-aligned under its header, texts too.
    const row = rij.cellen.map((cel, i) => padStart(printable(celTekst(cel)), colWidths[i] ?? 0));
    lines.push(`${padEnd(labelOf(rij.niveau, rij.label), labelWidth)}  ${row.join('  ')}`.trimEnd());
  }
  for (const note of sectie.voetnoten) lines.push(`  * ${printable(note)}`);
  return lines;
};

/** The report as aligned text; every line ends with a newline. */
export const formatTable = (model: RapportModel): string => {
  const title = printable(model.titel);
  const layout = measure(model.secties);
  const blocks = [[title, '='.repeat(width(title))], ...model.secties.map((s) => section(s, layout))];
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
};
