// Issue 12 (MEETREGELS 2.0 §9): the Zwolle fixture's table with the 2.0 defaults and the norms
// of the documents; Beoogd years, "n.b." for what nobody registers, and the workbook (xlsx, read
// back with exceljs) and the Dutch CSV. In-process: the report model from a replayed state.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatCsvNl } from '../packages/cli/src/format/csv.js';
import { celTekst } from '../packages/cli/src/format/getallen.js';
import type { RapportModel } from '../packages/cli/src/format/model.js';
import { formatXlsx } from '../packages/cli/src/format/xlsx.js';
import { parseNormen } from '../packages/cli/src/normen.js';
import { maakModel, maakRapport, type RapportVraag } from '../packages/cli/src/rapport.js';
import { zwolleGeschiedenis } from '../packages/projections/src/fixtures/zwolle.js';
import { BronHash, replay } from '../packages/projections/src/index.js';

const feiten = zwolleGeschiedenis();
const state = replay(feiten);
const VANDAAG = '2026-12-07';

const NORMEN = `
# Zwolle: "Nulsituatie 2013: 390", norm 400; gedeeltelijke uitstroom "aandeel … 385"; € 485 inclusief indexatie CBS 2014
- indicator: volledigeUitstroom
  jaar: 2014
  waarde: 400
  nulsituatie: {waarde: 390, jaar: 2013}
- indicator: gedeeltelijkeUitstroom
  jaar: 2014
  waarde: 385
- indicator: gemiddeldInkomen
  jaar: 2014
  indexatie: {basis: 475, indexOud: 100, indexNieuw: 102.1}
  toelichting: € 485 inclusief indexatie CBS 2014
- indicator: volledigeUitstroom
  jaar: 2027
  waarde: 450
`;

const normen = () => {
  const parsed = parseNormen(NORMEN);
  if ('fouten' in parsed) throw new Error(parsed.fouten.join('; '));
  return parsed.normen;
};

const model = (vraag: Partial<RapportVraag> = {}, vandaag = VANDAAG): RapportModel => {
  const hash = new BronHash([null]);
  for (const f of feiten) hash.voegToe(f);
  const m = maakModel(state, { jaren: [2014], reeks: false, vergelijk: false, ...vraag }, vandaag, {
    formaat: 'table',
    normen: normen(),
    herkomst: { hash, versie: '0.1.0' },
  });
  if (m._tag === 'Left') throw new Error(m.left.bericht);
  return m.right;
};

const rijen = (m: RapportModel, id: string): Record<string, string[]> =>
  Object.fromEntries((m.secties.find((s) => s.id === id)?.rijen ?? []).map((r) => [r.label, r.cellen.map(celTekst)]));

describe('the Zwolle table with the 2.0 defaults and the documents’ norms', () => {
  const m = model();

  it('volledige uitstroom: Nulsituatie 390 (opgegeven 2013), norm 400, 414 realised → Behaald ja', () => {
    const r = rijen(m, 'volledigeUitstroom');
    expect(r.Nulsituatie).toEqual(['390']);
    expect(r['gemeten of opgegeven']).toEqual(['opgegeven (2013)']);
    expect(r.Norm).toEqual(['400']);
    expect(r.Gerealiseerd).toEqual(['414']);
    expect(r.Behaald).toEqual(['ja']);
    expect(r['waarvan loondienst']).toEqual(['320']);
  });

  it('gedeeltelijke uitstroom: a count norm of 385 huishoudens, 463 realised → ja', () => {
    const r = rijen(m, 'gedeeltelijkeUitstroom');
    expect(r.Norm).toEqual(['385 huishoudens']);
    expect(r.Gerealiseerd).toEqual(['11,3%']);
    expect(r['huishoudens met inkomsten']).toEqual(['463']);
    expect(r.Behaald).toEqual(['ja']);
  });

  it('gemiddeld inkomen: € 485 indexed against € 474 → nee; its Nulsituatie the € 475 measured in 2013', () => {
    const r = rijen(m, 'gemiddeldInkomen');
    expect(r.Nulsituatie).toEqual(['€ 475']);
    expect(r['gemeten of opgegeven']).toEqual(['gemeten 2013']);
    expect(r.Norm).toEqual(['€ 485']);
    expect(r.Gerealiseerd).toEqual(['€ 474']);
    expect(r.Behaald).toEqual(['nee']);
  });

  it('dates in Dutch, the flow in its own section, the source block, n.b. for what Zwolle does not register', () => {
    expect(rijen(m, 'parameters')['Peildatum (stand)']).toEqual(['31 december 2014']);
    expect(rijen(m, 'parameters')['Meetdatum (cohort)']).toEqual(['30 juni 2015']);
    const stroom = rijen(m, 'stroom');
    expect(stroom['Beginstand (31 december van het jaar ervoor)']).toEqual(['4.100']);
    expect(stroom.Uitstroom).toEqual(['414']);
    expect(stroom['Eindstand (31 december)']).toEqual(['3.750']);
    expect(rijen(m, 'bron')['Vastgelegde gegevens']).toEqual(['10.357']);
    expect(rijen(m, 'bron')['Controlegetal (SHA-256)']?.[0]).toMatch(/^[0-9a-f]{12}…$/);
    // No ParticipatieTredeVastgesteld, no Geplaatst, … in the fixture: not 0 but n.b.
    expect(rijen(m, 'participatie').Gerealiseerd).toEqual(['n.b.']);
    expect(rijen(m, 'plaatsingen.sroi').Gerealiseerd).toEqual(['n.b.']);
    expect(rijen(m, 'allianties').Behaald).toEqual(['—']);
    expect(m.secties.find((s) => s.id === 'participatie')?.voetnoten).toContain(
      'n.b.: niet bekend; de gemeente registreert dit niet.',
    );
  });
});

