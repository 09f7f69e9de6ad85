// `zelfredzaam report`: the figures of one year or a series, from the store or from a file.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { maskBsn } from '@zelfredzaam/domain';
import { BronHash, type ProjectionState, resolveParameters, verklaring } from '@zelfredzaam/projections';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  flag,
  type OptionSpec,
  parseBestand,
  parseDatum,
  parseGeheel,
  parseJaar,
  parseJaren,
  parseKennisdatum,
  parseKeuze,
  readArgs,
  stringValue,
} from '../args.js';
import { CliError, EXIT_OK, EXIT_REFUSED, echo, UsageError } from '../errors.js';
import type { HtmlOptions } from '../format/html.js';
import { verklaringInRapport } from '../format/verklaring.js';
import { formatXlsx } from '../format/xlsx.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { FORMATEN, isToekomstig, kennisdatumsVan, maakModel, maakRapport, type RapportVraag } from '../rapport.js';
import { describeStore } from '../store.js';
import { toolVersie } from '../versie.js';
import {
  aantal,
  HELP_OPTIONS,
  loadNormen,
  PARAMETER_OPTIONS,
  replayStore,
  STORE_OPTION,
  storeSpecOf,
  withBestaandeStore,
  writeOutput,
} from './common.js';
import { LAAD_OPTIES, laadOptiesOf, loadFile, samenvatting, toonNaam } from './laden.js';
import { onleesbaarMelding, verzamelOnleesbaar } from './onleesbaar.js';
import { verklaarParameters } from './verklaar-parameters.js';

const OPTIONS: OptionSpec = {
  ...HELP_OPTIONS,
  ...STORE_OPTION,
  ...PARAMETER_OPTIONS,
  jaren: { type: 'string' },
  format: { type: 'string' },
  normen: { type: 'string' },
  output: { type: 'string' },
  'met-verklaring': { type: 'boolean' },
  ...LAAD_OPTIES,
};

/** Reads and checks the parameters of the report (usage errors before any work is done). */
export const readVraag = (values: ReturnType<typeof readArgs>): RapportVraag => {
  const jaar = stringValue(values, 'jaar');
  const jaren = stringValue(values, 'jaren');
  if (jaar !== undefined && jaren !== undefined) throw new UsageError('--jaar en --jaren gaan niet samen; kies er één');
  if (jaar === undefined && jaren === undefined) {
    throw new UsageError('geef het verslagjaar met --jaar JJJJ, of een reeks met --jaren VAN-TOT');
  }
  const peildatum = stringValue(values, 'peildatum');
  const evaluatiedatum = stringValue(values, 'evaluatiedatum');
  const meetdatum = stringValue(values, 'meetdatum');
  const kennisdatum = stringValue(values, 'kennisdatum');
  const hervattingsgrens = stringValue(values, 'hervattingsgrens');
  const vergelijk = flag(values, 'vergelijk');
  if (vergelijk && kennisdatum === undefined) {
    throw new UsageError('--vergelijk vraagt om --kennisdatum T: de datum waarop de cijfers zijn gepubliceerd');
  }
  return {
    jaren: jaar !== undefined ? [parseJaar(jaar)] : parseJaren(jaren ?? ''),
    reeks: jaren !== undefined,
    vergelijk,
    ...(peildatum === undefined ? {} : { peildatum: parseDatum(peildatum, '--peildatum') }),
    ...(evaluatiedatum === undefined ? {} : { evaluatiedatum: parseDatum(evaluatiedatum, '--evaluatiedatum') }),
    ...(meetdatum === undefined ? {} : { meetdatum: parseDatum(meetdatum, '--meetdatum') }),
    ...(kennisdatum === undefined ? {} : { kennisdatum: parseKennisdatum(kennisdatum) }),
    ...(hervattingsgrens === undefined
      ? {}
      : { hervattingsgrens: parseGeheel(hervattingsgrens, '--hervattingsgrens', 0, MAX_HERVATTINGSGRENS) }),
  };
};

/** MEETREGELS §7.2 Langdurig: a gap in days; a century is more than any bijstand history holds. */
const MAX_HERVATTINGSGRENS = 36_525;

/**
 * The projections check the parameters too (§3); any objection is a usage error, before loading.
 * A year that has not begun is Beoogd in the documents' layout (MEETREGELS §9), refused in JSON.
 */
const checkParameters = (vraag: RapportVraag, vandaag: string, json: boolean): void => {
  for (const jaar of vraag.jaren) {
    if (!json && isToekomstig(jaar, vandaag)) continue;
    const resolved = resolveParameters(
      {
        jaar,
        ...(vraag.peildatum === undefined ? {} : { peildatum: vraag.peildatum }),
        ...(vraag.evaluatiedatum === undefined ? {} : { evaluatiedatum: vraag.evaluatiedatum }),
        ...(vraag.meetdatum === undefined ? {} : { meetdatum: vraag.meetdatum }),
        ...(vraag.kennisdatum === undefined ? {} : { kennisdatum: vraag.kennisdatum }),
        ...(vraag.hervattingsgrens === undefined ? {} : { hervattingsgrens: vraag.hervattingsgrens }),
      },
      vandaag,
    );
    if (isLeft(resolved)) throw new UsageError(resolved.left.bericht);
  }
};

/**
 * `--met-verklaring`: every count of the page expands into its members (MEETREGELS §8); a large
 * cell shows the first 1,000 and the `verklaar` command that lists them all.
 */
