// The layouts of the report formats, on hand-made §5 objects (pure functions: model → string).
import type { Herziening, Jaarrapport } from '@zelfredzaam/projections';
import { describe, expect, it } from 'vitest';
import { GEEN_NORMEN, type Normen, parseNormen } from '../normen.js';
import { csvVeld, formatCsv, neutraliseer } from './csv.js';
import { celTekst, heelGetal, percentage } from './getallen.js';
import { escapeHtml, formatHtml } from './html.js';
import { escapeMarkdown, formatMarkdown } from './md.js';
import { getal, jaarModel, type RapportModel, vergelijkModel } from './model.js';
import { formatTable } from './table.js';

const rapport = (jaar: number, n: number, kennisdatum: string | null = null): Jaarrapport => ({
  jaar,
  peildatum: `${jaar + 1}-12-31`,
  meetdatum: `${jaar + 1}-12-31`,
  kennisdatum,
  volledigeUitstroom: { loondienst: 320 + n, onderneming: 30, opleiding: 64, totaal: 414 + n },
  duurzaamheid: { uitstroom: 414 + n, duurzaam: 300, teruggevallen: 90, nogOnbekend: 24 + n, aandeelDuurzaam: 0.7692 },
  cohort: { meetdatum: `${jaar + 1}-12-31`, omvang: 350, aanHetWerk: 250 + n, ww: 50, wwb: 45, overig: 5 - n },
  gedeeltelijkeUitstroom: {
    loondienst: 448,
    onderneming: 15,
    totaal: 463,
    bijstandshuishoudens: 4100,
    aandeel: 0.1129,
  },
  gemiddeldInkomen: { maanden: 3100, totaalCent: 146_940_000, gemiddeldCent: 47_400, gemiddeldEuro: 474 + n },
  bijstandsbestand: { opPeildatum: 3900 + n, inJaar: 4100 },
  diagnose: { genegeerd: 0 },
});

const normen = (text: string): Normen => {
  const parsed = parseNormen(text);
  if ('fouten' in parsed) throw new Error(parsed.fouten.join('; '));
  return parsed.normen;
};

const HOSTILE = `<script>alert("x")</script> & 'quote' =cmd|' /C calc'!A0`;

const model = (): RapportModel =>
  jaarModel(
    [rapport(2014, 0), rapport(2015, 2)],
    rapport(2013, -5),
    normen(`
- indicator: volledigeUitstroom
  jaar: 2014
  waarde: 400
- indicator: gemiddeldInkomen
  jaar: 2015
  indexatie: { basis: 475, indexOud: 100, indexNieuw: 102.1 }
  toelichting: inclusief indexatie CBS 2014
- indicator: duurzaamheid
  jaar: 2015
  waarde: 0.75
`),
  );

describe('getallen (Dutch figures)', () => {
  it('groups thousands with a dot, shows shares as percentages with a decimal comma, euros with €', () => {
    expect(heelGetal(4100)).toBe('4.100');
    expect(heelGetal(1_234_567)).toBe('1.234.567');
    expect(heelGetal(-1234)).toBe('-1.234');
    expect(percentage(0.7692)).toBe('76,9 %');
    expect(percentage(0.1129)).toBe('11,3 %');
    expect(percentage(1)).toBe('100,0 %');
    expect(celTekst(getal(474, 'euro'))).toBe('€ 474');
    expect(celTekst(getal(null, 'aandeel'))).toBe('–');
    expect(celTekst({ soort: 'getal', waarde: -3, eenheid: 'aantal', verschil: true })).toBe('-3');
    expect(celTekst({ soort: 'getal', waarde: 12, eenheid: 'aantal', verschil: true })).toBe('+12');
    expect(celTekst({ soort: 'getal', waarde: 0.0123, eenheid: 'aandeel', verschil: true })).toBe('+1,2 %-punt');
  });
});

describe('jaarModel (the documents’ layout)', () => {
  it('gives per indicator Nulsituatie (the previous year realised), Norm and Gerealiseerd per year', () => {
    const m = model();
    const uitstroom = m.secties.find((s) => s.id === 'volledigeUitstroom');
    expect(uitstroom?.kolommen).toEqual(['2014', '2015']);
    const rows = Object.fromEntries((uitstroom?.rijen ?? []).map((r) => [r.label, r.cellen.map(celTekst)]));
    expect(rows.Nulsituatie).toEqual(['409', '414']);
    expect(rows.Norm).toEqual(['400', '']);
    expect(rows.Gerealiseerd).toEqual(['414', '416']);
    expect(rows['waarvan loondienst']).toEqual(['320', '322']);
    const inkomen = m.secties.find((s) => s.id === 'gemiddeldInkomen');
    expect(inkomen?.rijen.find((r) => r.label === 'Norm')?.cellen.map(celTekst)).toEqual(['', '€ 485']);
    expect(inkomen?.voetnoten).toEqual(['Norm 2015: inclusief indexatie CBS 2014']);
    expect(inkomen?.grafiek?.punten.map((p) => p.jaar)).toEqual([2013, 2014, 2015]);
  });

  it('leaves the Nulsituatie empty when the year before is unknown, and Norm empty without normen', () => {
    const m = jaarModel([rapport(2014, 0)], undefined, GEEN_NORMEN);
    const rows = m.secties.find((s) => s.id === 'bijstandsbestand')?.rijen ?? [];
    expect(rows.map((r) => [r.label, r.cellen.map(celTekst)])).toEqual([
      ['Nulsituatie', ['']],
      ['Norm', ['']],
      ['Gerealiseerd', ['3.900']],
      ['met bijstand in het jaar', ['4.100']],
    ]);
  });
});

