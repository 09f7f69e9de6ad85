// `zelfredzaam verklaar` output (MEETREGELS §8): the members of the cells in json, csv, md or
// html. Members are written as they are made (a cell of 100,000 members is never held as a
// list of objects): every writer takes an iterator per cell and a sink that takes text.
import type { Lid } from '@zelfredzaam/projections';
import { csvVeld, neutraliseer } from './csv.js';
import { escapeHtml } from './html.js';

/** Where the text goes; resolves when it is taken (backpressure). */
export type Sink = (text: string) => Promise<void>;

/** One cell to write: all members, or (a restatement) the members that came and went. */
export type CelInhoud =
  | { readonly soort: 'leden'; readonly cel: string; readonly aantal: number; readonly leden: () => Iterable<Lid> }
  | {
      readonly soort: 'herziening';
      readonly cel: string;
      readonly erbij: () => Iterable<Lid>;
      readonly eraf: () => Iterable<Lid>;
      readonly aantalErbij: number;
      readonly aantalEraf: number;
    };

export type VerklaringFormaat = 'json' | 'csv' | 'md' | 'html';

/** Text is collected up to this size before it goes to the sink. */
const BATCH = 64 * 1024;

class Buffered {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly sink: Sink) {}
  async add(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.sink(text);
  }
}

const lidJson = (lid: Lid): string => JSON.stringify(lid);

const wie = (lid: Lid): string => lid.huishouden ?? lid.werkgever ?? '';

const ledenJson = async (out: Buffered, leden: Iterable<Lid>, indent: string): Promise<void> => {
  let first = true;
  await out.add('[');
  for (const lid of leden) {
    await out.add(`${first ? '' : ','}\n${indent}  ${lidJson(lid)}`);
    first = false;
  }
  await out.add(first ? ']' : `\n${indent}]`);
};

/** `{…parameters, "cellen": {PATH: [entry, …] | {"erbij": […], "eraf": […]}}}` */
const writeJson = async (out: Buffered, kop: Readonly<Record<string, unknown>>, cellen: Iterable<CelInhoud>) => {
  const head = JSON.stringify(kop, null, 2);
  await out.add(`${head.slice(0, -2)},\n  "cellen": {`);
  let first = true;
  for (const c of cellen) {
    await out.add(`${first ? '' : ','}\n    ${JSON.stringify(c.cel)}: `);
    first = false;
    if (c.soort === 'leden') await ledenJson(out, c.leden(), '    ');
    else {
      await out.add('{\n      "erbij": ');
      await ledenJson(out, c.erbij(), '      ');
      await out.add(',\n      "eraf": ');
      await ledenJson(out, c.eraf(), '      ');
      await out.add('\n    }');
    }
  }
  await out.add(first ? '}\n}\n' : '\n  }\n}\n');
};

const csvText = (text: string): string => csvVeld(neutraliseer(text));

const writeCsv = async (out: Buffered, cellen: Iterable<CelInhoud>, herziening: boolean) => {
  await out.add(`\uFEFF${herziening ? 'cel,wijziging' : 'cel'},huishouden,werkgever,maand,feit,feiten,toelichting\r\n`);
  const row = (cel: string, wijziging: string | undefined, lid: Lid): string =>
    `${[
      csvText(cel),
      ...(wijziging === undefined ? [] : [wijziging]),
      csvText(lid.huishouden ?? ''),
      csvText(lid.werkgever ?? ''),
      lid.maand ?? '',
      lid.feit ?? '',
      lid.feiten.join(' '),
      csvText(lid.toelichting),
    ].join(',')}\r\n`;
  for (const c of cellen) {
    if (c.soort === 'leden') for (const lid of c.leden()) await out.add(row(c.cel, undefined, lid));
    else {
      for (const lid of c.erbij()) await out.add(row(c.cel, 'erbij', lid));
      for (const lid of c.eraf()) await out.add(row(c.cel, 'eraf', lid));
    }
  }
};

const mdCell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

const mdTabel = async (out: Buffered, leden: Iterable<Lid>): Promise<number> => {
  let n = 0;
  for (const lid of leden) {
    if (n === 0) await out.add('| wie | maand | feit | feiten | toelichting |\n|---|---|---|---|---|\n');
    await out.add(
      `| ${mdCell(wie(lid))} | ${lid.maand ?? ''} | ${lid.feit ?? ''} | ${lid.feiten.join(' ')} | ${mdCell(lid.toelichting)} |\n`,
    );
    n++;
  }
  if (n === 0) await out.add('_geen_\n');
  return n;
};

