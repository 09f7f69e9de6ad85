// `zelfredzaam demo`: generate the demo municipality into the store (through the decider) and
// print its 2012–2015 report; or write it as NDJSON.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { recordFacts } from '@zelfredzaam/adapters';
import type { Recorded } from '@zelfredzaam/domain';
import { BronHash } from '@zelfredzaam/projections';
import { isLeft } from 'fp-ts/lib/Either.js';
import { flag, type OptionSpec, parseBestand, parseGeheel, parseKeuze, readArgs, stringValue } from '../args.js';
import { DEMO_DEFAULTS, type DemoOptions, demoGeschiedenis, demoRegels } from '../demo/generator.js';
import { writeLines } from '../demo/ndjson.js';
import { DEMO_EXPORTS_TOT, DEMO_EXPORTS_VAN, demoPeriodenExports, redenenYaml } from '../demo/perioden.js';
import { CliError, EXIT_OK, EXIT_REFUSED, echo, UsageError } from '../errors.js';
import { HELP } from '../help.js';
import { meld, type Omgeving, schrijf } from '../omgeving.js';
import { createProgress } from '../progress.js';
import { FORMATEN, maakRapport } from '../rapport.js';
import { describeStore } from '../store.js';
import { toolVersie } from '../versie.js';
import {
  aantal,
  HELP_OPTIONS,
  loadNormen,
  replayStore,
  STORE_OPTION,
  seconden,
  storeSpecOf,
  withStore,
} from './common.js';

const OPTIONS: OptionSpec = {
  ...HELP_OPTIONS,
  ...STORE_OPTION,
  seed: { type: 'string' },
  huishoudens: { type: 'string' },
  ndjson: { type: 'string' },
  format: { type: 'string' },
  normen: { type: 'string' },
  perioden: { type: 'string' },
};

/** The years the demo reports on: the simulation runs a year before and after them. */
export const DEMO_JAREN = [2012, 2013, 2014, 2015] as const;

/** Facts appended per call of recordFacts: whole households per chunk, a few round trips. */
const CHUNK = 5_000;

/** Refusals printed in full; beyond this they are only counted. */
const MAX_SHOWN = 20;

const closeStream = (out: Writable): Promise<void> =>
  new Promise((done, fail) => {
    out.once('error', fail);
    out.end(() => done());
  });

const writeDemoFile = async (path: string, options: DemoOptions, omgeving: Omgeving): Promise<number> => {
  const started = performance.now();
  const toStdout = path === '-';
  const out: Writable = toStdout ? omgeving.stdout : createWriteStream(resolve(omgeving.cwd, path));
  const progress = createProgress(omgeving.stderr, 'genereren');
  let result: Awaited<ReturnType<typeof writeLines>>;
  try {
    result = await writeLines(demoRegels(options), out, { onProgress: (n) => progress.set(n) });
    if (!toStdout) await closeStream(out);
  } catch (error) {
    if (!toStdout) out.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`--ndjson: ${echo(path)} kan niet worden geschreven: ${reason}`);
  } finally {
    progress.done();
  }
  const where = toStdout ? 'de standaarduitvoer' : path;
  await meld(
    omgeving,
    `Demo (seed ${options.seed}, ${aantal(options.huishoudens ?? 0)} huishoudens): ${aantal(result.events)} feiten naar ${where} in ${seconden(performance.now() - started)}.`,
  );
  return EXIT_OK;
};

/** `--perioden DIR`: the demo as monthly exports of a case system (MEETREGELS §10), and the reason mapping. */
const writeDemoPerioden = async (dir: string, options: DemoOptions, omgeving: Omgeving): Promise<number> => {
  const started = performance.now();
  const full = resolve(omgeving.cwd, dir);
  const facts = [...demoGeschiedenis(options)];
  let files = 0;
  let correcties = 0;
  try {
    await mkdir(full, { recursive: true });
    await writeFile(join(full, 'redenen.yaml'), redenenYaml(), 'utf8');
    for (const e of demoPeriodenExports(facts, DEMO_EXPORTS_VAN, DEMO_EXPORTS_TOT)) {
      await writeFile(join(full, `perioden-${e.moment}.csv`), e.perioden, 'utf8');
      await writeFile(join(full, `inkomsten-${e.moment}.csv`), e.inkomsten, 'utf8');
      files++;
      correcties += e.correcties;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`--perioden: in ${echo(dir)} kan niet worden geschreven: ${reason}`);
  }
  await meld(
    omgeving,
    `Demo (seed ${options.seed}, ${aantal(options.huishoudens ?? 0)} huishoudens): ${files} maandexports (${DEMO_EXPORTS_VAN} tot en met ${DEMO_EXPORTS_TOT}, ${aantal(correcties)} einden eerst onjuist en een maand later gecorrigeerd) en redenen.yaml in ${dir} (${seconden(performance.now() - started)}).`,
  );
  return EXIT_OK;
};

