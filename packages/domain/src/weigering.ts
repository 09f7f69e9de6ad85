// Refusals of the decider: a stable code per rule and a Dutch message for the analyst (STYLE §6).
import type { FeitType } from './events.js';
import type { LifecycleRule } from './lifecycle.js';

export type WeigeringCode =
  | LifecycleRule
  | 'INKOMSTEN_ZONDER_BIJSTAND'
  | 'INTREKKING_ONBEKEND'
  | 'INTREKKING_HERHAALD'
  | 'INTREKKING_VAN_INTREKKING'
  | 'EVENT_ID_HERGEBRUIKT'
  | 'ANDER_HUISHOUDEN';

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
  readonly huishouden: string;
  /** The new fact that is refused. */
  readonly feit: FeitAanduiding;
  /** An existing fact that would no longer fit if the new one were accepted. */
  readonly getroffen: FeitAanduiding | undefined;
  /** The Dutch message: household, event type, date and rule (MEETREGELS §2). */
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
  ANDER_HUISHOUDEN: 'een batch mag alleen feiten van één huishouden bevatten',
};

export const ruleText = (code: WeigeringCode): string => RULE_TEXT[code];

const describeFeit = (feit: FeitAanduiding): string => {
  if (feit.datum === undefined) return `${feit.type} (eventId ${feit.eventId})`;
  return feit.type === 'InkomstenOntvangen' ? `${feit.type} over ${feit.datum}` : `${feit.type} op ${feit.datum}`;
};

export const weigering = (
  code: WeigeringCode,
  huishouden: string,
  feit: FeitAanduiding,
  getroffen?: FeitAanduiding,
): Weigering => {
  const reason =
    getroffen === undefined
      ? RULE_TEXT[code]
      : `dan past het eerder vastgelegde ${describeFeit(getroffen)} niet meer: ${RULE_TEXT[code]}`;
  return {
    kind: 'Weigering',
    code,
    huishouden,
    feit,
    getroffen,
    bericht: `huishouden ${huishouden}: ${describeFeit(feit)} geweigerd — ${reason} (MEETREGELS §2)`,
  };
};
