// `--format xlsx`: the report as an Excel workbook (exceljs). Figures are numbers with Dutch
// display formats (thousands, € amounts, shares as percentages), never text, so a spreadsheet
// computes with them; "n.b." and the Norm and Behaald texts are text. The header row is frozen.
// A second sheet holds the source block (MEETREGELS §5 bron) and the Verantwoording.
import type { Cel, Eenheid, RapportModel, Sectie } from './model.js';

const FORMAAT: Readonly<Record<Eenheid, string>> = {
  aantal: '#,##0',
  euro: '"€" #,##0',
  aandeel: '0.0%',
};

/** A text made safe from formula injection (as csv.ts does). */
const veilig = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const waardeVan = (cel: Cel): string | number | null => {
  switch (cel.soort) {
    case 'getal':
      return cel.waarde;
    case 'nb':
      return 'n.b.';
    case 'tekst':
      return veilig(cel.tekst);
    case 'leeg':
      return null;
  }
};

const isBronSectie = (s: Sectie): boolean => s.id === 'bron' || s.id === 'verantwoording';

/** The workbook's bytes. `ondertitel`: where the figures come from (a line on the source sheet). */
export const formatXlsx = async (model: RapportModel, ondertitel?: string): Promise<Buffer> => {
  // Loaded when a workbook is asked for: loading it took about 0.2 s of every command's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'zelfredzaam';
  const sheet = workbook.addWorksheet('Rapport', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const kolommen = model.secties.find((s) => s.kolommen.length > 0)?.kolommen ?? [];
  sheet.columns = [
    { header: 'Onderdeel', key: 'sectie', width: 48 },
    { header: 'Rij', key: 'rij', width: 44 },
    ...kolommen.map((k, i) => ({ header: k, key: `k${i}`, width: 16 })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const sectie of model.secties.filter((s) => !isBronSectie(s))) {
    const titel = sheet.addRow([veilig(sectie.titel)]);
    titel.font = { bold: true };
    for (const rij of sectie.rijen) {
      const row = sheet.addRow([
        '',
        veilig(`${rij.niveau === 1 ? '  ' : ''}${rij.label}`),
        ...rij.cellen.map(waardeVan),
      ]);
      rij.cellen.forEach((cel, i) => {
        const c = row.getCell(3 + i);
        if (cel.soort === 'getal') c.numFmt = FORMAAT[cel.eenheid];
        if (cel.soort !== 'tekst' && cel.soort !== 'leeg') c.alignment = { horizontal: 'right' };
      });
    }
    for (const note of sectie.voetnoten) sheet.addRow(['', veilig(note)]).font = { italic: true };
  }
  const bron = workbook.addWorksheet('Bron', { views: [{ state: 'frozen', ySplit: 1 }] });
  bron.columns = [
    { header: 'Bron', key: 'a', width: 44 },
    ...kolommen.map((k, i) => ({ header: k, key: `b${i}`, width: 18 })),
  ];
  bron.getRow(1).font = { bold: true };
  if (ondertitel !== undefined) bron.addRow([veilig(ondertitel)]);
  for (const sectie of model.secties.filter(isBronSectie)) {
    bron.addRow([veilig(sectie.titel)]).font = { bold: true };
    for (const rij of sectie.rijen) {
      const row = bron.addRow([veilig(rij.label), ...rij.cellen.map(waardeVan)]);
      rij.cellen.forEach((cel, i) => {
        if (cel.soort === 'getal') row.getCell(2 + i).numFmt = FORMAAT[cel.eenheid];
      });
    }
    for (const note of sectie.voetnoten) bron.addRow([veilig(note)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
