// The layouts of the report formats, on hand-made §5 objects (pure functions: model → string).
import type { Herziening, Jaarrapport } from '@zelfredzaam/projections';
import { describe, expect, it } from 'vitest';
import { GEEN_NORMEN, type Normen, parseNormen } from '../normen.js';
import { csvVeld, formatCsv, neutraliseer } from './csv.js';
import { celTekst, heelGetal, percentage } from './getallen.js';
import { asBereik, escapeHtml, formatHtml } from './html.js';
import { escapeMarkdown, formatMarkdown } from './md.js';
import { getal, jaarModel, type RapportModel, vergelijkModel } from './model.js';
import { formatTable } from './table.js';

const STROOM_NUL: Jaarrapport['stroom'] = {
  beginstand: 0,
  instroom: { nieuw: 0, teruggevallen: 0, totaal: 0 },
  uitstroom: {
    loondienst: 0,
    onderneming: 0,
    opleiding: 0,
    verhuizing: 0,
    overlijden: 0,
    'andere-uitkering': 0,
    detentie: 0,
    'partner-inkomen': 0,
    overig: 0,
    totaal: 0,
  },
  eindstand: 0,
};

const stroomVan = (n: number): Jaarrapport['stroom'] => ({
  beginstand: 3880,
  instroom: { nieuw: 600 + n, teruggevallen: 90, totaal: 690 + n },
  uitstroom: { ...STROOM_NUL.uitstroom, loondienst: 330, onderneming: 30, opleiding: 64, verhuizing: 246, totaal: 670 },
  eindstand: 3900 + n,
});

