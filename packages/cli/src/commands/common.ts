// What the commands share: the common options, opening the store, replaying it with a progress
// bar, reading the normen file and writing the output.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type EventStore, inSpan, type UnreadableEvent } from '@zelfredzaam/adapters';
import type { Recorded } from '@zelfredzaam/domain';
import { apply, type BronHash, emptyState, type ProjectionState, type StateOpties } from '@zelfredzaam/projections';
import { type OptionSpec, type Parsed, stringValue } from '../args.js';
import { CliError, EXIT_REFUSED, echo, UsageError } from '../errors.js';
import { GEEN_NORMEN, type Normen, parseNormen } from '../normen.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { createProgress, status } from '../progress.js';
import { DEFAULT_STORE, describeStore, openStore, parseStore, type StoreSpec } from '../store.js';

export const HELP_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
};

export const STORE_OPTION: OptionSpec = { store: { type: 'string' } };

/** The §3 parameters of one report, as `report` and `verklaar` both read them (readVraag). */
export const PARAMETER_OPTIONS: OptionSpec = {
  from: { type: 'string' },
  jaar: { type: 'string' },
  peildatum: { type: 'string' },
  evaluatiedatum: { type: 'string' },
  meetdatum: { type: 'string' },
  kennisdatum: { type: 'string' },
  hervattingsgrens: { type: 'string' },
  vergelijk: { type: 'boolean' },
};

/** The environment variable naming the store when `--store` is not given (a URL with a password stays off the command line). */
export const STORE_VARIABELE = 'ZELFREDZAAM_STORE';

/** `--store`, else `ZELFREDZAAM_STORE`, else the default PGlite directory. */
export const storeSpecOf = (parsed: Parsed, omgeving: Omgeving): StoreSpec => {
  const fromEnv = omgeving.env?.[STORE_VARIABELE];
  const given = stringValue(parsed, 'store') ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  return parseStore(given ?? DEFAULT_STORE, omgeving.cwd);
};

