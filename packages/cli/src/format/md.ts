// `--format md`: the report as Markdown (GitHub tables), for a wiki or a pull request.
// Every text is escaped so a label cannot open a link, an HTML tag or break the table.
import { celTekst, isGetal } from './getallen.js';
import type { RapportModel, Sectie } from './model.js';

/**
 * Escapes Markdown syntax and HTML in inline text (a table cell): the inline markers, the cell
 * separator and HTML. Line breaks become spaces, other control characters are dropped.
 */
export const escapeMarkdown = (s: string): string =>
  s
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[\\`*_{}[\]<>|~&]/g, (c) => `\\${c}`);

/** As escapeMarkdown, and a leading block marker (heading, list, quote) too: for headings and list items. */
const escapeBlock = (s: string): string =>
  escapeMarkdown(s).replace(/^(\s*)([#+\-=>]|\d+[.)])/, (_, space: string, marker: string) => `${space}\\${marker}`);

const section = (sectie: Sectie): string => {
  const header = `| | ${sectie.kolommen.map(escapeMarkdown).join(' | ')} |`;
  const firstRow = sectie.rijen[0];
  const align = `|---|${sectie.kolommen
    .map((_, i) =>
      firstRow !== undefined && firstRow.cellen[i] !== undefined && isGetal(firstRow.cellen[i]) ? '---:' : '---',
    )
    .join('|')}|`;
  const rows = sectie.rijen.map((rij) => {
    const label = rij.niveau === 1 ? `_${escapeMarkdown(rij.label)}_` : escapeMarkdown(rij.label);
    return `| ${label} | ${rij.cellen.map((c) => escapeMarkdown(celTekst(c))).join(' | ')} |`;
  });
  const notes = sectie.voetnoten.map((n) => `- ${escapeBlock(n)}`);
  return [
    `## ${escapeBlock(sectie.titel)}`,
    '',
    header,
    align,
    ...rows,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
};

export const formatMarkdown = (model: RapportModel): string =>
  `${[`# ${escapeBlock(model.titel)}`, ...model.secties.map(section)].join('\n\n')}\n`;