const rapport = (jaar: number, n: number, kennisdatum: string | null = null): Jaarrapport => ({
  jaar,
  peildatum: `${jaar}-12-31`,
  evaluatiedatum: `${jaar + 1}-06-30`,
  meetdatum: `${jaar + 1}-06-30`,
  stroom: stroomVan(n),
  nietGemeten: [],
  bron: {
    feiten: 69_307,
    huishoudens: 5200,
    laatsteRecordedAt: '2016-12-30T10:00:00.000Z',
    sha256: 'c0ffee',
    meetregels: '2.0',
    versie: '0.1.0',
  },
  kennisdatum,
  hervattingsgrens: 0,
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
  participatie: {
    gemeten: 300 + n,
    gestegen: 210 + n,
    gelijk: 60,
    gedaald: 30,
    groteVooruitgang: 80,
    overgangen: [
      { van: 2, naar: 3, aantal: 130 + n },
      { van: 2, naar: 4, aantal: 80 },
      { van: 3, naar: 3, aantal: 60 },
      { van: 4, naar: 3, aantal: 30 },
    ],
  },
  // VAK only from 2014 on: the year before has no key for it.
  trajecten: {
    ...(n >= 0
      ? {
          VAK: {
            gestart: 72,
            uitstroomBinnenZesMaanden: 57,
            beeindigd: 60,
            resultaten: { werk: 45, opleiding: 5, ingetrokken: 0, voltooid: 8, uitgevallen: 2 },
            trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
          },
        }
      : {}),
    Workfast: {
      gestart: 600,
      uitstroomBinnenZesMaanden: 200,
      beeindigd: 574 + n,
      resultaten: { werk: 271 + n, opleiding: 30, ingetrokken: 229, voltooid: 24, uitgevallen: 20 },
      trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
    },
  },
  plaatsingen: {
    sroi: { inJaar: 40 + n, cumulatief: 120 },
    afspraakbaan: { inJaar: 10, cumulatief: 30 },
    'beschut-nieuw': { inJaar: 5, cumulatief: 15 },
    banenplan: { inJaar: 20, cumulatief: 60 },
  },
  inBeeld: { bijstand: 3900 + n, inBeeld: 2000, aandeel: 0.5128 },
  langdurig: { bijstand: 3900 + n, langdurig: 2100, aandeel: 0.5385 },
  minima: { huishoudens: 450 },
  schuldhulp: {
    huishoudens: 480,
    beeindigd: { 'minnelijk-geslaagd': 84, 'minnelijk-mislukt': 16, wsnp: 10, uitgevallen: 12, overig: 5 },
    aandeelMinnelijkGeslaagd: 0.84,
  },
  allianties: { inJaar: 16, totaal: 47 + n },
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
  aandeel: 0.75
- indicator: trajecten.VAK
  jaar: 2015
  waarde: 80
- indicator: allianties
  jaar: 2015
  waarde: 50
  toelichting: 50 allianties in 2013–2015
`),
  );

describe('getallen (Dutch figures)', () => {
  it('groups thousands with a dot, shows shares as percentages with a decimal comma, euros with €', () => {
    expect(heelGetal(4100)).toBe('4.100');
    expect(heelGetal(1_234_567)).toBe('1.234.567');
    expect(heelGetal(-1234)).toBe('-1.234');
    expect(percentage(0.7692)).toBe('76,9%');
    expect(percentage(0.1129)).toBe('11,3%');
    expect(percentage(1)).toBe('100,0%');
    expect(celTekst(getal(474, 'euro'))).toBe('€ 474');
    expect(celTekst(getal(null, 'aandeel'))).toBe('–');
    expect(celTekst({ soort: 'getal', waarde: -3, eenheid: 'aantal', verschil: true })).toBe('-3');
    expect(celTekst({ soort: 'getal', waarde: 12, eenheid: 'aantal', verschil: true })).toBe('+12');
    expect(celTekst({ soort: 'getal', waarde: 0.0123, eenheid: 'aandeel', verschil: true })).toBe('+1,2 procentpunt');
    expect(celTekst({ soort: 'nb' })).toBe('n.b.');
  });
});

describe('jaarModel (the documents’ layout)', () => {
  it('gives per indicator Nulsituatie (the previous year realised), Norm and Gerealiseerd per year', () => {
    const m = model();
    const uitstroom = m.secties.find((s) => s.id === 'volledigeUitstroom');
    expect(uitstroom?.kolommen).toEqual(['2014', '2015']);
    const rows = Object.fromEntries((uitstroom?.rijen ?? []).map((r) => [r.label, r.cellen.map(celTekst)]));
    expect(rows.Nulsituatie).toEqual(['409', '414']);
    expect(rows['gemeten of opgegeven']).toEqual(['gemeten 2013', 'gemeten 2014']);
    expect(rows.Norm).toEqual(['400', '']);
    expect(rows.Gerealiseerd).toEqual(['414', '416']);
    expect(rows.Behaald).toEqual(['ja', '—']);
    expect(rows['waarvan loondienst']).toEqual(['320', '322']);
    const inkomen = m.secties.find((s) => s.id === 'gemiddeldInkomen');
    expect(inkomen?.rijen.find((r) => r.label === 'Norm')?.cellen.map(celTekst)).toEqual(['', '€ 485']);
    expect(inkomen?.voetnoten).toEqual(['Norm 2015: inclusief indexatie CBS 2014']);
    expect(inkomen?.grafiek?.punten.map((p) => p.jaar)).toEqual([2013, 2014, 2015]);
  });

  it('shows every indicator of MEETREGELS §7.2 after those of §4, a section per soort of Trajecten', () => {
    expect(model().secties.map((s) => s.id)).toEqual([
      'parameters',
      'volledigeUitstroom',
      'duurzaamheid',
      'cohort',
      'gedeeltelijkeUitstroom',
      'gemiddeldInkomen',
      'bijstandsbestand',
      'stroom',
      'participatie',
      'trajecten.VAK',
      'trajecten.Workfast',
      'plaatsingen.sroi',
      'plaatsingen.afspraakbaan',
      'plaatsingen.beschut-nieuw',
      'plaatsingen.banenplan',
      'inBeeld',
      'langdurig',
      'minima',
      'schuldhulp',
      'allianties',
      'bron',
      'verantwoording',
    ]);
  });

  it('lays out a soort of Trajecten like the others; a year without it shows zeros', () => {
    const vak = model().secties.find((s) => s.id === 'trajecten.VAK');
    const rows = Object.fromEntries((vak?.rijen ?? []).map((r) => [r.label, r.cellen.map(celTekst)]));
    expect(vak?.titel).toBe('Trajecten VAK: gestart, uitstroom naar werk binnen zes maanden, beëindigd');
    expect(rows.Nulsituatie).toEqual(['0', '72']);
    expect(rows.Norm).toEqual(['', '80']);
    expect(rows.Gerealiseerd).toEqual(['72', '72']);
    expect(rows['naar werk binnen zes maanden']).toEqual(['57', '57']);
    expect(rows['waarvan werk']).toEqual(['45', '45']);
    expect(vak?.grafiek?.punten.map((p) => [p.jaar, p.gerealiseerd, p.norm])).toEqual([
      [2013, 0, null],
      [2014, 72, null],
      [2015, 72, 80],
    ]);
  });

  it('lists the participatieladder’s transitions under Participatiegroei, and the shares of §7 as shares', () => {
    const m = model();
    const rows = Object.fromEntries(
      (m.secties.find((s) => s.id === 'participatie')?.rijen ?? []).map((r) => [r.label, r.cellen.map(celTekst)]),
    );
    expect(rows.Gerealiseerd).toEqual(['210', '212']);
    expect(rows['van trede 2 naar trede 3']).toEqual(['130', '132']);
    expect(rows['van trede 4 naar trede 3']).toEqual(['30', '30']);
    expect(rows['gelijk gebleven op trede 3']).toEqual(['60', '60']);
    const schuld = m.secties.find((s) => s.id === 'schuldhulp')?.rijen.find((r) => r.label === 'Gerealiseerd');
    expect(schuld?.cellen.map(celTekst)).toEqual(['84,0%', '84,0%']);
    const allianties = m.secties.find((s) => s.id === 'allianties');
    expect(allianties?.rijen.find((r) => r.label === 'Norm')?.cellen.map(celTekst)).toEqual(['', '50']);
    expect(allianties?.voetnoten).toEqual(['Norm 2015: 50 allianties in 2013–2015']);
  });

  it('leaves the Nulsituatie empty when the year before is unknown, and Norm empty without normen', () => {
    const m = jaarModel([rapport(2014, 0)], undefined, GEEN_NORMEN);
    const rows = m.secties.find((s) => s.id === 'bijstandsbestand')?.rijen ?? [];
    expect(rows.map((r) => [r.label, r.cellen.map(celTekst)])).toEqual([
      ['Nulsituatie', ['']],
      ['Norm', ['']],
      ['Gerealiseerd', ['3.900']],
      ['Behaald', ['—']],
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
    expect(lines.slice(start, start + 10).map((l) => l.replace(/ +/g, ' '))).toEqual([
      'Volledige uitstroom: huishoudens uit de bijstand door loondienst, onderneming of opleiding',
      ' 2014 2015',
      ' Nulsituatie 409 414',
      ' gemeten of opgegeven gemeten 2013 gemeten 2014',
      ' Norm 400',
      ' Gerealiseerd 414 416',
      ' Behaald ja —',
      ' waarvan loondienst 320 322',
      ' waarvan eigen onderneming 30 30',
      ' waarvan opleiding 64 64',
    ]);
    // Columns line up: every figure ends where its year's header ends.
    const header = lines[start + 1] ?? '';
    expect((lines[start + 2] ?? '').length).toBe(header.length);
    expect(text).toMatch(/\n {2}Gerealiseerd +76,9% +76,9%\n/);
    expect(text).toMatch(/\n {2}Peildatum \(stand\) +31 december 2014 +31 december 2015\n/);
    expect(text).toContain('Verloop van het bijstandsbestand');
    expect(text).toMatch(/\n {2}Eindstand \(31 december\) +3\.900 +3\.902\n/);
    expect(text).toContain('Verantwoording');
    // Internal terms only in the closing Verantwoording.
    const voorVerantwoording = text.slice(0, text.indexOf('Verantwoording'));
    expect(voorVerantwoording).not.toMatch(/MEETREGELS|§|diagnose|genegeerd|[Kk]ennisdatum/);
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
        '| _gemeten of opgegeven_ | gemeten 2013 | gemeten 2014 |',
        '| Norm | 400 |  |',
        '| Gerealiseerd | 414 | 416 |',
        '| Behaald | ja | — |',
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
    expect(lines).toContain('volledigeUitstroom,Behaald,,ja,—');
    expect(lines).toContain('stroom,Eindstand (31 december),aantal,3900,3902');
    expect(lines).toContain('gemiddeldInkomen,Gerealiseerd,euro,474,476');
    expect(lines).toContain('gemiddeldInkomen,voetnoot,,Norm 2015: inclusief indexatie CBS 2014');
    expect(lines).toContain('parameters,Peildatum (stand),,31 december 2014,31 december 2015');
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
      stroom: { ...STROOM_NUL, instroom: { nieuw: -3, teruggevallen: 0, totaal: -3 }, eindstand: -3 },
      participatie: { gemeten: -3, gestegen: -3, gelijk: 0, gedaald: 0, groteVooruitgang: 0 },
      trajecten: {
        VAK: {
          gestart: 0,
          uitstroomBinnenZesMaanden: 0,
          beeindigd: 0,
          resultaten: { werk: 0, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
          trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
        },
        Workfast: {
          gestart: 0,
          uitstroomBinnenZesMaanden: 0,
          beeindigd: -3,
          resultaten: { werk: -3, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
          trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
        },
      },
      plaatsingen: {
        sroi: { inJaar: -3, cumulatief: 0 },
        afspraakbaan: { inJaar: 0, cumulatief: 0 },
        'beschut-nieuw': { inJaar: 0, cumulatief: 0 },
        banenplan: { inJaar: 0, cumulatief: 0 },
      },
      inBeeld: { bijstand: -3, inBeeld: 0, aandeel: 0.0004 },
      langdurig: { bijstand: -3, langdurig: 0, aandeel: 0.0004 },
      minima: { huishoudens: 0 },
      schuldhulp: {
        huishoudens: 0,
        beeindigd: { 'minnelijk-geslaagd': 0, 'minnelijk-mislukt': 0, wsnp: 0, uitgevallen: 0, overig: 0 },
        aandeelMinnelijkGeslaagd: 0,
      },
      allianties: { inJaar: 0, totaal: -3 },
      diagnose: { genegeerd: 0 },
    },
  };
};

describe('vergelijkModel (--kennisdatum T --vergelijk)', () => {
  it('shows per figure: as published on T, as known now, and the difference', () => {
    const text = formatTable(vergelijkModel([herziening()]));
    expect(text).toContain('Herziening van de cijfers 2014');
    expect(text).toContain('2014: gepubliceerd op 1 maart 2015 en nu bekend');
    expect(text).toMatch(/Gepubliceerd 1 maart 2015 +Nu bekend +Verschil/);
    expect(text).toMatch(/ {2}Volledige uitstroom +414 +411 +-3\n/);
    expect(text).toMatch(/ {2}Gemiddeld inkomen per maand +€ 474 +€ 471 +-€ 3\n/);
    expect(text).toMatch(/ {4}overig +5 +8 +\+3\n/);
  });

  it('restates the flow of the year (§4.8 Stroom) too, in a section after the figures', () => {
    const m = vergelijkModel([herziening()]);
    expect(m.secties.map((s) => s.id)).toEqual(['vergelijking-2014', 'vergelijking-2014-stroom']);
    const text = formatTable(m);
    expect(text).toContain('2014, verloop van het bijstandsbestand: gepubliceerd op 1 maart 2015 en nu bekend');
    expect(text).toMatch(/ {4}nieuwe uitkering +\S+ +\S+ +-3\n/);
    expect(text).toMatch(/ {2}Eindstand \(31 december\) +\S+ +\S+ +-3\n/);
    expect(formatCsv(m)).toContain('vergelijking-2014-stroom,Beginstand (31 december van het jaar ervoor),aantal');
  });
});

describe('formatHtml charts (issue 12)', () => {
  it('fit the axis to the data: € 467 against a € 485 norm is not drawn from 0', () => {
    const { min, max } = asBereik([467, 485, 474]);
    expect(min).toBeGreaterThan(300);
    expect(min).toBeLessThanOrEqual(467);
    expect(max).toBeGreaterThanOrEqual(485);
    expect(max - min).toBeLessThan(200);
    // Spread-out values (or a zero) keep 0 at the bottom.
    expect(asBereik([0, 72, 80]).min).toBe(0);
    expect(asBereik([100, 400]).min).toBe(0);
  });

  it('show the Norm legend only in a chart that has a norm', () => {
    const html = formatHtml(model());
    const sectie = (id: string) =>
      html.slice(html.indexOf(`<section id="${id}"`), html.indexOf('</section>', html.indexOf(`<section id="${id}"`)));
    expect(sectie('volledigeUitstroom')).toContain('<text x="124" y="4">Norm</text>');
    expect(sectie('cohort')).toContain('Gerealiseerd</text>');
    expect(sectie('cohort')).not.toContain('>Norm</text>');
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
    // A chart per indicator: 6 of §4, and 12 of §7 (Trajecten: one per soort, here two).
    expect((html.match(/<svg /g) ?? []).length).toBe(18);
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
