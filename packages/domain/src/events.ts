// MEETREGELS §2: the event catalogue (v1). One codec per event; its type is derived from it.
import * as t from 'io-ts';
import { BedragCent, Datum, EventId, HuishoudenId, Maand, type RecordedAt } from './values.js';

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export interface ToelichtingBrand {
  readonly Toelichting: unique symbol;
}
/** A free-text explanation: 1–500 characters, no control characters. */
export const Toelichting = t.brand(
  t.string,
  (s): s is t.Branded<string, ToelichtingBrand> => s.length >= 1 && s.length <= 500 && !CONTROL_CHARACTERS.test(s),
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

export const GebeurtenisIngetrokken = t.readonly(
  t.type({
    type: t.literal('GebeurtenisIngetrokken'),
    huishouden: HuishoudenId,
    ingetrokken: EventId,
    reden: Toelichting,
  }),
  'GebeurtenisIngetrokken',
);
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
  ],
  'Feit',
);
/** One fact about a huishouden, as in the catalogue of MEETREGELS §2. */
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

/** The household a fact belongs to. */
export const streamOf = (feit: Feit): HuishoudenId => feit.huishouden;

/** The name of the stream a fact is stored in: one stream per huishouden (MEETREGELS §2). */
export const streamNameOf = (feit: Feit): string => `huishouden-${feit.huishouden}`;

/** The `datum` of a fact, or undefined for facts that have none (income, retractions). */
export const datumOf = (feit: Feit): string | undefined => ('datum' in feit ? feit.datum : undefined);