describe('Beoogd: a year that has not begun (MEETREGELS §9)', () => {
  it('shows its norms with realised n.b. and Behaald —, after the measured years', () => {
    const m = model({ jaren: [2025, 2026, 2027], reeks: true });
    const r = rijen(m, 'volledigeUitstroom');
    expect(m.secties.find((s) => s.id === 'volledigeUitstroom')?.kolommen).toEqual(['2025', '2026', 'Beoogd 2027']);
    expect(r.Norm).toEqual(['', '', '450']);
    expect(r.Gerealiseerd?.[2]).toBe('n.b.');
    expect(r.Behaald?.[2]).toBe('—');
    expect(rijen(m, 'parameters')['Peildatum (stand)']).toEqual(['31 december 2025', '7 december 2026', 'n.b.']);
  });

  it('is refused in JSON, naming the year: nothing of it can be measured yet', () => {
    const json = maakRapport(state, { jaren: [2026, 2027], reeks: true, vergelijk: false }, VANDAAG, {
      formaat: 'json',
      normen: normen(),
    });
    expect(json._tag === 'Left' && json.left.bericht).toContain('vóór 1 januari 2027');
  });
});

describe('formats for spreadsheets', () => {
  it('xlsx: numbers as numbers with Dutch display formats, shares as percentages, a frozen header, a source sheet', async () => {
    const buffer = await formatXlsx(model(), 'Bron: Zwolle-fixture');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Rapport');
    expect(sheet).toBeDefined();
    if (sheet === undefined) return;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(3).value).toBe('2014');
    const rowsOf = (titel: string): ExcelJS.Row[] => {
      const out: ExcelJS.Row[] = [];
      let inside = false;
      sheet.eachRow((row) => {
        const a = row.getCell(1).value;
        if (typeof a === 'string' && a !== '') inside = a.startsWith(titel);
        else if (inside) out.push(row);
      });
      return out;
    };
    const rij = (titel: string, label: string) =>
      rowsOf(titel)
        .find((r) => String(r.getCell(2).value).trim() === label)
        ?.getCell(3);
    const uitstroom = rij('Volledige uitstroom', 'Gerealiseerd');
    expect(uitstroom?.value).toBe(414);
    expect(uitstroom?.numFmt).toBe('#,##0');
    expect(rij('Volledige uitstroom', 'Behaald')?.value).toBe('ja');
    const aandeel = rij('Gedeeltelijke uitstroom', 'Gerealiseerd');
    expect(aandeel?.value).toBe(0.1129);
    expect(aandeel?.numFmt).toBe('0.0%');
    const euro = rij('Gemiddeld inkomen', 'Gerealiseerd');
    expect(euro?.value).toBe(474);
    expect(euro?.numFmt).toBe('"€" #,##0');
    expect(rij('Participatiegroei', 'Gerealiseerd')?.value).toBe('n.b.');
    expect(rij('Verloop van het bijstandsbestand', 'Eindstand (31 december)')?.value).toBe(3750);
    const bron = workbook.getWorksheet('Bron');
    const teksten: string[] = [];
    bron?.eachRow((row) => teksten.push(String(row.getCell(1).value)));
    expect(teksten).toContain('Bron: Zwolle-fixture');
    expect(teksten).toContain('Controlegetal (SHA-256)');
    expect(teksten.some((t) => t.startsWith('Meetregels 2.0'))).toBe(true);
  });

  it('csv-nl: semicolons, a decimal comma, shares as percentages, n.b. as text', () => {
    const text = formatCsvNl(model());
    expect(text.startsWith('\uFEFFsectie;rij;eenheid;2014\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('volledigeUitstroom;Gerealiseerd;aantal;414');
    expect(lines).toContain('gedeeltelijkeUitstroom;Gerealiseerd;procent;11,29');
    expect(lines).toContain('participatie;Gerealiseerd;;n.b.');
    expect(lines).toContain('volledigeUitstroom;Behaald;;ja');
  });
});