describe('formatTable', () => {
  it('aligns one column per year under its header, in Dutch', () => {
    const text = formatTable(model());
    const lines = text.split('\n');
    expect(lines[0]).toBe('Sociaal-economische zelfredzaamheid 2014–2015');
    expect(lines[1]).toBe('='.repeat(lines[0]?.length ?? 0));
    const start = lines.indexOf(
      'Volledige uitstroom: huishoudens uit de bijstand door loondienst, onderneming of opleiding',
    );
    expect(lines.slice(start, start + 8)).toEqual([
      'Volledige uitstroom: huishoudens uit de bijstand door loondienst, onderneming of opleiding',
      '                                            2014        2015',
      '  Nulsituatie                                409         414',
      '  Norm                                       400',
      '  Gerealiseerd                               414         416',
      '    waarvan loondienst                       320         322',
      '    waarvan eigen onderneming                 30          30',
      '    waarvan opleiding                         64          64',
    ]);
    expect(text).toContain('  Gerealiseerd                            76,9 %      76,9 %');
    expect(text).toContain('  * Norm 2015: inclusief indexatie CBS 2014');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('shows control characters in texts as ?', () => {
    const m: RapportModel = {
      titel: 'x\u001b[2Jy',
      secties: [{ id: 'a', titel: 't\u0007', kolommen: ['2014'], rijen: [], voetnoten: ['n\r\nm'] }],
    };
    expect(formatTable(m)).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

describe('formatMarkdown', () => {
  it('writes a heading and a GitHub table per indicator, figures right-aligned', () => {
    const text = formatMarkdown(model());
    expect(text.startsWith('# Sociaal-economische zelfredzaamheid 2014–2015\n')).toBe(true);
    expect(text).toContain(
      [
        '## Volledige uitstroom: huishoudens uit de bijstand door loondienst, onderneming of opleiding',
        '',
        '| | 2014 | 2015 |',
        '|---|---:|---:|',
        '| Nulsituatie | 409 | 414 |',
        '| Norm | 400 |  |',
        '| Gerealiseerd | 414 | 416 |',
        '| _waarvan loondienst_ | 320 | 322 |',
      ].join('\n'),
    );
    expect(text).toContain('- Norm 2015: inclusief indexatie CBS 2014');
  });

  it('escapes Markdown and HTML in every text', () => {
    expect(escapeMarkdown('a|b <i>[x](http://e)</i> *y* _z_')).toBe(
      'a\\|b \\<i\\>\\[x\\](http://e)\\</i\\> \\*y\\* \\_z\\_',
    );
    const m = jaarModel(
      [rapport(2014, 0)],
      undefined,
      normen(JSON.stringify([{ indicator: 'cohort', jaar: 2014, waarde: 1, toelichting: HOSTILE }])),
    );
    const text = formatMarkdown(m);
    expect(text).not.toContain('<script>');
    expect(text).toContain('\\<script\\>');
  });
});

describe('formatCsv', () => {
  it('has a BOM, a header with the years, one row per report row, raw figures, CRLF', () => {
    const text = formatCsv(model());
    expect(text.startsWith('\uFEFFsectie,rij,eenheid,2014,2015\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('volledigeUitstroom,Nulsituatie,aantal,409,414');
    expect(lines).toContain('volledigeUitstroom,Norm,aantal,400,');
    expect(lines).toContain('duurzaamheid,Gerealiseerd,aandeel,0.7692,0.7692');
    expect(lines).toContain('duurzaamheid,Norm,aandeel,,0.75');
    expect(lines).toContain('gemiddeldInkomen,Gerealiseerd,euro,474,476');
    expect(lines).toContain('gemiddeldInkomen,voetnoot,,Norm 2015: inclusief indexatie CBS 2014');
    expect(lines).toContain('parameters,Peildatum,,2015-12-31,2016-12-31');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('neutralises a text cell that starts with =, +, -, @, tab or CR, and quotes where needed', () => {
    expect(neutraliseer('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutraliseer('+31')).toBe("'+31");
    expect(neutraliseer('-2+3')).toBe("'-2+3");
    expect(neutraliseer('@cmd')).toBe("'@cmd");
    expect(neutraliseer('\tx')).toBe("'\tx");
    expect(neutraliseer('gewoon')).toBe('gewoon');
    expect(csvVeld('a,b')).toBe('"a,b"');
    expect(csvVeld('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvVeld('regel\nregel')).toBe('"regel\nregel"');
    const m = jaarModel(
      [rapport(2014, 0)],
      undefined,
      normen(JSON.stringify([{ indicator: 'cohort', jaar: 2014, waarde: 1, toelichting: '=HYPERLINK("http://x")' }])),
    );
    // Not at the start of the cell: no formula, only quoted.
    expect(formatCsv(m)).toContain('cohort,voetnoot,,"Norm 2014: =HYPERLINK(""http://x"")"');
    const hostile: RapportModel = {
      titel: 't',
      secties: [
        {
          id: '@sectie',
          titel: 't',
          kolommen: ['2014'],
          rijen: [{ label: '=1+1', niveau: 0, cellen: [{ soort: 'tekst', tekst: '-3,cmd' }] }],
          voetnoten: [],
        },
      ],
    };
    expect(formatCsv(hostile)).toContain(`'@sectie,'=1+1,,"'-3,cmd"`);
  });

  it('leaves figures as numbers, negative differences included', () => {
    const m = vergelijkModel([herziening()]);
    expect(formatCsv(m)).toContain('vergelijking-2014,Volledige uitstroom,aantal,414,411,-3');
  });
});

const herziening = (): Herziening => {
  const gepubliceerd = rapport(2014, 0, '2015-03-01');
  const nu = rapport(2014, -3);
  return {
    jaar: 2014,
    publicatiedatum: '2015-03-01',
    gepubliceerd,
    nu,
    verschil: {
      volledigeUitstroom: { loondienst: -3, onderneming: 0, opleiding: 0, totaal: -3 },
      duurzaamheid: { uitstroom: -3, duurzaam: 0, teruggevallen: 0, nogOnbekend: -3, aandeelDuurzaam: 0 },
      cohort: { omvang: 0, aanHetWerk: -3, ww: 0, wwb: 0, overig: 3 },
      gedeeltelijkeUitstroom: { loondienst: 0, onderneming: 0, totaal: 0, bijstandshuishoudens: 0, aandeel: 0 },
      gemiddeldInkomen: { maanden: 0, totaalCent: 0, gemiddeldCent: 0, gemiddeldEuro: -3 },
      bijstandsbestand: { opPeildatum: -3, inJaar: 0 },
      diagnose: { genegeerd: 0 },
    },
  };
};

describe('vergelijkModel (--kennisdatum T --vergelijk)', () => {
  it('shows per figure: as published on T, as known now, and the difference', () => {
    const text = formatTable(vergelijkModel([herziening()]));
    expect(text).toContain('Herziening van de cijfers 2014');
    expect(text).toContain('2014: gepubliceerd (kennisdatum 2015-03-01) en nu bekend');
    expect(text).toMatch(/Gepubliceerd 2015-03-01 +Nu bekend +Verschil/);
    expect(text).toMatch(/ {2}Volledige uitstroom +414 +411 +-3\n/);
    expect(text).toMatch(/ {2}Gemiddeld inkomen per maand +€ 474 +€ 471 +-€ 3\n/);
    expect(text).toMatch(/ {4}overig +5 +8 +\+3\n/);
  });
});

describe('formatHtml', () => {
  it('is one self-contained page: inline CSS and SVG, no scripts, nothing loaded from elsewhere', () => {
    const html = formatHtml(model());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    // The only URL is the SVG namespace, which is never fetched.
    expect(html.match(/https?:\/\/[^"'\s<]+/g)).toEqual(
      Array(model().secties.filter((s) => s.grafiek).length).fill('http://www.w3.org/2000/svg'),
    );
    expect((html.match(/<svg /g) ?? []).length).toBe(6);
    expect(html).toContain('data-rij="Gerealiseerd" data-kolom="2014" data-waarde="414">414</td>');
  });

  it('escapes every text: a <script> in a norm explanation stays text', () => {
    expect(escapeHtml(HOSTILE)).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;quote&#39; =cmd|&#39; /C calc&#39;!A0',
    );
    const m = jaarModel(
      [rapport(2014, 0)],
      undefined,
      normen(JSON.stringify([{ indicator: 'cohort', jaar: 2014, waarde: 1, toelichting: HOSTILE }])),
    );
    const html = formatHtml({ ...m, titel: `${m.titel} <b>` }, { ondertitel: '<img src=x onerror=alert(1)>' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('draws a trend chart per indicator with a point per year and the norm', () => {
    const html = formatHtml(model());
    const section = html.slice(html.indexOf('id="volledigeUitstroom"'), html.indexOf('id="duurzaamheid"'));
    expect(section.match(/<circle class="gerealiseerd" data-jaar="(\d+)" data-waarde="(\d+)"/g)).toEqual([
      '<circle class="gerealiseerd" data-jaar="2013" data-waarde="409"',
      '<circle class="gerealiseerd" data-jaar="2014" data-waarde="414"',
      '<circle class="gerealiseerd" data-jaar="2015" data-waarde="416"',
    ]);
    expect(section).toContain('<title>Norm 2014: 400</title>');
  });
});
