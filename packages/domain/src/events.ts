// MEETREGELS §2 and §7.1: the event catalogue (v1.1). One codec per event; its type is derived
// from it.
import * as t from 'io-ts';
import {
  BedragCent,
  containsBsn,
  Datum,
  EventId,
  HuishoudenId,
  isWellFormedText,
  Maand,
  type RecordedAt,
  TrajectId,
  Trede,
  WerkgeverId,
} from './values.js';

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A free text as the catalogue allows it (issue 17): `min`–`max` characters, no control
 * characters (NUL included), well-formed Unicode (no lone surrogate) and no BSN anywhere in it,
 * plain or written in groups (`VAK 1234.56.782`).
 */
const isVrijeTekst = (s: string, max: number): boolean =>
  s.length >= 1 && s.length <= max && !CONTROL_CHARACTERS.test(s) && isWellFormedText(s) && !containsBsn(s);

export interface ToelichtingBrand {
  readonly Toelichting: unique symbol;
}
/** A free-text explanation: 1–500 characters, no control characters, well-formed, no BSN. */
export const Toelichting = t.brand(
  t.string,
  (s): s is t.Branded<string, ToelichtingBrand> => isVrijeTekst(s, 500),
  'Toelichting',
);
export type Toelichting = t.TypeOf<typeof Toelichting>;

export const Regeling = t.keyof({ Participatiewet: null, IOAW: null, IOAZ: null }, 'Regeling');
export type Regeling = t.TypeOf<typeof Regeling>;

export const UitkeringNaWerk = t.keyof({ beeindigd: null, 'loopt-door': null }, 'UitkeringNaWerk');
export type UitkeringNaWerk = t.TypeOf<typeof UitkeringNaWerk>;

export const RedenBeeindiging = t.keyof(
  {
    verhuizing: null,
    overlijden: null,
    'andere-uitkering': null,
    detentie: null,
    'partner-inkomen': null,
    overig: null,
  },
  'RedenBeeindiging',
);
export type RedenBeeindiging = t.TypeOf<typeof RedenBeeindiging>;

export const TerugvalOp = t.keyof({ WWB: null, WW: null }, 'TerugvalOp');
export type TerugvalOp = t.TypeOf<typeof TerugvalOp>;

export const Bron = t.keyof({ loondienst: null, onderneming: null }, 'Bron');
export type Bron = t.TypeOf<typeof Bron>;

export const UitkeringGestart = t.readonly(
  t.intersection([
    t.type({ type: t.literal('UitkeringGestart'), huishouden: HuishoudenId, datum: Datum }),
    t.partial({ regeling: Regeling }),
  ]),
  'UitkeringGestart',
);
export type UitkeringGestart = t.TypeOf<typeof UitkeringGestart>;

export const InLoondienstGetreden = t.readonly(
  t.type({
    type: t.literal('InLoondienstGetreden'),
    huishouden: HuishoudenId,
    datum: Datum,
    uitkering: UitkeringNaWerk,
  }),
  'InLoondienstGetreden',
);
export type InLoondienstGetreden = t.TypeOf<typeof InLoondienstGetreden>;

export const EigenOndernemingGestart = t.readonly(
  t.type({
    type: t.literal('EigenOndernemingGestart'),
    huishouden: HuishoudenId,
    datum: Datum,
    uitkering: UitkeringNaWerk,
  }),
  'EigenOndernemingGestart',
);
export type EigenOndernemingGestart = t.TypeOf<typeof EigenOndernemingGestart>;

export const OpleidingGestart = t.readonly(
  t.type({ type: t.literal('OpleidingGestart'), huishouden: HuishoudenId, datum: Datum }),
  'OpleidingGestart',
);
export type OpleidingGestart = t.TypeOf<typeof OpleidingGestart>;

