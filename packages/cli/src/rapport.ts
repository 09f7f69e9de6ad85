// From a replayed state and the command line's parameters to the report in the asked format.
// Pure: the state, the parameters and today's date in; a string out.

import { isValidDatum, parseInstant } from '@zelfredzaam/domain';
import {
  type Herziening,
  herziening,
  type Jaarrapport,
  jaarrapport,
  type ParameterFout,
  type ProjectionState,
  resolveParameters,
} from '@zelfredzaam/projections';
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js';
import { DateTime } from 'luxon';
import { formatCsv } from './format/csv.js';
import { formatHtml } from './format/html.js';
import { formatMarkdown } from './format/md.js';
import { getal, jaarModel, type RapportModel, vergelijkModel } from './format/model.js';
import { formatTable } from './format/table.js';
import type { Normen } from './normen.js';

export const FORMATEN = ['table', 'json', 'md', 'csv', 'html'] as const;
export type Formaat = (typeof FORMATEN)[number];

/** What the command line asks for (already checked one by one). */
export interface RapportVraag {
  readonly jaren: readonly number[];
  /** Asked as a series (--jaren): JSON is then a list, even of one year. */
  readonly reeks: boolean;
  readonly peildatum?: string;
  readonly meetdatum?: string;
  readonly kennisdatum?: string;
  /** MEETREGELS §7.2 Langdurig: gaps shorter than this many days merge spells (default 0). */
  readonly hervattingsgrens?: number;
  /** With a kennisdatum: published on it, known now, and the difference. */
  readonly vergelijk: boolean;
}

/** The §3 parameters of one year; the same flags hold for every year of a series. */
const parametersVan = (vraag: RapportVraag, jaar: number, vandaag: string, metKennisdatum: boolean) =>
  resolveParameters(
    {
      jaar,
      ...(vraag.peildatum === undefined ? {} : { peildatum: vraag.peildatum }),
      ...(vraag.meetdatum === undefined ? {} : { meetdatum: vraag.meetdatum }),
      ...(vraag.kennisdatum === undefined || !metKennisdatum ? {} : { kennisdatum: vraag.kennisdatum }),
      ...(vraag.hervattingsgrens === undefined ? {} : { hervattingsgrens: vraag.hervattingsgrens }),
    },
    vandaag,
  );

export interface Jaren {
  readonly rapporten: readonly Jaarrapport[];
  /** The year before the first: its realised figures are the first Nulsituatie. */
  readonly vorige: Jaarrapport | undefined;
}

/** The §5 report of every year asked for, and of the year before (for the Nulsituatie). */
export const berekenJaren = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
): Either<ParameterFout, Jaren> => {
  const rapporten: Jaarrapport[] = [];
  for (const jaar of vraag.jaren) {
    const parameters = parametersVan(vraag, jaar, vandaag, true);
    if (isLeft(parameters)) return parameters;
    rapporten.push(jaarrapport(state, parameters.right));
  }
  const first = vraag.jaren[0];
  let vorige: Jaarrapport | undefined;
  if (first !== undefined && first - 1 >= 1990) {
    const parameters = parametersVan(vraag, first - 1, vandaag, true);
    if (!isLeft(parameters)) vorige = jaarrapport(state, parameters.right);
  }
  return right({ rapporten, vorige });
};

/**
 * The day a report published at `kennisdatum` was made (a date, or an instant's date in the
 * Netherlands): on that day its peildatum defaulted to the earlier of (Y+1)-12-31 and that day.
 */
export const publicatiedag = (kennisdatum: string): string | undefined => {
  if (isValidDatum(kennisdatum)) return kennisdatum;
  const ms = parseInstant(kennisdatum);
  return ms === undefined
    ? undefined
    : (DateTime.fromMillis(ms, { zone: 'Europe/Amsterdam' }).toISODate() ?? undefined);
};

/**
 * Per year: as published on the kennisdatum, as known now, and the difference (MEETREGELS §3).
 * Both sides use the parameters of the day of publication (a peildatum left to its default is
 * the one the published report had), so they differ only in what was known.
 */
