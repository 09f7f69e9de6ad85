// MEETREGELS §5 and §7.3: the report, every figure of §4 and §7.2 for one year and one set of
// parameters (§3), in one pass over the households (and employers) of the one fold, asking every
// figure of the registry (figuren/) for its part. The figures computed on their own give the
// same numbers (jaarrapport.test.ts).
import { type BronHerkomst, type BronTellingen, bronTellingen, bronUitState, bronVan } from './bron.js';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import { Telling } from './telling.js';
import type { Jaarrapport, Parameters } from './types.js';

/**
 * The §5 JSON object for `parameters` (resolve them with `resolveParameters`). Never replays.
 * `herkomst`: the SHA-256 of the facts (bron.ts BronHash, sha256Van) and the tool's version for
 * `bron`; null there when not given.
 */
export const jaarrapport = (
  state: ProjectionState,
  parameters: Parameters,
  herkomst: BronHerkomst = {},
): Jaarrapport => {
  const peil = peilVan(parameters);
  const telling = new Telling();
  forEachHuishouden(state, peil.cutoff, (buf, off) => telling.telMee(record.zet(buf, off), peil));
  return telling.rapport(peil, state.soorten.list, bronUitState(state, peil.cutoff, herkomst));
};

/**
 * The reports of several sets of parameters (a series of years), equal to `jaarrapport` of each
 * (jaarrapport.test.ts): the households are read once per distinct cut-off (kennisdatum), each
 * household's record handed to every report of that cut-off, instead of once per report (a
 * series of 19 years over 1M facts: some 0.75 s → 0.55 s). `herkomst[i]` is report i's.
 */
export const jaarrapporten = (
  state: ProjectionState,
  parameters: readonly Parameters[],
  herkomst: readonly BronHerkomst[] = [],
): Jaarrapport[] => {
  // From JavaScript: one set of parameters where a list belongs is a mistake worth naming.
  if (!Array.isArray(parameters)) {
    throw new RangeError(
      'jaarrapporten: verwacht een lijst van parameters (één per rapport); voor één jaar: jaarrapport',
    );
  }
  const peilen = parameters.map(peilVan);
  const tellingen = parameters.map(() => new Telling());
  const cutoffs = [...new Set(peilen.map((peil) => peil.cutoff))];
  for (const cutoff of cutoffs) {
    const mine: Peil[] = [];
    const telt: Telling[] = [];
    peilen.forEach((peil, i) => {
      if (peil.cutoff !== cutoff) return;
      mine.push(peil);
      telt.push(tellingen[i] as Telling);
    });
    forEachHuishouden(state, cutoff, (buf, off) => {
      const h = record.zet(buf, off);
      for (let i = 0; i < mine.length; i++) (telt[i] as Telling).telMee(h, mine[i] as Peil);
    });
  }
  const bronnen = new Map(cutoffs.map((cutoff) => [cutoff, bronTellingen(state, cutoff)]));
  return peilen.map((peil, i) =>
    (tellingen[i] as Telling).rapport(
      peil,
      state.soorten.list,
      bronVan(bronnen.get(peil.cutoff) as BronTellingen, herkomst[i] ?? {}),
    ),
  );
};
