// `zelfredzaam verify`: replay the store through the decider; report breaches and counts.
import { shownStream } from '@zelfredzaam/adapters';
import { feitTypes } from '@zelfredzaam/domain';
import { type Controle, createVerifier } from '@zelfredzaam/replay';
import { flag, type OptionSpec, parseKeuze, readArgs, stringValue } from '../args.js';
import { EXIT_OK, EXIT_REFUSED } from '../errors.js';
import { formatControle } from '../format/controle.js';
import { HELP } from '../help.js';
import { type Omgeving, schrijf } from '../omgeving.js';
import { createProgress } from '../progress.js';
import { describeStore } from '../store.js';
import { HELP_OPTIONS, STORE_OPTION, storeSpecOf, withBestaandeStore } from './common.js';

const OPTIONS: OptionSpec = { ...HELP_OPTIONS, ...STORE_OPTION, format: { type: 'string' } };

const asJson = (controle: Controle, store: string): string =>
  `${JSON.stringify(
    {
      store,
      feiten: controle.feiten,
      huishoudens: controle.huishoudens,
      werkgevers: controle.werkgevers,
      schendingen: controle.schendingen,
      perSoortEnJaar: Object.fromEntries(
        feitTypes.flatMap((type) => {
          const perYear = controle.perSoortEnJaar.get(type);
          return perYear === undefined ? [] : [[type, Object.fromEntries(perYear)]];
        }),
      ),
    },
    null,
    2,
  )}\n`;

export const verify = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 0);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.verify);
    return EXIT_OK;
  }
  const formaat = parseKeuze(stringValue(parsed, 'format') ?? 'table', '--format', ['table', 'json'] as const);
  const spec = storeSpecOf(parsed, omgeving);
  const controle = await withBestaandeStore(spec, omgeving, async (store) => {
    const verifier = createVerifier();
    const progress = createProgress(omgeving.stderr, 'controleren');
    try {
      for await (const batch of store.readAll({
        batchSize: 10_000,
        onUnreadable: (u) => verifier.addOnleesbaar(shownStream(u.stream), u.revision, u.position, u.reason),
      })) {
        for (const stored of batch) verifier.add(stored.event, stored.position);
        progress.tick(batch.length);
      }
    } finally {
      progress.done();
    }
    return verifier.result();
  });
  const name = describeStore(spec);
  await schrijf(omgeving.stdout, formaat === 'json' ? asJson(controle, name) : formatControle(controle, name));
  return controle.schendingen.length > 0 ? EXIT_REFUSED : EXIT_OK;
};