const verklaringHtml = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
  argv: readonly string[],
): ((sectieIds: readonly string[]) => HtmlOptions) => {
  const v = verklaring(state, verklaarParameters(vraag, vraag.jaren[0] as number, vandaag));
  // The same source and parameters, as `verklaar` options (quoted for a POSIX shell).
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const keep = new Set([
    '--from',
    '--store',
    '--jaar',
    '--peildatum',
    '--meetdatum',
    '--kennisdatum',
    '--hervattingsgrens',
  ]);
  const bron: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.split('=')[0] as string;
    if (!keep.has(name)) continue;
    bron.push(arg);
    if (!arg.includes('=') && i + 1 < argv.length) bron.push(argv[++i] as string);
  }
  return (sectieIds) =>
    verklaringInRapport(
      {
        cellen: v.cellen,
        aantal: (cel) => v.aantal(cel),
        leden: (cel) => v.leden(cel),
        opdracht: (cel) =>
          ['zelfredzaam verklaar', ...bron, '--cel', cel, '--format', 'csv']
            .map((s, i) => (i === 0 ? s : quote(maskBsn(s))))
            .join(' '),
      },
      sectieIds,
    );
};

export const report = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 0);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.report);
    return EXIT_OK;
  }
  const vraag = readVraag(parsed);
  const formaat = parseKeuze(stringValue(parsed, 'format') ?? 'table', '--format', FORMATEN);
  const from = stringValue(parsed, 'from');
  if (from !== undefined && stringValue(parsed, 'store') !== undefined) {
    throw new UsageError('--from en --store gaan niet samen: het rapport komt uit een bestand óf uit een store');
  }
  if (from === undefined && (flag(parsed, 'pseudonimiseer') || stringValue(parsed, 'max-regel-bytes') !== undefined)) {
    throw new UsageError('--pseudonimiseer en --max-regel-bytes horen bij --from BESTAND: een store is al ingelezen');
  }
  const metVerklaring = flag(parsed, 'met-verklaring');
  if (metVerklaring && (formaat !== 'html' || vraag.reeks || vraag.vergelijk)) {
    throw new UsageError('--met-verklaring hoort bij --format html met één --jaar (zonder --vergelijk)');
  }
  const laadOpties = { ...laadOptiesOf(parsed, omgeving), eventIds: metVerklaring };
  const output = stringValue(parsed, 'output');
  if (output !== undefined) parseBestand(output, '--output');
  const vandaag = omgeving.vandaag();
  checkParameters(vraag, vandaag, formaat === 'json');
  if (formaat === 'xlsx' && stringValue(parsed, 'output') === undefined) {
    throw new UsageError('--format xlsx schrijft een werkmap: geef ook --output BESTAND.xlsx');
  }
  const normen = await loadNormen(parsed, omgeving);

  let refused = 0;
  const onleesbaar = verzamelOnleesbaar();
  let bron: string;
  // MEETREGELS §5 bron.sha256: every fact read is hashed on the way, once per kennisdatum used.
  const hash = new BronHash(kennisdatumsVan(vraag, vandaag));
  let state: Awaited<ReturnType<typeof replayStore>>;
  if (from !== undefined) {
    parseBestand(from, '--from');
    const loaded = await loadFile(from, omgeving, laadOpties, hash);
    refused = loaded.result.refused;
    state = loaded.state;
    bron = `bestand ${toonNaam(from)}`;
    if (state.facts === 0) {
      throw new CliError(
        `bestand ${toonNaam(from)} bevat geen (geaccepteerde) feiten: er valt niets te meten`,
        EXIT_REFUSED,
      );
    }
    if (refused > 0) {
      await meld(
        omgeving,
        `${samenvatting(loaded.result, toonNaam(from))}; het rapport gaat over de geaccepteerde regels.`,
      );
    }
  } else {
    const spec = storeSpecOf(parsed, omgeving);
    state = await withBestaandeStore(spec, omgeving, (store) =>
      replayStore(store, omgeving, onleesbaar.add, hash, { eventIds: metVerklaring }),
    );
    bron = `store ${describeStore(spec)}`;
    // Facts that no longer decode are skipped and counted (issue 17, point 7): the report says so.
    if (onleesbaar.count > 0) bron += `; ${aantal(onleesbaar.count)} onleesbare opgeslagen feiten overgeslagen`;
  }
  const html = metVerklaring ? verklaringHtml(state, vraag, vandaag, argv) : undefined;
  const uit = {
    formaat,
    normen,
    ondertitel: `Bron: ${bron}`,
    ...(html === undefined ? {} : { html }),
    onleesbaar: onleesbaar.count,
    herkomst: { hash, versie: toolVersie() },
  };
  if (formaat === 'xlsx') {
    const model = maakModel(state, vraag, vandaag, uit);
    if (isLeft(model)) throw new UsageError(model.left.bericht);
    const path = stringValue(parsed, 'output') ?? '';
    try {
      await writeFile(resolve(omgeving.cwd, path), await formatXlsx(model.right, uit.ondertitel));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`--output: ${echo(path)} kan niet worden geschreven: ${reason}`);
    }
    await meld(omgeving, `Geschreven naar ${path}.`);
    if (onleesbaar.count > 0) await meld(omgeving, onleesbaarMelding(onleesbaar.count, onleesbaar.events));
    return refused > 0 || onleesbaar.count > 0 ? EXIT_REFUSED : EXIT_OK;
  }
  const text = maakRapport(state, vraag, vandaag, uit);
  if (isLeft(text)) throw new UsageError(text.left.bericht);
  await writeOutput(text.right, parsed, omgeving);
  if (onleesbaar.count > 0) await meld(omgeving, onleesbaarMelding(onleesbaar.count, onleesbaar.events));
  return refused > 0 || onleesbaar.count > 0 ? EXIT_REFUSED : EXIT_OK;
};