const writeMd = async (out: Buffered, titel: string, cellen: Iterable<CelInhoud>) => {
  await out.add(`# ${mdCell(titel)}\n`);
  for (const c of cellen) {
    if (c.soort === 'leden') {
      await out.add(`\n## ${mdCell(c.cel)} (${c.aantal})\n\n`);
      await mdTabel(out, c.leden());
    } else {
      await out.add(`\n## ${mdCell(c.cel)} (+${c.aantalErbij} −${c.aantalEraf})\n\n### erbij\n\n`);
      await mdTabel(out, c.erbij());
      await out.add('\n### eraf\n\n');
      await mdTabel(out, c.eraf());
    }
  }
};

/** The rows of a member table in HTML; at most `max` members, returns how many there were. */
export const htmlLeden = (leden: Iterable<Lid>, max = Number.POSITIVE_INFINITY): { html: string; aantal: number } => {
  const rows: string[] = [];
  let n = 0;
  for (const lid of leden) {
    if (n < max) {
      rows.push(
        `<tr><td>${escapeHtml(wie(lid))}</td><td>${escapeHtml(lid.maand ?? '')}</td><td class="id">${escapeHtml(lid.feit ?? '')}</td><td class="id">${lid.feiten.map(escapeHtml).join('<br>')}</td><td>${escapeHtml(lid.toelichting)}</td></tr>`,
      );
    }
    n++;
  }
  const html =
    n === 0
      ? '<p class="geen">geen</p>'
      : `<table class="leden"><thead><tr><th>wie</th><th>maand</th><th>feit</th><th>feiten</th><th>toelichting</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return { html, aantal: n };
};

export const VERKLARING_CSS = `
details { margin: 4px 0; }
summary { cursor: pointer; }
table.leden { font-size: 12px; margin: 6px 0 10px; }
table.leden td { white-space: normal; vertical-align: top; }
table.leden td.id { font-family: ui-monospace, monospace; font-size: 11px; }
p.geen, p.meer { color: #5b6775; font-size: 12px; margin: 4px 0; }
`;

const writeHtml = async (out: Buffered, titel: string, ondertitel: string, cellen: Iterable<CelInhoud>) => {
  await out.add(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titel)}</title>
<style>body { font: 14px/1.45 system-ui, sans-serif; color: #1d2733; margin: 24px 32px; } ${VERKLARING_CSS}</style>
</head>
<body>
<h1>${escapeHtml(titel)}</h1>
<p>${escapeHtml(ondertitel)}</p>
`);
  for (const c of cellen) {
    const id = escapeHtml(c.cel);
    if (c.soort === 'leden') {
      await out.add(`<details data-cel="${id}"><summary>${id}: ${c.aantal}</summary>`);
      await out.add(htmlLeden(c.leden()).html);
    } else {
      await out.add(
        `<details data-cel="${id}"><summary>${id}: +${c.aantalErbij} −${c.aantalEraf}</summary><h4>erbij</h4>`,
      );
      await out.add(htmlLeden(c.erbij()).html);
      await out.add('<h4>eraf</h4>');
      await out.add(htmlLeden(c.eraf()).html);
    }
    await out.add('</details>\n');
  }
  await out.add('</body>\n</html>\n');
};

