// `--format csv`: the report for a spreadsheet. RFC 4180: comma-separated, CRLF line ends,
// fields quoted when they hold a comma, quote or line break; UTF-8 with a byte-order mark so
// Excel reads "€" and "–" right. Figures are raw and machine-readable (shares as fractions, as
// in the JSON of §5; euros whole), so a spreadsheet can compute with them.
//
// Formula injection: a text cell that starts with =, +, -, @, a tab or a carriage return would
// be run as a formula by a spreadsheet. Such a cell gets a leading apostrophe (the OWASP
// advice), which spreadsheets show as text. Figures we write ourselves are numbers, never text,
// and are left alone (a difference of −3 stays a number).
import type { Cel, RapportModel } from './model.js';

const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe from formula injection. */
export const neutraliseer = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Quotes a field when RFC 4180 requires it. */
export const csvVeld = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

const textField = (text: string): string => csvVeld(neutraliseer(text));

const numberText = (n: number): string => (Object.is(n, -0) ? '0' : String(n));

const cellField = (cel: Cel): string => {
  switch (cel.soort) {
    case 'leeg':
      return '';
    case 'nb':
      return 'n.b.';
    case 'tekst':
      return textField(cel.tekst);
    case 'getal':
      return cel.waarde === null ? '' : numberText(cel.waarde);
  }
};

const unitOf = (cellen: readonly Cel[]): string => {
  for (const cel of cellen) if (cel.soort === 'getal') return cel.eenheid;
  return '';
};

/** The report as CSV: one row per report row, with its section and unit, one column per year. */
export const formatCsv = (model: RapportModel): string => {
  const first = model.secties[0];
  const kolommen = first?.kolommen ?? [];
  const lines: string[] = [['sectie', 'rij', 'eenheid', ...kolommen].map(textField).join(',')];
  for (const sectie of model.secties) {
    if (sectie.kolommen.join('\u0000') !== kolommen.join('\u0000')) {
      lines.push(['sectie', 'rij', 'eenheid', ...sectie.kolommen].map(textField).join(','));
    }
    for (const rij of sectie.rijen) {
      lines.push(
        [textField(sectie.id), textField(rij.label), textField(unitOf(rij.cellen)), ...rij.cellen.map(cellField)].join(
          ',',
        ),
      );
    }
    for (const note of sectie.voetnoten)
      lines.push([textField(sectie.id), textField('voetnoot'), '', textField(note)].join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
};

/** A figure for Dutch spreadsheet settings: decimal comma; shares as percentages (0.787 → "78,7"). */
const cellFieldNl = (cel: Cel): string => {
  if (cel.soort !== 'getal' || cel.waarde === null) return '';
  const n = cel.eenheid === 'aandeel' ? Math.round(cel.waarde * 100_000) / 1000 : cel.waarde;
  return numberText(n).replace('.', ',');
};

const veldNl = (field: string): string => (/[";\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const tekstNl = (text: string): string => veldNl(neutraliseer(text));

/**
 * `--format csv-nl`: the same rows for a spreadsheet with Dutch settings: `;` between fields,
 * a decimal comma, shares as percentages (78,7 for 78,7%); UTF-8 with a BOM, CRLF.
 */
export const formatCsvNl = (model: RapportModel): string => {
  const first = model.secties[0];
  const kolommen = first?.kolommen ?? [];
  const lines: string[] = [['sectie', 'rij', 'eenheid', ...kolommen].map(tekstNl).join(';')];
  const eenheidNl = (cellen: readonly Cel[]): string => {
    const e = unitOf(cellen);
    return e === 'aandeel' ? 'procent' : e;
  };
  for (const sectie of model.secties) {
    if (sectie.kolommen.join('\u0000') !== kolommen.join('\u0000') && sectie.rijen.length > 0) {
      lines.push(['sectie', 'rij', 'eenheid', ...sectie.kolommen].map(tekstNl).join(';'));
    }
    for (const rij of sectie.rijen) {
      lines.push(
        [
          tekstNl(sectie.id),
          tekstNl(rij.label),
          tekstNl(eenheidNl(rij.cellen)),
          ...rij.cellen.map((c) =>
            c.soort === 'getal'
              ? cellFieldNl(c)
              : c.soort === 'tekst'
                ? tekstNl(c.tekst)
                : c.soort === 'nb'
                  ? 'n.b.'
                  : '',
          ),
        ].join(';'),
      );
    }
    for (const note of sectie.voetnoten)
      lines.push([tekstNl(sectie.id), tekstNl('voetnoot'), '', tekstNl(note)].join(';'));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
};