export const UitkeringBeeindigd = t.readonly(
  t.type({
    type: t.literal('UitkeringBeeindigd'),
    huishouden: HuishoudenId,
    datum: Datum,
    reden: RedenBeeindiging,
  }),
  'UitkeringBeeindigd',
);
export type UitkeringBeeindigd = t.TypeOf<typeof UitkeringBeeindigd>;

export const Teruggevallen = t.readonly(
  t.type({ type: t.literal('Teruggevallen'), huishouden: HuishoudenId, datum: Datum, op: TerugvalOp }),
  'Teruggevallen',
);
export type Teruggevallen = t.TypeOf<typeof Teruggevallen>;

export const InkomstenOntvangen = t.readonly(
  t.type({
    type: t.literal('InkomstenOntvangen'),
    huishouden: HuishoudenId,
    maand: Maand,
    bron: Bron,
    bedragCent: BedragCent,
  }),
  'InkomstenOntvangen',
);
export type InkomstenOntvangen = t.TypeOf<typeof InkomstenOntvangen>;

export interface TrajectSoortBrand {
  readonly TrajectSoort: unique symbol;
}
/** The kind of a trajectory (MEETREGELS §7.1): free text (isVrijeTekst), 1–40 characters, e.g. `Workfast`, `VAK`. */
export const TrajectSoort = t.brand(
  t.string,
  (s): s is t.Branded<string, TrajectSoortBrand> => isVrijeTekst(s, 40),
  'TrajectSoort',
);
export type TrajectSoort = t.TypeOf<typeof TrajectSoort>;

export interface MinimaregelingBrand {
  readonly Minimaregeling: unique symbol;
}
/** The name of an income-support scheme (MEETREGELS §7.1): free text (isVrijeTekst), 1–60 characters. */
export const Minimaregeling = t.brand(
  t.string,
  (s): s is t.Branded<string, MinimaregelingBrand> => isVrijeTekst(s, 60),
  'Minimaregeling',
);
export type Minimaregeling = t.TypeOf<typeof Minimaregeling>;

export const TrajectResultaat = t.keyof(
  { werk: null, opleiding: null, ingetrokken: null, voltooid: null, uitgevallen: null },
  'TrajectResultaat',
);
export type TrajectResultaat = t.TypeOf<typeof TrajectResultaat>;

export const SchuldhulpResultaat = t.keyof(
  { 'minnelijk-geslaagd': null, 'minnelijk-mislukt': null, wsnp: null, uitgevallen: null, overig: null },
  'SchuldhulpResultaat',
);
export type SchuldhulpResultaat = t.TypeOf<typeof SchuldhulpResultaat>;

export const PlaatsingSoort = t.keyof(
  { sroi: null, afspraakbaan: null, 'beschut-nieuw': null, banenplan: null },
  'PlaatsingSoort',
);
export type PlaatsingSoort = t.TypeOf<typeof PlaatsingSoort>;

export const ParticipatieTredeVastgesteld = t.readonly(
  t.type({ type: t.literal('ParticipatieTredeVastgesteld'), huishouden: HuishoudenId, datum: Datum, trede: Trede }),
  'ParticipatieTredeVastgesteld',
);
export type ParticipatieTredeVastgesteld = t.TypeOf<typeof ParticipatieTredeVastgesteld>;

export const TrajectGestart = t.readonly(
  t.type({
    type: t.literal('TrajectGestart'),
    huishouden: HuishoudenId,
    datum: Datum,
    trajectId: TrajectId,
    soort: TrajectSoort,
  }),
  'TrajectGestart',
);
export type TrajectGestart = t.TypeOf<typeof TrajectGestart>;

export const TrajectBeeindigd = t.readonly(
  t.type({
    type: t.literal('TrajectBeeindigd'),
    huishouden: HuishoudenId,
    datum: Datum,
    trajectId: TrajectId,
    resultaat: TrajectResultaat,
  }),
  'TrajectBeeindigd',
);
export type TrajectBeeindigd = t.TypeOf<typeof TrajectBeeindigd>;

