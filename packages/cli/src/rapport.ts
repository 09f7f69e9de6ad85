// From a replayed state and the command line's parameters to the report in the asked format.
// Pure: the state, the parameters and today's date in; a string out.

import { isValidDatum, parseInstant } from '@zelfredzaam/domain';
import {
  type BronHash,
  type BronHerkomst,
  type Herziening,
  herziening,
  type Jaarrapport,
  jaarrapport,
  jaarrapporten,
  type ParameterFout,
  type Parameters,
  type ProjectionState,
  resolveParameters,
} from '@zelfredzaam/projections';
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js';
import { DateTime } from 'luxon';
import { formatCsv, formatCsvNl } from './format/csv.js';
import { formatHtml, type HtmlOptions } from './format/html.js';
import { formatMarkdown } from './format/md.js';
import { getal, jaarModel, type RapportModel, vergelijkModel } from './format/model.js';
import { formatTable } from './format/table.js';
import type { Normen } from './normen.js';

export const FORMATEN = ['table', 'json', 'md', 'csv', 'csv-nl', 'html', 'xlsx'] as const;
export type Formaat = (typeof FORMATEN)[number];

/** What the command line asks for (already checked one by one). */
export interface RapportVraag {
  readonly jaren: readonly number[];
  /** Asked as a series (--jaren): JSON is then a list, even of one year. */
  readonly reeks: boolean;
  /** MEETREGELS §3: a date or `+N` (resolved per year). */
  readonly peildatum?: string;
  readonly evaluatiedatum?: string;
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
      ...(vraag.evaluatiedatum === undefined ? {} : { evaluatiedatum: vraag.evaluatiedatum }),
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
  /** MEETREGELS §9 Beoogd: the years asked for that have not begun today. */
  readonly beoogd: readonly number[];
  /** The report of any other year with the same flags (cumulative norms), when it can be made. */
  readonly rapportVan: (jaar: number) => Jaarrapport | undefined;
}

/** What `bron` gets besides the counts: the digests of the facts read and the tool's version. */
export interface Herkomst {
  readonly hash?: BronHash;
  readonly versie?: string;
}

/** MEETREGELS §9: a year that has not begun on the day the report is made. */
export const isToekomstig = (jaar: number, vandaag: string): boolean => `${jaar}-01-01` > vandaag;

/** The kennisdatums (resolved, null for none) the years of `vraag` use: one digest each. */
export const kennisdatumsVan = (vraag: RapportVraag, vandaag: string): (string | null)[] => {
  const out: (string | null)[] = [null];
  for (const jaar of vraag.jaren) {
    const p = parametersVan(vraag, jaar, vandaag, true);
    if (!isLeft(p)) out.push(p.right.kennisdatum);
  }
  if (vraag.vergelijk && vraag.kennisdatum !== undefined && !vraag.kennisdatum.startsWith('+')) {
    out.push(vraag.kennisdatum);
  }
  return [...new Set(out)];
};

/**
 * `bron`'s digest and version for a report. The digest is read when the report's `bron` is made,
 * after its figures are counted: `report --from` hashes the facts on another thread meanwhile.
 */
const herkomstVan = (herkomst: Herkomst, kennisdatum: string | null): BronHerkomst => ({
  get sha256() {
    return herkomst.hash?.sha256(kennisdatum) ?? null;
  },
  versie: herkomst.versie ?? null,
});

/**
 * The §5 report of every year asked for that has begun, and of the year before (for the
 * Nulsituatie); the years that have not begun are Beoogd (MEETREGELS §9), or refused in JSON.
 */