export const berekenHerzieningen = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
): Either<ParameterFout, readonly Herziening[]> => {
  const publicatiedatum = vraag.kennisdatum;
  if (publicatiedatum === undefined) {
    return left({
      kind: 'ParameterFout',
      parameter: 'kennisdatum',
      ontvangen: '',
      bericht: '--vergelijk vraagt om --kennisdatum (de datum van publicatie)',
    });
  }
  const dag = publicatiedag(publicatiedatum);
  const peildag = dag !== undefined && dag < vandaag ? dag : vandaag;
  const out: Herziening[] = [];
  for (const jaar of vraag.jaren) {
    const parameters = parametersVan(vraag, jaar, peildag, false);
    if (isLeft(parameters)) return parameters;
    const h = herziening(state, parameters.right, publicatiedatum);
    if (isLeft(h)) return h;
    out.push(h.right);
  }
  return right(out);
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A model in one of the human formats. */
export const formatModel = (model: RapportModel, formaat: Exclude<Formaat, 'json'>, ondertitel?: string): string => {
  switch (formaat) {
    case 'table':
      return formatTable(model);
    case 'md':
      return formatMarkdown(model);
    case 'csv':
      return formatCsv(model);
    case 'html':
      return formatHtml(model, ondertitel === undefined ? {} : { ondertitel });
  }
};

export interface RapportUit {
  readonly formaat: Formaat;
  readonly normen: Normen;
  /** A line under the HTML title (the source). */
  readonly ondertitel?: string;
  /**
   * Stored facts skipped because they no longer decode (issue 17, point 7): when there are any,
   * a row "Onleesbare opgeslagen feiten (diagnose)" under the parameters, and
   * `diagnose.onleesbaar` in JSON. They count in no figure of any year.
   */
  readonly onleesbaar?: number;
}

/** The report model with the count of unreadable stored facts under the parameters. */
const metOnleesbaar = (model: RapportModel, onleesbaar: number): RapportModel =>
  onleesbaar === 0
    ? model
    : {
        ...model,
        secties: model.secties.map((sectie) =>
          sectie.id !== 'parameters'
            ? sectie
            : {
                ...sectie,
                rijen: [
                  ...sectie.rijen,
                  {
                    label: 'Onleesbare opgeslagen feiten (diagnose)',
                    niveau: 0,
                    cellen: sectie.kolommen.map(() => getal(onleesbaar, 'aantal')),
                  },
                ],
                voetnoten: [
                  ...sectie.voetnoten,
                  'Onleesbare opgeslagen feiten tellen in geen enkel cijfer mee; verify noemt hun positie.',
                ],
              },
        ),
      };

/** The whole report as text: §5 JSON (one object, or a list for several years) or the documents' layout. */
export const maakRapport = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
  uit: RapportUit,
): Either<ParameterFout, string> => {
  if (vraag.vergelijk) {
    const herzieningen = berekenHerzieningen(state, vraag, vandaag);
    if (isLeft(herzieningen)) return herzieningen;
    if (uit.formaat === 'json') {
      return right(json(vraag.reeks ? herzieningen.right : herzieningen.right[0]));
    }
    return right(formatModel(vergelijkModel(herzieningen.right), uit.formaat, uit.ondertitel));
  }
  const jaren = berekenJaren(state, vraag, vandaag);
  if (isLeft(jaren)) return jaren;
  const onleesbaar = uit.onleesbaar ?? 0;
  if (uit.formaat === 'json') {
    const rapporten =
      onleesbaar === 0
        ? jaren.right.rapporten
        : jaren.right.rapporten.map((r) => ({ ...r, diagnose: { ...r.diagnose, onleesbaar } }));
    return right(json(vraag.reeks ? rapporten : rapporten[0]));
  }
  return right(
    formatModel(
      metOnleesbaar(jaarModel(jaren.right.rapporten, jaren.right.vorige, uit.normen), onleesbaar),
      uit.formaat,
      uit.ondertitel,
    ),
  );
};