export const Geplaatst = t.readonly(
  t.type({ type: t.literal('Geplaatst'), huishouden: HuishoudenId, datum: Datum, soort: PlaatsingSoort }),
  'Geplaatst',
);
export type Geplaatst = t.TypeOf<typeof Geplaatst>;

export const InBeeldGebracht = t.readonly(
  t.type({ type: t.literal('InBeeldGebracht'), huishouden: HuishoudenId, datum: Datum }),
  'InBeeldGebracht',
);
export type InBeeldGebracht = t.TypeOf<typeof InBeeldGebracht>;

export const MinimaregelingToegekend = t.readonly(
  t.type({
    type: t.literal('MinimaregelingToegekend'),
    huishouden: HuishoudenId,
    datum: Datum,
    regeling: Minimaregeling,
  }),
  'MinimaregelingToegekend',
);
export type MinimaregelingToegekend = t.TypeOf<typeof MinimaregelingToegekend>;

export const SchuldhulpGestart = t.readonly(
  t.type({ type: t.literal('SchuldhulpGestart'), huishouden: HuishoudenId, datum: Datum, trajectId: TrajectId }),
  'SchuldhulpGestart',
);
export type SchuldhulpGestart = t.TypeOf<typeof SchuldhulpGestart>;

export const SchuldhulpBeeindigd = t.readonly(
  t.type({
    type: t.literal('SchuldhulpBeeindigd'),
    huishouden: HuishoudenId,
    datum: Datum,
    trajectId: TrajectId,
    resultaat: SchuldhulpResultaat,
  }),
  'SchuldhulpBeeindigd',
);
export type SchuldhulpBeeindigd = t.TypeOf<typeof SchuldhulpBeeindigd>;

/** A fact of an employer's stream, not a household's (MEETREGELS §7.1). */
export const AllianceGesloten = t.readonly(
  t.type({ type: t.literal('AllianceGesloten'), werkgever: WerkgeverId, datum: Datum }),
  'AllianceGesloten',
);
export type AllianceGesloten = t.TypeOf<typeof AllianceGesloten>;

const HuishoudenIntrekking = t.readonly(
  t.type({
    type: t.literal('GebeurtenisIngetrokken'),
    huishouden: HuishoudenId,
    ingetrokken: EventId,
    reden: Toelichting,
  }),
  'GebeurtenisIngetrokken',
);
// Retraction applies to §7 unchanged (§7 intro), also in an employer's stream: there it names the
// werkgever instead of a huishouden.
const WerkgeverIntrekking = t.readonly(
  t.type({
    type: t.literal('GebeurtenisIngetrokken'),
    werkgever: WerkgeverId,
    ingetrokken: EventId,
    reden: Toelichting,
  }),
  'GebeurtenisIngetrokken',
);
/** A retraction: in a household's stream with `huishouden`, in an employer's with `werkgever`. */
export const GebeurtenisIngetrokken = t.union([HuishoudenIntrekking, WerkgeverIntrekking], 'GebeurtenisIngetrokken');
export type GebeurtenisIngetrokken = t.TypeOf<typeof GebeurtenisIngetrokken>;

/** Every fact of the catalogue, by its `type`. */
export const feitCodecs = {
  UitkeringGestart,
  InLoondienstGetreden,
  EigenOndernemingGestart,
  OpleidingGestart,
  UitkeringBeeindigd,
  Teruggevallen,
  InkomstenOntvangen,
  GebeurtenisIngetrokken,
  ParticipatieTredeVastgesteld,
  TrajectGestart,
  TrajectBeeindigd,
  Geplaatst,
  InBeeldGebracht,
  MinimaregelingToegekend,
  SchuldhulpGestart,
  SchuldhulpBeeindigd,
  AllianceGesloten,
} as const;

export type FeitType = keyof typeof feitCodecs;
export const feitTypes = Object.keys(feitCodecs) as readonly FeitType[];