/** Opens the store, runs `work` with it and always closes it. */
export const withStore = async <T>(
  spec: StoreSpec,
  omgeving: Omgeving,
  work: (store: EventStore) => Promise<T>,
): Promise<T> => {
  // A new PGlite directory takes seconds to initialise: say what is happening.
  const clear = status(omgeving.stderr, `store ${describeStore(spec)} openen…`);
  let store: EventStore;
  try {
    store = await openStore(spec);
  } finally {
    clear();
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
};

/** True when `dir` holds a PGlite database (its PG_VERSION file). */
const isPgliteMap = async (dir: string): Promise<boolean> => {
  try {
    return (await stat(join(dir, 'PG_VERSION'))).isFile();
  } catch {
    return false;
  }
};

/** True when the store holds at least one fact. */
const heeftFeiten = async (store: EventStore): Promise<boolean> => {
  // An unreadable fact is reported by the command's own read (issue 17.7), not here.
  for await (const batch of store.readAll({ batchSize: 1, onUnreadable: () => undefined })) {
    if (batch.length > 0) return true;
  }
  return false;
};

/**
 * For the commands that only read (report, verify, export, verklaar): "no silent zeros" (issue
 * 12). A store that does not exist is never created, and one without a single fact is refused:
 * exit 1, one Dutch line naming the store. Only import, import-perioden and demo create a store.
 */
export const withBestaandeStore = async <T>(
  spec: StoreSpec,
  omgeving: Omgeving,
  work: (store: EventStore) => Promise<T>,
): Promise<T> => {
  const naam = describeStore(spec);
  if (spec.kind === 'memory' || (spec.kind === 'pglite' && spec.path === undefined)) {
    throw new CliError(
      `store ${naam} bevat geen feiten: een store in het geheugen begint leeg; gebruik --from BESTAND of een store met feiten`,
      EXIT_REFUSED,
    );
  }
  if (spec.kind === 'pglite' && spec.path !== undefined && !(await isPgliteMap(spec.path))) {
    throw new CliError(
      `store ${naam} bestaat niet; vul hem eerst met zelfredzaam import of zelfredzaam demo, of kies een andere --store`,
      EXIT_REFUSED,
    );
  }
  return withStore(spec, omgeving, async (store) => {
    if (!(await heeftFeiten(store))) {
      throw new CliError(`store ${naam} bevat geen feiten; vul hem eerst met zelfredzaam import`, EXIT_REFUSED);
    }
    return work(store);
  });
};

/**
 * Every fact of the store, in recorded order, in batches; a stored fact that does not decode goes
 * to `onUnreadable` and is skipped when it is given (issue 17, point 7), else the read fails.
 */
export async function* allFacts(
  store: EventStore,
  onUnreadable?: (event: UnreadableEvent) => void,
): AsyncGenerator<readonly Recorded[]> {
  for await (const batch of store.readAll({
    batchSize: 10_000,
    ...(onUnreadable === undefined ? {} : { onUnreadable }),
  }))
    yield batch.map((stored) => stored.event);
}

/**
 * Folds the whole store into a projection state, with a progress bar on a terminal; `hash`
 * (MEETREGELS §5 bron.sha256) sees every fact too, in recorded order. A `zelfredzaam.replay` span
 * when the hooks trace.
 */
export const replayStore = (
  store: EventStore,
  omgeving: Omgeving,
  onUnreadable?: (event: UnreadableEvent) => void,
  hash?: BronHash,
  opties: StateOpties = {},
): Promise<ProjectionState> =>
  inSpan(omgeving.hooks, 'zelfredzaam.replay', { 'zelfredzaam.store': store.kind }, () =>
    replayInto(store, omgeving, onUnreadable, hash, opties),
  );

const replayInto = async (
  store: EventStore,
  omgeving: Omgeving,
  onUnreadable: ((event: UnreadableEvent) => void) | undefined,
  hash: BronHash | undefined,
  opties: StateOpties,
): Promise<ProjectionState> => {
  const state = emptyState(opties);
  const progress = createProgress(omgeving.stderr, 'afspelen');
  try {
    for await (const batch of allFacts(store, onUnreadable)) {
      for (const feit of batch) apply(state, feit);
      if (hash !== undefined) for (const feit of batch) hash.voegToe(feit);
      progress.tick(batch.length);
    }
  } finally {
    progress.done();
  }
  return state;
};

/** Reads an input file named on the command line; a missing or unreadable file is a usage error. */
export const readInputFile = async (path: string, flag: string, omgeving: Omgeving): Promise<string> => {
  try {
    return await readFile(resolve(omgeving.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'bestaat niet'
        : code === 'EISDIR'
          ? 'is een map'
          : code === 'EACCES'
            ? 'mag niet worden gelezen'
            : 'kan niet worden gelezen';
    throw new UsageError(`${flag}: bestand ${echo(path)} ${why}`);
  }
};

/** The normen of `--normen FILE`, or none. */
export const loadNormen = async (parsed: Parsed, omgeving: Omgeving): Promise<Normen> => {
  const path = stringValue(parsed, 'normen');
  if (path === undefined) return GEEN_NORMEN;
  const text = await readInputFile(path, '--normen', omgeving);
  const result = parseNormen(text);
  if ('fouten' in result) {
    throw new UsageError(`--normen: ${echo(path)} klopt niet:\n  ${result.fouten.join('\n  ')}`);
  }
  return result.normen;
};

/** Writes the output to `--output FILE` or to stdout. */
export const writeOutput = async (text: string, parsed: Parsed, omgeving: Omgeving): Promise<void> => {
  const path = stringValue(parsed, 'output');
  if (path === undefined) {
    await schrijf(omgeving.stdout, text);
    return;
  }
  try {
    await writeFile(resolve(omgeving.cwd, path), text, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`--output: ${echo(path)} kan niet worden geschreven: ${reason}`);
  }
  await meld(omgeving, `Geschreven naar ${path}.`);
};

const group = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** A count the Dutch way: 33066 → "33.066". */
export const aantal = group;

/** Seconds with one decimal, Dutch: 12.34 → "12,3 s". */
export const seconden = (ms: number): string => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
