// Refusals of the decider: a stable code per rule and a Dutch message for the analyst (STYLE §6).
import type { FeitType, Subject } from './events.js';
import type { LifecycleRule } from './lifecycle.js';

export type WeigeringCode =
  | LifecycleRule
  | 'INKOMSTEN_ZONDER_BIJSTAND'
  | 'INTREKKING_ONBEKEND'
  | 'INTREKKING_HERHAALD'
  | 'INTREKKING_VAN_INTREKKING'
  | 'EVENT_ID_HERGEBRUIKT'
  | 'ANDER_HUISHOUDEN'
  | TrajectRule;

/** The rules of MEETREGELS §7.1 a fact can break, each with a stable code. */
export const TRAJECT_RULES = [
  'TRAJECT_ID_IN_GEBRUIK',
  'TRAJECT_NIET_GESTART',
  'TRAJECT_AL_BEEINDIGD',
  'ALLIANTIE_AL_GESLOTEN',
] as const;
export type TrajectRule = (typeof TRAJECT_RULES)[number];

/** A fact as a refusal names it: never its personal fields, only type, date and identity. */
export interface FeitAanduiding {
  readonly type: FeitType;
  /** The `datum` of the fact, or `maand` for income; undefined for a retraction. */
  readonly datum: string | undefined;
  readonly eventId: string;
}

export interface Weigering {
  readonly kind: 'Weigering';
  readonly code: WeigeringCode;
  /** The household whose stream refused the fact; undefined in an employer's stream. */
  readonly huishouden: string | undefined;
  /** The employer whose stream refused the fact (MEETREGELS §7.1); undefined in a household's. */
  readonly werkgever: string | undefined;
  /** The new fact that is refused. */
  readonly feit: FeitAanduiding;
  /** An existing fact that would no longer fit if the new one were accepted. */
  readonly getroffen: FeitAanduiding | undefined;
  /** The Dutch message: household (or employer), event type, date and rule (MEETREGELS §2, §7.1). */
  readonly bericht: string;
}

const RULE_TEXT: Readonly<Record<WeigeringCode, string>> = {
  UITKERING_LOOPT_AL: 'er loopt op die datum al bijstand',
  GEEN_BIJSTAND: 'er loopt op die datum geen bijstand',
  GEEN_UITSTROOM: 'er is vóór die datum geen uitstroom uit de bijstand om op terug te vallen',
  AL_WW: 'het huishouden leeft op die datum al van een WW-uitkering',
  INKOMSTEN_ZONDER_BIJSTAND: 'in die maand loopt op geen enkele dag bijstand',
  INTREKKING_ONBEKEND: 'het ingetrokken feit is bij dit huishouden niet eerder vastgelegd',
  INTREKKING_HERHAALD: 'het ingetrokken feit is al eerder ingetrokken',
  INTREKKING_VAN_INTREKKING: 'een intrekking kan zelf niet worden ingetrokken',
  EVENT_ID_HERGEBRUIKT: 'dit eventId is al gebruikt voor een ander feit',
  ANDER_HUISHOUDEN: 'een batch mag alleen feiten van één huishouden (of één werkgever) bevatten',
  TRAJECT_ID_IN_GEBRUIK:
    'dit trajectId is bij dit huishouden al in gebruik voor een ander traject of schuldhulptraject',
  TRAJECT_NIET_GESTART: 'er is op of vóór die datum geen traject van deze soort met dit trajectId gestart',
  TRAJECT_AL_BEEINDIGD: 'dit traject met dit trajectId is al beëindigd',
  ALLIANTIE_AL_GESLOTEN: 'met deze werkgever is al een alliantie gesloten',
};

/** The section of MEETREGELS a rule comes from. */
const sectionOf = (code: WeigeringCode): string =>
  (TRAJECT_RULES as readonly string[]).includes(code) ? '§7.1' : '§2';

export const ruleText = (code: WeigeringCode): string => RULE_TEXT[code];

const describeFeit = (feit: FeitAanduiding): string => {
  if (feit.datum === undefined) return `${feit.type} (eventId ${feit.eventId})`;
  return feit.type === 'InkomstenOntvangen' ? `${feit.type} over ${feit.datum}` : `${feit.type} op ${feit.datum}`;
};

/**
 * A refusal of `feit` in the stream of `subject` (a household's pseudonym alone means that
 * household's stream).
 */
export const weigering = (
  code: WeigeringCode,
  subject: Subject | string,
  feit: FeitAanduiding,
  getroffen?: FeitAanduiding,
): Weigering => {
  const { categorie, id } = typeof subject === 'string' ? { categorie: 'huishouden', id: subject } : subject;
  const reason =
    getroffen === undefined
      ? RULE_TEXT[code]
      : `dan past het eerder vastgelegde ${describeFeit(getroffen)} niet meer: ${RULE_TEXT[code]}`;
  return {
    kind: 'Weigering',
    code,
    huishouden: categorie === 'huishouden' ? id : undefined,
    werkgever: categorie === 'werkgever' ? id : undefined,
    feit,
    getroffen,
    bericht: `${categorie} ${id}: ${describeFeit(feit)} geweigerd — ${reason} (MEETREGELS ${sectionOf(code)})`,
  };
};