export const Feit = t.union(
  [
    UitkeringGestart,
    InLoondienstGetreden,
    EigenOndernemingGestart,
    OpleidingGestart,
    UitkeringBeeindigd,
    Teruggevallen,
    InkomstenOntvangen,
    GebeurtenisIngetrokken,
    ParticipatieTredeVastgesteld,
    TrajectGestart,
    TrajectBeeindigd,
    Geplaatst,
    InBeeldGebracht,
    MinimaregelingToegekend,
    SchuldhulpGestart,
    SchuldhulpBeeindigd,
    AllianceGesloten,
  ],
  'Feit',
);
/** One fact about a huishouden or an employer, as in the catalogue of MEETREGELS §2 and §7.1. */
export type Feit = t.TypeOf<typeof Feit>;

/** Facts that move a huishouden through the lifecycle (they carry a `datum`). */
export type LevensloopFeit =
  | UitkeringGestart
  | InLoondienstGetreden
  | EigenOndernemingGestart
  | OpleidingGestart
  | UitkeringBeeindigd
  | Teruggevallen;

/** The identity and transaction time every stored fact carries (MEETREGELS §1). */
export interface Envelope {
  readonly eventId: EventId;
  readonly recordedAt: RecordedAt;
}

/** A fact with its identity; recordedAt is set by the store on append when absent. */
export type Identified<F extends Feit = Feit> = F & {
  readonly eventId: EventId;
  readonly recordedAt?: RecordedAt;
};

/** A fact as it came in: identity and transaction time may still be missing (MEETREGELS §6). */
export type Incoming<F extends Feit = Feit> = F & {
  readonly eventId?: EventId;
  readonly recordedAt?: RecordedAt;
};

/** A stored fact: always with identity and transaction time. */
export type Recorded<F extends Feit = Feit> = F & Envelope;

/** The facts of an employer's stream (MEETREGELS §7.1): an alliance, or a retraction there. */
export type WerkgeverFeit = Extract<Feit, { readonly werkgever: WerkgeverId }>;
/** The facts of a household's stream. */
export type HuishoudenFeit = Extract<Feit, { readonly huishouden: HuishoudenId }>;

export const isWerkgeverFeit = (feit: Feit): feit is WerkgeverFeit => 'werkgever' in feit;

/** The two stream categories: one stream per huishouden (§2), one per employer (§7.1). */
export type Categorie = 'huishouden' | 'werkgever';

/** Whom a fact is about: a household or an employer, and its pseudonym. */
export interface Subject {
  readonly categorie: Categorie;
  readonly id: HuishoudenId | WerkgeverId;
}

export const subjectOf = (feit: Feit): Subject =>
  isWerkgeverFeit(feit)
    ? { categorie: 'werkgever', id: feit.werkgever }
    : { categorie: 'huishouden', id: feit.huishouden };

/** The pseudonym of the household or employer a fact belongs to (see subjectOf for which). */
export const streamOf = (feit: Feit): HuishoudenId | WerkgeverId =>
  isWerkgeverFeit(feit) ? feit.werkgever : feit.huishouden;

/**
 * The name of the stream a fact is stored in: `huishouden-<id>` for a household's facts (§2),
 * `werkgever-<id>` for an employer's (§7.1). The two categories never share a stream.
 */
export const streamNameOf = (feit: Feit): string =>
  isWerkgeverFeit(feit) ? `werkgever-${feit.werkgever}` : `huishouden-${feit.huishouden}`;

/** The stream name of a subject. */
export const streamNameOfSubject = (subject: Subject): string => `${subject.categorie}-${subject.id}`;

/** Stream name prefixes of the categories (`huishouden-`, `werkgever-`). */
export const STREAM_PREFIXES: readonly string[] = ['huishouden-', 'werkgever-'];

/** The `datum` of a fact, or undefined for facts that have none (income, retractions). */
export const datumOf = (feit: Feit): string | undefined => ('datum' in feit ? feit.datum : undefined);
