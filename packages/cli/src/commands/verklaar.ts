// `zelfredzaam verklaar`: MEETREGELS §8 — the members of every cell of a report (or of the cells
// asked with --cel), the restatement per member (--kennisdatum T --vergelijk), or one household's
// timeline and cells (--huishouden ID).
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import {
  type HuishoudenVerklaring,
  type Jaarrapport,
  jaarrapport,
  type ProjectionState,
  verklaarHuishouden,
  verklaring,
  verklaringHerziening,
} from '@zelfredzaam/projections';
import {
  flag,
  type OptionSpec,
  type Parsed,
  parseBestand,
  parseKeuze,
  readArgs,
  stringValue,
  stringValues,
} from '../args.js';
import { CliError, EXIT_OK, EXIT_REFUSED, echo, UsageError } from '../errors.js';
import { csvVeld, neutraliseer } from '../format/csv.js';
import { escapeHtml } from '../format/html.js';
import {
  type CelInhoud,
  type Sink,
  schrijfVerklaring,
  schrijfVerklaringXlsx,
  type VerklaringKop,
} from '../format/verklaring.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { describeStore } from '../store.js';
import {
  HELP_OPTIONS,
  PARAMETER_OPTIONS,
  replayStore,
  STORE_OPTION,
  storeSpecOf,
  withBestaandeStore,
} from './common.js';
import { LAAD_OPTIES, laadOptiesOf, loadFile, samenvatting, toonNaam } from './laden.js';
import { onleesbaarMelding, verzamelOnleesbaar } from './onleesbaar.js';
import { readVraag } from './report.js';
import { verklaarParameters } from './verklaar-parameters.js';

const OPTIONS: OptionSpec = {
  ...HELP_OPTIONS,
  ...STORE_OPTION,
  ...PARAMETER_OPTIONS,
  cel: { type: 'string', multiple: true },
  huishouden: { type: 'string' },
  werkgever: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  ...LAAD_OPTIES,
};

export const VERKLAAR_FORMATEN = ['json', 'csv', 'md', 'html', 'xlsx'] as const;

/** The report's parameters as §5 prints them (every key before the first figure). */
const parametersVan = (r: Jaarrapport): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) {
    if (typeof value === 'object' && value !== null) break;
    out[key] = value;
  }
  return out;
};

/** Opens --output FILE or stdout as a sink; `close` waits until everything is written. */
const openSink = (parsed: Parsed, omgeving: Omgeving): { sink: Sink; close: () => Promise<void> } => {
  const path = stringValue(parsed, 'output');
  if (path === undefined) return { sink: (text) => schrijf(omgeving.stdout, text), close: async () => {} };
  const stream = createWriteStream(resolve(omgeving.cwd, path), 'utf8');
  let failed: Error | undefined;
  stream.on('error', (error) => {
    failed = error;
  });
  const check = (): void => {
    if (failed !== undefined)
      throw new CliError(`--output: ${echo(path)} kan niet worden geschreven: ${failed.message}`);
  };
  return {
    sink: async (text) => {
      check();
      if (!stream.write(text)) await new Promise<void>((r) => stream.once('drain', r));
    },
    close: async () => {
      await new Promise<void>((r) => stream.end(r));
      check();
      await meld(omgeving, `Geschreven naar ${path}.`);
    },
  };
};

