// `zelfredzaam export`: every fact of the store, in recorded order, as NDJSON (MEETREGELS §6),
// with the adapters' exporter: to a file (written beside it and renamed when complete, so an
// interrupted export leaves no half file) or to stdout.
import { resolve } from 'node:path';
import { ExportOutputError, type ExportResult, exportNdjson, exportNdjsonFile } from '@zelfredzaam/adapters';
import { flag, type OptionSpec, parseBestand, readArgs } from '../args.js';
import { CliError, EXIT_OK, EXIT_REFUSED, echo } from '../errors.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { createProgress } from '../progress.js';
import { describeStore } from '../store.js';
import { aantal, HELP_OPTIONS, STORE_OPTION, seconden, storeSpecOf, withBestaandeStore } from './common.js';
import { toonNaam } from './laden.js';
import { onleesbaarMelding } from './onleesbaar.js';

const OPTIONS: OptionSpec = { ...HELP_OPTIONS, ...STORE_OPTION };

export const exportCommand = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 1);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.export);
    return EXIT_OK;
  }
  const path = parsed.positionals[0];
  if (path !== undefined) parseBestand(path, 'bestand');
  const spec = storeSpecOf(parsed, omgeving);
  const started = performance.now();
  const toFile = path !== undefined && path !== '-';
  const result: ExportResult = await withBestaandeStore(spec, omgeving, async (store) => {
    const progress = createProgress(omgeving.stderr, 'exporteren');
    const onProgress = ({ events }: { readonly events: number }): void => progress.set(events);
    try {
      if (!toFile) return await exportNdjson(store, omgeving.stdout, { onProgress });
      try {
        return await exportNdjsonFile(store, resolve(omgeving.cwd, path), { onProgress });
      } catch (error) {
        // Only the file's own failure is blamed on the file (issue 17, point 7).
        if (!(error instanceof ExportOutputError)) throw error;
        throw new CliError(`${echo(path)} kan niet worden geschreven: ${error.message}`);
      }
    } finally {
      progress.done();
    }
  });
  await meld(
    omgeving,
    `${aantal(result.events)} feiten uit ${describeStore(spec)} geëxporteerd naar ${toFile ? toonNaam(path) : 'de standaarduitvoer'} in ${seconden(performance.now() - started)}.`,
  );
  if (result.unreadableCount === 0) return EXIT_OK;
  await meld(omgeving, onleesbaarMelding(result.unreadableCount, result.unreadable));
  return EXIT_REFUSED;
};