export interface VerklaringKop {
  /** The report's parameters (as §5), first in the JSON object. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly titel: string;
  readonly ondertitel: string;
  readonly herziening: boolean;
}

/** Writes the cells in a format, member by member. */
export const schrijfVerklaring = async (
  formaat: VerklaringFormaat,
  kop: VerklaringKop,
  cellen: Iterable<CelInhoud>,
  sink: Sink,
): Promise<void> => {
  const out = new Buffered(sink);
  switch (formaat) {
    case 'json':
      await writeJson(out, kop.parameters, cellen);
      break;
    case 'csv':
      await writeCsv(out, cellen, kop.herziening);
      break;
    case 'md':
      await writeMd(out, kop.titel, cellen);
      break;
    case 'html':
      await writeHtml(out, kop.titel, kop.ondertitel, cellen);
      break;
  }
  await out.flush();
};

/** The members shown per cell in `report --met-verklaring`; the rest is counted and pointed to. */
export const MAX_IN_RAPPORT = 1000;

/** What `report --format html --met-verklaring` adds: every count of a section expands into its members. */
export interface VerklaringInRapport {
  readonly cellen: readonly string[];
  aantal(cel: string): number;
  leden(cel: string): Iterable<Lid>;
  /** The command that lists all members of a cell. */
  opdracht(cel: string): string;
}

const celDetails = (v: VerklaringInRapport, cel: string): string => {
  const { html, aantal } = htmlLeden(v.leden(cel), MAX_IN_RAPPORT);
  const meer =
    aantal > MAX_IN_RAPPORT
      ? `<p class="meer">De eerste ${MAX_IN_RAPPORT} van ${aantal} leden; ${aantal - MAX_IN_RAPPORT} weggelaten. Alle leden: <code>${escapeHtml(v.opdracht(cel))}</code></p>`
      : '';
  return `<details data-cel="${escapeHtml(cel)}"><summary>${escapeHtml(cel)}: ${aantal}</summary>${html}${meer}</details>`;
};

/** The HTML options of the report that add the verklaring (sections by their id: a cell `ID.…` goes to section ID). */
export const verklaringInRapport = (
  v: VerklaringInRapport,
  sectieIds: readonly string[],
): { naSectie: (sectie: { readonly id: string }) => string; naSecties: string; css: string } => {
  const perSectie = new Map<string, string[]>();
  const rest: string[] = [];
  // The longest id that prefixes a cell's path wins (trajecten.VAK before trajecten).
  const ids = [...sectieIds].sort((a, b) => b.length - a.length);
  for (const cel of v.cellen) {
    const id = ids.find((s) => cel.startsWith(`${s}.`));
    if (id === undefined) rest.push(cel);
    else perSectie.set(id, [...(perSectie.get(id) ?? []), cel]);
  }
  const block = (cellen: readonly string[]): string =>
    cellen.length === 0
      ? ''
      : `<div class="verklaring"><h3>Verantwoording (MEETREGELS §8)</h3>${cellen.map((c) => celDetails(v, c)).join('')}</div>`;
  return {
    naSectie: (sectie) => block(perSectie.get(sectie.id) ?? []),
    naSecties:
      rest.length === 0
        ? ''
        : `\n<section id="verklaring-overig" data-sectie="verklaring-overig"><h2>Verantwoording: overige tellingen</h2>${block(rest)}</section>`,
    css: `${VERKLARING_CSS}.verklaring h3 { font-size: 14px; margin: 14px 0 4px; }\n`,
  };
};

/**
 * The cells as an Excel workbook at `path`, written row by row (exceljs's streaming writer: a
 * committed row leaves memory). One sheet "Verklaring": a row per member; text cells are made
 * safe from formula injection as in csv.
 */
export const schrijfVerklaringXlsx = async (
  path: string,
  kop: VerklaringKop,
  cellen: Iterable<CelInhoud>,
): Promise<void> => {
  // Loaded when a workbook is asked for: loading it took about 0.2 s of every command's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  workbook.creator = 'zelfredzaam';
  const info = workbook.addWorksheet('Parameters');
  info.addRow([kop.titel]).commit();
  info.addRow([kop.ondertitel]).commit();
  for (const [key, value] of Object.entries(kop.parameters))
    info.addRow([key, value === null ? '' : String(value)]).commit();
  info.commit();
  const sheet = workbook.addWorksheet('Verklaring', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet
    .addRow([
      'cel',
      ...(kop.herziening ? ['wijziging'] : []),
      'huishouden',
      'werkgever',
      'maand',
      'feit',
      'feiten',
      'toelichting',
    ])
    .commit();
  const row = (cel: string, wijziging: string | undefined, lid: Lid): void => {
    sheet
      .addRow([
        neutraliseer(cel),
        ...(wijziging === undefined ? [] : [wijziging]),
        neutraliseer(lid.huishouden ?? ''),
        neutraliseer(lid.werkgever ?? ''),
        lid.maand ?? '',
        lid.feit ?? '',
        lid.feiten.join(' '),
        neutraliseer(lid.toelichting),
      ])
      .commit();
  };
  for (const c of cellen) {
    if (c.soort === 'leden') for (const lid of c.leden()) row(c.cel, undefined, lid);
    else {
      for (const lid of c.erbij()) row(c.cel, 'erbij', lid);
      for (const lid of c.eraf()) row(c.cel, 'eraf', lid);
    }
  }
  sheet.commit();
  await workbook.commit();
};
