// `zelfredzaam import-perioden PERIODEN.csv …` (MEETREGELS §10, issue 15): a case system's
// periods (and income) export turned into facts and reconciled with the store, through the
// adapters' importPerioden. Every refusal one line on stderr; a summary line at the end.
import {
  importPerioden,
  PeriodenBestandFout,
  PeriodenOptieFout,
  type PeriodenResultaat,
  type Redenen,
  redenenVan,
} from '@zelfredzaam/adapters';
import { parse as parseYaml } from 'yaml';
import { flag, type OptionSpec, parseBestand, readArgs, stringValue } from '../args.js';
import { EXIT_OK, EXIT_REFUSED, echo, UsageError } from '../errors.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { createProgress } from '../progress.js';
import { pseudoniem, pseudoniemSleutel } from '../pseudonimiseer.js';
import { describeStore } from '../store.js';
import { aantal, HELP_OPTIONS, readInputFile, STORE_OPTION, seconden, storeSpecOf, withStore } from './common.js';
import { openInput, toonNaam } from './laden.js';

const OPTIONS: OptionSpec = {
  ...HELP_OPTIONS,
  ...STORE_OPTION,
  inkomsten: { type: 'string' },
  bron: { type: 'string' },
  peilmoment: { type: 'string' },
  redenen: { type: 'string' },
  pseudonimiseer: { type: 'boolean' },
};

/** The mapping of `--redenen FILE` (YAML or JSON `{code: reden}`); a wrong file is a usage error. */
const leesRedenen = async (path: string, omgeving: Omgeving): Promise<Redenen> => {
  const text = await readInputFile(path, '--redenen', omgeving);
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    throw new UsageError(`--redenen: ${echo(path)} is geen geldige YAML of JSON`);
  }
  const result = redenenVan(value, toonNaam(path));
  if ('fouten' in result) throw new UsageError(`--redenen: ${echo(path)} klopt niet:\n  ${result.fouten.join('\n  ')}`);
  return result.redenen;
};

/** The summary line: rows read, households reconciled, facts appended and retracted, households skipped. */
export const periodenSamenvatting = (r: PeriodenResultaat): string => {
  const parts = [
    `${aantal(r.rijen)} rijen gelezen`,
    `${aantal(r.huishoudensVerzoend)} huishoudens bijgewerkt`,
    `${aantal(r.feitenToegevoegd)} feiten toegevoegd`,
    `${aantal(r.feitenIngetrokken)} ingetrokken`,
    `${aantal(r.huishoudensOvergeslagen)} huishoudens overgeslagen`,
  ];
  if (r.rijenOvergeslagen > 0) parts.push(`${aantal(r.rijenOvergeslagen)} onleesbare rijen zonder huishouden`);
  return parts.join(', ');
};

export const importPeriodenCommand = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 1);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP['import-perioden']);
    return EXIT_OK;
  }
  const path = parsed.positionals[0];
  if (path === undefined) throw new UsageError('geef het CSV-bestand met perioden');
  parseBestand(path, 'bestand');
  const bron = stringValue(parsed, 'bron');
  if (bron === undefined)
    throw new UsageError('geef --bron NAAM: de naam van het bronsysteem (bijvoorbeeld zaaksysteem)');
  const peilmoment = stringValue(parsed, 'peilmoment');
  if (peilmoment === undefined)
    throw new UsageError('geef --peilmoment: de datum (of het tijdstip) waarop de export is gemaakt');
  const inkomstenPad = stringValue(parsed, 'inkomsten');
  const redenenPad = stringValue(parsed, 'redenen');
  const redenen = redenenPad === undefined ? undefined : await leesRedenen(redenenPad, omgeving);
  const sleutel = flag(parsed, 'pseudonimiseer') ? pseudoniemSleutel(omgeving.env ?? {}) : undefined;
  const spec = storeSpecOf(parsed, omgeving);
  const perioden = await openInput(path, omgeving);
  const inkomsten = inkomstenPad === undefined ? undefined : await openInput(inkomstenPad, omgeving);
  const started = performance.now();
  const result = await withStore(spec, omgeving, async (store) => {
    const progress = createProgress(omgeving.stderr, 'importeren');
    try {
      return await importPerioden(store, {
        perioden: { stream: perioden.stream, naam: perioden.naam },
        ...(inkomsten === undefined ? {} : { inkomsten: { stream: inkomsten.stream, naam: inkomsten.naam } }),
        bron,
        peilmoment,
        ...(redenen === undefined ? {} : { redenen }),
        ...(sleutel === undefined ? {} : { huishoudenVan: (id: string) => pseudoniem(sleutel, 'huishouden', id) }),
        onWeigering: (w) => {
          progress.done();
          omgeving.stderr.write(`${w.bericht}\n`);
        },
        onVoortgang: (rijen) => progress.set(rijen, undefined),
      });
    } catch (error) {
      if (error instanceof PeriodenOptieFout) throw new UsageError(`--${error.message}`);
      if (error instanceof PeriodenBestandFout) throw new UsageError(error.message);
      throw error;
    } finally {
      progress.done();
    }
  });
  await meld(
    omgeving,
    `${periodenSamenvatting(result)} in ${describeStore(spec)} (${seconden(performance.now() - started)}).`,
  );
  return result.huishoudensOvergeslagen > 0 || result.rijenOvergeslagen > 0 ? EXIT_REFUSED : EXIT_OK;
};