export const demo = async (argv: readonly string[], omgeving: Omgeving): Promise<number> => {
  const parsed = readArgs(argv, OPTIONS, 0);
  if (flag(parsed, 'help')) {
    await schrijf(omgeving.stdout, HELP.demo);
    return EXIT_OK;
  }
  const seedText = stringValue(parsed, 'seed');
  const countText = stringValue(parsed, 'huishoudens');
  const options = {
    seed: seedText === undefined ? DEMO_DEFAULTS.seed : parseGeheel(seedText, '--seed', 0, 4_294_967_295),
    huishoudens:
      countText === undefined ? DEMO_DEFAULTS.huishoudens : parseGeheel(countText, '--huishoudens', 1, 2_000_000),
  } satisfies DemoOptions;
  // The demo prints its report; a workbook needs `report --format xlsx --output FILE`.
  const formaat = parseKeuze(
    stringValue(parsed, 'format') ?? 'table',
    '--format',
    FORMATEN.filter((f) => f !== 'xlsx'),
  );
  const ndjson = stringValue(parsed, 'ndjson');
  const perioden = stringValue(parsed, 'perioden');
  if (perioden !== undefined) {
    parseBestand(perioden, '--perioden');
    if (ndjson !== undefined || stringValue(parsed, 'store') !== undefined) {
      throw new UsageError('--perioden gaat niet samen met --ndjson of --store: de demo gaat naar één bestemming');
    }
    return writeDemoPerioden(perioden, options, omgeving);
  }
  if (ndjson !== undefined) {
    parseBestand(ndjson, '--ndjson');
    if (stringValue(parsed, 'store') !== undefined) {
      throw new UsageError('--ndjson en --store gaan niet samen: de demo gaat naar een bestand óf naar een store');
    }
    return writeDemoFile(ndjson, options, omgeving);
  }
  const normen = await loadNormen(parsed, omgeving);
  const spec = storeSpecOf(parsed, omgeving);
  const vandaag = omgeving.vandaag();

  const started = performance.now();
  // MEETREGELS §5 bron.sha256 of the facts the store holds (the demo's years have no kennisdatum).
  const hash = new BronHash([null]);
  // A first, fast pass counts the facts, so the progress bar knows its total.
  let total = 0;
  for (const _ of demoGeschiedenis(options)) total++;

  const refusals: string[] = [];
  let appended = 0;
  let alreadyStored = 0;
  let refused = 0;
  const { state, recordMs } = await withStore(spec, omgeving, async (store) => {
    const progress = createProgress(omgeving.stderr, 'vastleggen', total);
    let chunk: Recorded[] = [];
    const flush = async (): Promise<void> => {
      const result = await recordFacts(store, chunk);
      appended += result.appended;
      alreadyStored += result.alreadyStored;
      refused += result.refused;
      for (const outcome of result.outcomes) {
        if (outcome.status === 'refused') refusals.push(outcome.weigering.bericht);
        else if (outcome.status === 'conflict') refusals.push(outcome.bericht);
      }
      progress.tick(chunk.length);
      chunk = [];
    };
    try {
      for (const feit of demoGeschiedenis(options)) {
        chunk.push(feit);
        if (chunk.length >= CHUNK) await flush();
      }
      if (chunk.length > 0) await flush();
    } finally {
      progress.done();
    }
    const recordMs = performance.now() - started;
    return { state: await replayStore(store, omgeving, undefined, hash), recordMs };
  });

  for (const bericht of refusals.slice(0, MAX_SHOWN)) await meld(omgeving, bericht);
  if (refusals.length > MAX_SHOWN)
    await meld(omgeving, `… en nog ${aantal(refusals.length - MAX_SHOWN)} huishoudens geweigerd`);

  const text = maakRapport(state, { jaren: [...DEMO_JAREN], reeks: true, vergelijk: false }, vandaag, {
    formaat,
    normen,
    ondertitel: `Demogemeente (seed ${options.seed}, ${aantal(options.huishoudens)} huishoudens bij de start), store ${describeStore(spec)}`,
    herkomst: { hash, versie: toolVersie() },
  });
  if (isLeft(text)) throw new CliError(text.left.bericht);
  await schrijf(omgeving.stdout, text.right);
  const parts = [`${aantal(appended)} vastgelegd`];
  if (alreadyStored > 0) parts.push(`${aantal(alreadyStored)} waren er al`);
  if (refused > 0) parts.push(`${aantal(refused)} geweigerd`);
  await meld(
    omgeving,
    `Demo (seed ${options.seed}, ${aantal(options.huishoudens)} huishoudens): ${aantal(total)} feiten in ${describeStore(spec)} — ${parts.join(', ')} in ${seconden(recordMs)}; rapport na ${seconden(performance.now() - started)}.`,
  );
  return refused > 0 ? EXIT_REFUSED : EXIT_OK;
};
