// The §3 parameters of `verklaar` and `report --met-verklaring`: the same as the report's.
import { type Parameters, resolveParameters } from '@zelfredzaam/projections';
import { isLeft } from 'fp-ts/lib/Either.js';
import { UsageError } from '../errors.js';
import { publicatiedag, type RapportVraag } from '../rapport.js';

/** The §3 parameters of the year asked (a restatement: as on the day of publication, as `report --vergelijk`). */
export const verklaarParameters = (vraag: RapportVraag, jaar: number, vandaag: string): Parameters => {
  const dag = vraag.vergelijk && vraag.kennisdatum !== undefined ? publicatiedag(vraag.kennisdatum) : undefined;
  const peildag = dag !== undefined && dag < vandaag ? dag : vandaag;
  const resolved = resolveParameters(
    {
      jaar,
      ...(vraag.peildatum === undefined ? {} : { peildatum: vraag.peildatum }),
      ...(vraag.evaluatiedatum === undefined ? {} : { evaluatiedatum: vraag.evaluatiedatum }),
      ...(vraag.meetdatum === undefined ? {} : { meetdatum: vraag.meetdatum }),
      ...(vraag.kennisdatum === undefined ? {} : { kennisdatum: vraag.kennisdatum }),
      ...(vraag.hervattingsgrens === undefined ? {} : { hervattingsgrens: vraag.hervattingsgrens }),
    },
    peildag,
  );
  if (isLeft(resolved)) throw new UsageError(resolved.left.bericht);
  return resolved.right;
};