const formatHuishouden = (v: HuishoudenVerklaring, parameters: Record<string, unknown>, formaat: string): string => {
  if (formaat === 'json') return `${JSON.stringify({ ...parameters, ...v }, null, 2)}\n`;
  if (formaat === 'csv') {
    const rows = ['\uFEFFsoort,datum,eventId,recordedAt,status,omschrijving,waarom_of_toelichting'];
    const t = (s: string) => csvVeld(neutraliseer(s));
    for (const f of v.tijdlijn) {
      rows.push(
        ['feit', f.datum ?? '', f.eventId, f.recordedAt, f.status, t(f.omschrijving), t(f.waarom ?? '')].join(','),
      );
    }
    for (const c of v.cellen)
      rows.push(['cel', c.maand ?? '', c.feit ?? '', '', '', t(c.cel), t(c.toelichting)].join(','));
    return `${rows.join('\r\n')}\r\n`;
  }
  const md = (s: string) => s.replace(/\|/g, '\\|');
  if (formaat === 'md') {
    const lines = [
      `# Huishouden ${md(v.huishouden)}, ${String(parameters.jaar)}`,
      '',
      '## Tijdlijn',
      '',
      '| datum | feit | eventId | recordedAt | status |',
      '|---|---|---|---|---|',
      ...v.tijdlijn.map(
        (f) =>
          `| ${f.datum ?? ''} | ${md(f.omschrijving)} | ${f.eventId} | ${f.recordedAt} | ${f.status}${f.waarom === undefined ? '' : `: ${md(f.waarom)}`} |`,
      ),
      '',
      '## Cellen',
      '',
      ...(v.cellen.length === 0
        ? ['_in geen enkele cel_']
        : [
            '| cel | maand | toelichting | feiten |',
            '|---|---|---|---|',
            ...v.cellen.map(
              (c) => `| ${md(c.cel)} | ${c.maand ?? ''} | ${md(c.toelichting)} | ${c.feiten.join(' ')} |`,
            ),
          ]),
      '',
    ];
    return lines.join('\n');
  }
  const rows = v.tijdlijn
    .map(
      (f) =>
        `<tr class="${f.status}"><td>${escapeHtml(f.datum ?? '')}</td><td>${escapeHtml(f.omschrijving)}</td><td>${escapeHtml(f.eventId)}</td><td>${escapeHtml(f.recordedAt)}</td><td>${escapeHtml(f.status)}${f.waarom === undefined ? '' : `: ${escapeHtml(f.waarom)}`}</td></tr>`,
    )
    .join('');
  const cellen = v.cellen
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.cel)}</td><td>${escapeHtml(c.maand ?? '')}</td><td>${escapeHtml(c.toelichting)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Huishouden ${escapeHtml(v.huishouden)}</title>
<style>body { font: 14px/1.45 system-ui, sans-serif; margin: 24px 32px; } td { padding: 2px 8px; vertical-align: top; } tr.ingetrokken, tr.overgeslagen { color: #a33; }</style>
</head>
<body>
<h1>Huishouden ${escapeHtml(v.huishouden)}, ${escapeHtml(String(parameters.jaar))}</h1>
<h2>Tijdlijn</h2>
<table><thead><tr><th>datum</th><th>feit</th><th>eventId</th><th>recordedAt</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Cellen</h2>
<table><thead><tr><th>cel</th><th>maand</th><th>toelichting</th></tr></thead><tbody>${cellen}</tbody></table>
</body>
</html>
`;
};

/** The cells asked with --cel (each must exist), or all. */
const gekozen = (parsed: Parsed, alle: readonly string[]): readonly string[] => {
  const asked = stringValues(parsed, 'cel');
  if (asked.length === 0) return alle;
  const known = new Set(alle);
  const unknown = asked.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new UsageError(
      `onbekende cel ${unknown.map(echo).join(', ')}; geldige cellen voor dit rapport:\n  ${alle.join('\n  ')}`,
    );
  }
  return [...new Set(asked)];
};

export const verklaar = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 0);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.verklaar);
    return EXIT_OK;
  }
  const vraag = readVraag(parsed);
  if (vraag.reeks) throw new UsageError('verklaar gaat over één jaar: geef --jaar JJJJ');
  const jaar = vraag.jaren[0] as number;
  const huishouden = stringValue(parsed, 'huishouden');
  const werkgever = stringValue(parsed, 'werkgever');
  if (huishouden !== undefined && werkgever !== undefined) {
    throw new UsageError('--huishouden en --werkgever gaan niet samen; kies er één');
  }
  const enkel = huishouden ?? werkgever;
  const formaat = parseKeuze(
    stringValue(parsed, 'format') ?? (enkel === undefined ? 'json' : 'md'),
    '--format',
    VERKLAAR_FORMATEN,
  );
  if (enkel !== undefined && (vraag.vergelijk || parsed.values.cel !== undefined)) {
    throw new UsageError('--huishouden en --werkgever gaan niet samen met --vergelijk of --cel');
  }
  const from = stringValue(parsed, 'from');
  if (from !== undefined && stringValue(parsed, 'store') !== undefined) {
    throw new UsageError('--from en --store gaan niet samen: de verklaring komt uit een bestand óf uit een store');
  }
  if (from === undefined && (flag(parsed, 'pseudonimiseer') || stringValue(parsed, 'max-regel-bytes') !== undefined)) {
    throw new UsageError('--pseudonimiseer en --max-regel-bytes horen bij --from BESTAND: een store is al ingelezen');
  }
  const output = stringValue(parsed, 'output');
  if (output !== undefined) parseBestand(output, '--output');
  if (formaat === 'xlsx' && output === undefined) {
    throw new UsageError('--format xlsx schrijft een werkmap: geef ook --output BESTAND.xlsx');
  }
  if (formaat === 'xlsx' && enkel !== undefined) {
    throw new UsageError('--huishouden en --werkgever schrijven json, csv, md of html; xlsx is voor de cellen');
  }
  const parameters = verklaarParameters(vraag, jaar, omgeving.vandaag());
  const laadOpties = laadOptiesOf(parsed, omgeving);

  let refused = 0;
  let bron: string;
  let state: ProjectionState;
  if (from !== undefined) {
    parseBestand(from, '--from');
    const loaded = await loadFile(from, omgeving, { ...laadOpties, eventIds: true });
    refused = loaded.result.refused;
    state = loaded.state;
    bron = `bestand ${toonNaam(from)}`;
    if (refused > 0) {
      await meld(
        omgeving,
        `${samenvatting(loaded.result, toonNaam(from))}; de verklaring gaat over de geaccepteerde regels.`,
      );
    }
  } else {
    const spec = storeSpecOf(parsed, omgeving);
    const onleesbaar = verzamelOnleesbaar();
    state = await withBestaandeStore(spec, omgeving, (store) =>
      replayStore(store, omgeving, onleesbaar.add, undefined, { eventIds: true }),
    );
    bron = `store ${describeStore(spec)}`;
    // Facts that no longer decode count nowhere (issue 17, point 7): said, and exit 1 at the end.
    if (onleesbaar.count > 0) {
      refused += onleesbaar.count;
      await meld(omgeving, onleesbaarMelding(onleesbaar.count, onleesbaar.events));
    }
  }

  if (enkel !== undefined) {
    const v = verklaarHuishouden(state, parameters, enkel, { werkgever: werkgever !== undefined });
    if (v === undefined) {
      throw new CliError(
        `${werkgever === undefined ? 'huishouden' : 'werkgever'} ${echo(enkel)} komt niet voor in ${bron}${parameters.kennisdatum === null ? '' : ` (bekend op ${parameters.kennisdatum})`}`,
        EXIT_REFUSED,
      );
    }
    const out = openSink(parsed, omgeving);
    const kop = parametersVan(jaarrapport(state, parameters));
    await out.sink(formatHuishouden(v, kop, formaat));
    await out.close();
    return refused > 0 ? EXIT_REFUSED : EXIT_OK;
  }

  let kop: VerklaringKop;
  let inhoud: CelInhoud[];
  if (vraag.vergelijk) {
    const h = verklaringHerziening(state, parameters);
    inhoud = gekozen(parsed, h.cellen).map((cel) => ({
      soort: 'herziening',
      cel,
      erbij: () => h.erbij(cel),
      eraf: () => h.eraf(cel),
      aantalErbij: h.aantalErbij(cel),
      aantalEraf: h.aantalEraf(cel),
    }));
    kop = {
      parameters: { ...parametersVan(h.gepubliceerd), publicatiedatum: parameters.kennisdatum },
      titel: `Verklaring van de herziening ${jaar}: wat veranderde sinds ${parameters.kennisdatum}`,
      ondertitel: `Bron: ${bron}`,
      herziening: true,
    };
  } else {
    const v = verklaring(state, parameters);
    inhoud = gekozen(parsed, v.cellen).map((cel) => ({
      soort: 'leden',
      cel,
      aantal: v.aantal(cel),
      leden: () => v.leden(cel),
    }));
    kop = {
      parameters: parametersVan(v.rapport),
      titel: `Verklaring van de cijfers ${jaar}`,
      ondertitel: `Bron: ${bron}`,
      herziening: false,
    };
  }
  if (formaat === 'xlsx') {
    const path = output ?? '';
    try {
      await schrijfVerklaringXlsx(resolve(omgeving.cwd, path), kop, inhoud);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`--output: ${echo(path)} kan niet worden geschreven: ${reason}`);
    }
    await meld(omgeving, `Geschreven naar ${path}.`);
  } else {
    const out = openSink(parsed, omgeving);
    await schrijfVerklaring(formaat, kop, inhoud, out.sink);
    await out.close();
  }
  return refused > 0 ? EXIT_REFUSED : EXIT_OK;
};