export const berekenJaren = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
  herkomst: Herkomst = {},
  beoogdToegestaan = true,
): Either<ParameterFout, Jaren> => {
  const rapporten: Jaarrapport[] = [];
  const beoogd: number[] = [];
  const cache = new Map<number, Jaarrapport | undefined>();
  const rapportVan = (jaar: number): Jaarrapport | undefined => {
    if (!cache.has(jaar)) {
      const p = jaar < 1990 || isToekomstig(jaar, vandaag) ? undefined : parametersVan(vraag, jaar, vandaag, true);
      cache.set(
        jaar,
        p === undefined || isLeft(p)
          ? undefined
          : jaarrapport(state, p.right, herkomstVan(herkomst, p.right.kennisdatum)),
      );
    }
    return cache.get(jaar);
  };
  // The years asked for and the year before (its figures are the first Nulsituatie), read in
  // one pass over the households (jaarrapporten).
  const gevraagd: { readonly jaar: number; readonly parameters: Parameters }[] = [];
  for (const jaar of vraag.jaren) {
    if (beoogdToegestaan && isToekomstig(jaar, vandaag)) {
      beoogd.push(jaar);
      continue;
    }
    const parameters = parametersVan(vraag, jaar, vandaag, true);
    if (isLeft(parameters)) return parameters;
    gevraagd.push({ jaar, parameters: parameters.right });
  }
  const first = vraag.jaren[0];
  const ervoor = first === undefined || first - 1 < 1990 || isToekomstig(first - 1, vandaag) ? undefined : first - 1;
  const vanErvoor =
    ervoor === undefined || gevraagd.some((g) => g.jaar === ervoor)
      ? undefined
      : parametersVan(vraag, ervoor, vandaag, true);
  const samen =
    vanErvoor === undefined || isLeft(vanErvoor)
      ? gevraagd
      : [...gevraagd, { jaar: ervoor as number, parameters: vanErvoor.right }];
  const berekend = jaarrapporten(
    state,
    samen.map((g) => g.parameters),
    samen.map((g) => herkomstVan(herkomst, g.parameters.kennisdatum)),
  );
  samen.forEach(({ jaar }, i) => {
    const r = berekend[i] as Jaarrapport;
    if (i < gevraagd.length) rapporten.push(r);
    cache.set(jaar, r);
  });
  const vorige = first === undefined ? undefined : rapportVan(first - 1);
  return right({ rapporten, vorige, beoogd, rapportVan });
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
  herkomst: Herkomst = {},
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
    const h = herziening(state, parameters.right, publicatiedatum, {
      ...(herkomst.hash === undefined ? {} : { hash: herkomst.hash }),
      versie: herkomst.versie ?? null,
    });
    if (isLeft(h)) return h;
    out.push(h.right);
  }
  return right(out);
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A model in one of the human text formats (xlsx is a workbook: formatXlsx). */
export const formatModel = (
  model: RapportModel,
  formaat: Exclude<Formaat, 'json' | 'xlsx'>,
  ondertitel?: string,
  html: HtmlOptions = {},
): string => {
  switch (formaat) {
    case 'table':
      return formatTable(model);
    case 'md':
      return formatMarkdown(model);
    case 'csv':
      return formatCsv(model);
    case 'csv-nl':
      return formatCsvNl(model);
    case 'html':
      return formatHtml(model, ondertitel === undefined ? html : { ...html, ondertitel });
  }
};

export interface RapportUit {
  readonly formaat: Formaat;
  readonly normen: Normen;
  /** A line under the HTML title (the source). */
  readonly ondertitel?: string;
  /** More for the HTML page (report --met-verklaring); `sectieIds` are the model's sections. */
  readonly html?: (sectieIds: readonly string[]) => HtmlOptions;
  /** For §5 bron: the digests of the facts read and the tool's version. */
  readonly herkomst?: Herkomst;
  /**
   * Stored facts skipped because they no longer decode (issue 17, point 7): when there are any,
   * a row "Onleesbare opgeslagen feiten (overgeslagen)" under the parameters, and
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
                    label: 'Onleesbare opgeslagen feiten (overgeslagen)',
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

/** The model of the report in the documents' layout (every format but JSON). */
export const maakModel = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
  uit: RapportUit,
): Either<ParameterFout, RapportModel> => {
  const herkomst = uit.herkomst ?? {};
  if (vraag.vergelijk) {
    const herzieningen = berekenHerzieningen(state, vraag, vandaag, herkomst);
    if (isLeft(herzieningen)) return herzieningen;
    return right(vergelijkModel(herzieningen.right));
  }
  const jaren = berekenJaren(state, vraag, vandaag, herkomst);
  if (isLeft(jaren)) return jaren;
  const { rapporten, vorige, beoogd, rapportVan } = jaren.right;
  return right(metOnleesbaar(jaarModel(rapporten, vorige, uit.normen, { beoogd, rapportVan }), uit.onleesbaar ?? 0));
};

/** The whole report as text: §5 JSON (one object, or a list for several years) or the documents' layout. */
export const maakRapport = (
  state: ProjectionState,
  vraag: RapportVraag,
  vandaag: string,
  uit: RapportUit,
): Either<ParameterFout, string> => {
  const herkomst = uit.herkomst ?? {};
  if (uit.formaat === 'json') {
    if (vraag.vergelijk) {
      const herzieningen = berekenHerzieningen(state, vraag, vandaag, herkomst);
      if (isLeft(herzieningen)) return herzieningen;
      return right(json(vraag.reeks ? herzieningen.right : herzieningen.right[0]));
    }
    // JSON is the §5 contract: a year that has not begun cannot be measured (§3), refused.
    const jaren = berekenJaren(state, vraag, vandaag, herkomst, false);
    if (isLeft(jaren)) return jaren;
    const onleesbaar = uit.onleesbaar ?? 0;
    const rapporten =
      onleesbaar === 0
        ? jaren.right.rapporten
        : jaren.right.rapporten.map((r) => ({ ...r, diagnose: { ...r.diagnose, onleesbaar } }));
    return right(json(vraag.reeks ? rapporten : rapporten[0]));
  }
  if (uit.formaat === 'xlsx') {
    return left({
      kind: 'ParameterFout',
      parameter: 'jaar',
      ontvangen: 'xlsx',
      bericht: 'xlsx is een werkmap: gebruik maakModel en formatXlsx',
    });
  }
  const model = maakModel(state, vraag, vandaag, uit);
  if (isLeft(model)) return model;
  const html = uit.html?.(model.right.secties.map((s) => s.id));
  return right(formatModel(model.right, uit.formaat, uit.ondertitel, html));
};
