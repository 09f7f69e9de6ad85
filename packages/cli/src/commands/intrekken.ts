// `zelfredzaam intrekken --positie N` (issue 17, point 7): a stored fact that no longer decodes
// is set aside — out of the log, into the table `set_aside` of the store's schema, kept as it was
// with the reason — so report, export and verify stop reporting it. Only an unreadable fact: it
// counts in no figure already, so no figure changes. A readable fact is refused (that one is
// retracted with a GebeurtenisIngetrokken, through import).
import { canSetAside, type Position, shownStream } from '@zelfredzaam/adapters';
import { flag, type OptionSpec, readArgs, stringValue } from '../args.js';
import { CliError, EXIT_OK, echo, UsageError } from '../errors.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { describeStore } from '../store.js';
import { HELP_OPTIONS, STORE_OPTION, storeSpecOf, withStore } from './common.js';

const OPTIONS: OptionSpec = { ...HELP_OPTIONS, ...STORE_OPTION, positie: { type: 'string' } };

export const intrekken = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 0);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.intrekken);
    return EXIT_OK;
  }
  const positie = stringValue(parsed, 'positie');
  if (positie === undefined) throw new UsageError('--positie: geef de positie van het onleesbare feit (zie verify)');
  if (!/^[1-9]\d{0,18}$/.test(positie))
    throw new UsageError(`--positie: verwacht een positief geheel getal, ontvangen ${echo(positie)}`);
  const spec = storeSpecOf(parsed, omgeving);
  const apart = await withStore(spec, omgeving, async (store) => {
    if (!canSetAside(store)) {
      throw new CliError(
        `store ${describeStore(spec)}: een onleesbaar feit apart zetten kan alleen in een PostgreSQL- of PGlite-store`,
      );
    }
    try {
      return await store.setAsideUnreadable(positie as Position);
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(error.message, 1);
      throw error;
    }
  });
  await meld(
    omgeving,
    `Onleesbaar feit op positie ${positie} (stream ${shownStream(apart.stream)}, revisie ${apart.revision}) apart gezet in ${describeStore(spec)}: het staat nu in de tabel set_aside, met de reden (${apart.reason}). Het telde al nergens mee; geen cijfer verandert.`,
  );
  return EXIT_OK;
};
