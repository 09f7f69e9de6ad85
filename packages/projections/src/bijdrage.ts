// Each household's part in the report (`bijdragen`), to trace a figure back to the households
// it counts: the report of that one household, asked of every figure of the registry and read
// back as the household's membership (types.ts Bijdrage).
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import { isWerkgeverKey, type ProjectionState } from './engine/state.js';
import { peilVan } from './parameters.js';
import { Telling } from './telling.js';
import type {
  Bijdrage,
  Bijstandsbestand,
  Cohort,
  Duurzaamheid,
  GedeeltelijkeUitstroom,
  GemiddeldInkomen,
  InBeeld,
  Langdurig,
  Minima,
  Parameters,
  Participatie,
  Plaatsingen,
  Schuldhulp,
  Trajecten,
  VolledigeUitstroom,
} from './types.js';

/** The key among `keys` whose count is 1 in a one-household figure, or null. */
const welke = <K extends string>(figuur: Readonly<Record<K, unknown>>, keys: readonly K[]): K | null =>
  keys.find((k) => figuur[k] === 1) ?? null;

/**
 * Each household's part in `jaarrapport(state, parameters)`, for every household with a fact
 * known at the kennisdatum: to trace a figure back to the households it counts. Employers
 * (§7.1) are not households and are not listed.
 */
export const bijdragen = (state: ProjectionState, parameters: Parameters): Bijdrage[] => {
  const peil = peilVan(parameters);
  const result: Bijdrage[] = [];
  forEachHuishouden(state, peil.cutoff, (buf, off, h) => {
    if (isWerkgeverKey(state.ids[h] ?? '')) return;
    const telling = new Telling();
    const view = record.zet(buf, off);
    telling.telMee(view, peil);
    const r = telling.figuren(peil, state.soorten.list);
    const gedeeltelijk = r.gedeeltelijkeUitstroom as GedeeltelijkeUitstroom;
    const inkomen = r.gemiddeldInkomen as GemiddeldInkomen;
    const bestand = r.bijstandsbestand as Bijstandsbestand;
    const overgang = (r.participatie as Participatie).overgangen[0];
    const schuldhulp = r.schuldhulp as Schuldhulp;
    result.push({
      huishouden: state.ids[h] ?? '',
      volledigeUitstroom: welke(r.volledigeUitstroom as VolledigeUitstroom, ['loondienst', 'onderneming', 'opleiding']),
      duurzaamheid: welke(r.duurzaamheid as Duurzaamheid, ['duurzaam', 'teruggevallen', 'nogOnbekend']),
      cohort: welke(r.cohort as Cohort, ['aanHetWerk', 'ww', 'wwb', 'overig']),
      gedeeltelijkeUitstroom: welke(gedeeltelijk, ['loondienst', 'onderneming']),
      bijstandshuishouden: gedeeltelijk.bijstandshuishoudens === 1,
      maanden: inkomen.maanden,
      totaalCent: inkomen.totaalCent,
      opPeildatum: bestand.opPeildatum === 1,
      inJaar: bestand.inJaar === 1,
      participatie: overgang === undefined ? null : { van: overgang.van, naar: overgang.naar },
      trajecten: r.trajecten as Trajecten,
      plaatsingen: r.plaatsingen as Plaatsingen,
      inBeeld: (r.inBeeld as InBeeld).inBeeld === 1,
      langdurig: (r.langdurig as Langdurig).langdurig === 1,
      minima: (r.minima as Minima).huishoudens === 1,
      schuldhulp: { lopend: schuldhulp.huishoudens === 1, beeindigd: schuldhulp.beeindigd },
      genegeerd: view.genegeerd,
    });
  });
  return result;
};
