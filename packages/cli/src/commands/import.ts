// `zelfredzaam import FILE`: NDJSON into the store through the decider.
import { flag, type OptionSpec, parseBestand, readArgs } from '../args.js';
import { EXIT_OK, EXIT_REFUSED, UsageError } from '../errors.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { describeStore } from '../store.js';
import { HELP_OPTIONS, STORE_OPTION, seconden, storeSpecOf, withStore } from './common.js';
import { importInto, openInput, samenvatting } from './laden.js';

const OPTIONS: OptionSpec = { ...HELP_OPTIONS, ...STORE_OPTION };

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
  const input = await openInput(path, omgeving);
  const started = performance.now();
  const result = await withStore(spec, omgeving, (store) => importInto(store, input, omgeving));
  await meld(
    omgeving,
    `${samenvatting(result, input.naam)} in ${describeStore(spec)} (${seconden(performance.now() - started)}).`,
  );
  return result.refused > 0 ? EXIT_REFUSED : EXIT_OK;
};
