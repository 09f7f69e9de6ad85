// `zelfredzaam import FILE`: NDJSON into the store through the decider.
import { CorruptStoredEventError, type Derivation } from '@zelfredzaam/adapters';
import { maskBsn } from '@zelfredzaam/domain';
import { flag, type OptionSpec, parseBestand, readArgs, stringValue } from '../args.js';
import { CliError, EXIT_ERROR, EXIT_OK, EXIT_REFUSED, echo, UsageError } from '../errors.js';
import { HELP } from '../help.js';
import { alsJson, logJson, meld, type Omgeving, schrijf } from '../omgeving.js';
import { describeStore } from '../store.js';
import { aantal, HELP_OPTIONS, STORE_OPTION, seconden, storeSpecOf, withStore } from './common.js';
import { importInto, LAAD_OPTIES, laadOptiesOf, openInput, samenvatting } from './laden.js';

const OPTIONS: OptionSpec = {
  ...HELP_OPTIONS,
  ...STORE_OPTION,
  ...LAAD_OPTIES,
  historisch: { type: 'boolean' },
  afleiding: { type: 'string' },
};

/** `--afleiding canoniek|oud` (issue 17): how a missing eventId is derived. */
const afleidingOf = (waarde: string | undefined): Derivation | undefined => {
  if (waarde === undefined || waarde === 'canoniek' || waarde === 'oud') return waarde;
  throw new UsageError(`--afleiding ${echo(waarde)}: kies canoniek (standaard) of oud`);
};

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** What went wrong with the store, in Dutch: the server's own words only when nothing fits. */
const reden = (error: unknown): string => {
  const code = codeOf(error);
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (code === '57P01' || code === '57P02') return 'de server brak de verbinding af (hij werd herstart of gestopt)';
  if (code === '57P03') return 'de server start op of sluit af en neemt nog geen verbindingen aan';
  if (code === 'ECONNREFUSED') return 'de server weigert de verbinding (draait hij, en op dit adres?)';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated|connection.*(lost|closed)/i.test(message))
    return 'de verbinding werd onverwacht verbroken';
  if (code === 'ETIMEDOUT') return 'de server antwoordt niet';
  if (code?.startsWith('08') === true) return `verbindingsfout (SQLSTATE ${code})`;
  // A stored fact of a household in the file no longer decodes (issue 17, point 7).
  if (error instanceof CorruptStoredEventError) {
    const positie = error.position ?? 'N';
    return `${error.message}; zet dat feit apart met: zelfredzaam intrekken --positie ${positie}`;
  }
  return `de store gaf een fout: ${maskBsn(message)}`;
};

/**
 * An error of the store during an import (a lost connection, a full disk), as one Dutch line
 * with what to do (exit 3, no stack trace): whatever was stored stays, and a re-run of the same
 * import adds the rest without duplicates (eventIds make a re-import idempotent).
 */
const storeFout = (error: unknown, store: string, regels: number): CliError =>
  new CliError(
    `importeren in ${store} afgebroken: ${reden(error)}. ${
      regels > 0 ? `Regels 1 tot en met ${aantal(regels)} zijn verwerkt en blijven bewaard. ` : ''
    }Draai dezelfde import opnieuw om af te maken: wat al is vastgelegd, wordt niet dubbel vastgelegd.`,
    EXIT_ERROR,
  );

export const importCommand = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 1);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.import);
    return EXIT_OK;
  }
  const path = parsed.positionals[0];
  if (path === undefined)
    throw new UsageError('geef het NDJSON-bestand om te importeren (of - voor de standaardinvoer)');
  parseBestand(path, 'bestand');
  const spec = storeSpecOf(parsed, omgeving);
  const afleiding = afleidingOf(stringValue(parsed, 'afleiding'));
  const opties = {
    ...laadOptiesOf(parsed, omgeving),
    ...(afleiding === undefined ? {} : { afleiding }),
    ...(flag(parsed, 'historisch') ? { historisch: true } : {}),
  };
  const input = await openInput(path, omgeving);
  const started = performance.now();
  let verwerkt = 0;
  const result = await withStore(spec, omgeving, async (store) => {
    try {
      return await importInto(store, input, omgeving, { ...opties, naVoortgang: (regels) => (verwerkt = regels) });
    } catch (error) {
      if (error instanceof UsageError || error instanceof CliError) throw error;
      throw storeFout(error, describeStore(spec), verwerkt);
    }
  });
  const ms = performance.now() - started;
  if (alsJson(omgeving)) {
    await logJson(omgeving, {
      level: result.refused > 0 ? 'warn' : 'info',
      event: 'summary',
      command: 'import',
      input: input.naam,
      store: describeStore(spec),
      lines: result.lines,
      accepted: result.accepted,
      alreadyStored: result.alreadyStored,
      refused: result.refused,
      blank: result.blank,
      seconds: Math.round(ms) / 1000,
    });
  } else {
    await meld(omgeving, `${samenvatting(result, input.naam)} in ${describeStore(spec)} (${seconden(ms)}).`);
  }
  return result.refused > 0 ? EXIT_REFUSED : EXIT_OK;
};
