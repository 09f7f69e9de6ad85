// MEETREGELS §2, "Lifecycle": the table of allowed transitions, written once.
// States and transitions are small integers so that the decider and the projections' folds
// (millions of facts) share one table without allocating; `evolve` gives the typed view.
import type { Feit, LevensloopFeit, RedenBeeindiging } from './events.js';

/** Why a huishouden is `uit`: the exit reason of MEETREGELS §2. */
export const UIT_REDENEN = [
  'loondienst',
  'onderneming',
  'opleiding',
  'verhuizing',
  'overlijden',
  'andere-uitkering',
  'detentie',
  'partner-inkomen',
  'overig',
] as const;
export type UitReden = (typeof UIT_REDENEN)[number];

/** The lifecycle state of a huishouden (MEETREGELS §2). */
export type Levensloop =
  | { readonly fase: 'nooit' }
  | { readonly fase: 'bijstand' }
  | { readonly fase: 'uit'; readonly reden: UitReden }
  | { readonly fase: 'ww' };

// State codes: 0 nooit, 1 bijstand, 2 ww, 3 + index in UIT_REDENEN for uit(reden).
export const STATE_NOOIT = 0;
export const STATE_BIJSTAND = 1;
export const STATE_WW = 2;
export const STATE_UIT_LOONDIENST = 3;
export const STATE_UIT_ONDERNEMING = 4;
export const STATE_UIT_OPLEIDING = 5;
const STATE_UIT_FIRST = 3;

export const isUitState = (state: number): boolean => state >= STATE_UIT_FIRST;

/** An exit into uit(loondienst | onderneming | opleiding): a qualifying exit (MEETREGELS §2). */
export const isQualifyingExitState = (state: number): boolean =>
  state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING || state === STATE_UIT_OPLEIDING;

export const uitState = (reden: UitReden): number => STATE_UIT_FIRST + UIT_REDENEN.indexOf(reden);

export const levensloopOf = (state: number): Levensloop => {
  if (state === STATE_NOOIT) return { fase: 'nooit' };
  if (state === STATE_BIJSTAND) return { fase: 'bijstand' };
  if (state === STATE_WW) return { fase: 'ww' };
  return { fase: 'uit', reden: UIT_REDENEN[state - STATE_UIT_FIRST] ?? 'overig' };
};

export const stateOf = (levensloop: Levensloop): number => {
  switch (levensloop.fase) {
    case 'nooit':
      return STATE_NOOIT;
    case 'bijstand':
      return STATE_BIJSTAND;
    case 'ww':
      return STATE_WW;
    case 'uit':
      return uitState(levensloop.reden);
  }
};

// Transition codes, one per row of the table (exits carry their reason).
export const TRANSITION_START = 0; // UitkeringGestart
export const TRANSITION_LOOPT_DOOR = 1; // InLoondienstGetreden / EigenOndernemingGestart, loopt-door
export const TRANSITION_TERUGVAL_WWB = 2;
export const TRANSITION_TERUGVAL_WW = 3;
const TRANSITION_EXIT_FIRST = 4; // 4 + index in UIT_REDENEN: an exit with that reason

export const exitTransition = (reden: UitReden): number => TRANSITION_EXIT_FIRST + UIT_REDENEN.indexOf(reden);

/** The lifecycle rules a fact can break, each with a stable code. */
export const LIFECYCLE_RULES = ['UITKERING_LOOPT_AL', 'GEEN_BIJSTAND', 'GEEN_UITSTROOM', 'AL_WW'] as const;
export type LifecycleRule = (typeof LIFECYCLE_RULES)[number];

// Negative step results: −1 − index in LIFECYCLE_RULES.
const REFUSE_UITKERING_LOOPT_AL = -1;
const REFUSE_GEEN_BIJSTAND = -2;
const REFUSE_GEEN_UITSTROOM = -3;
const REFUSE_AL_WW = -4;

/**
 * One row of the lifecycle table: the state after `transition` from `state`, or a negative
 * number −1 − i when the transition breaks rule `LIFECYCLE_RULES[i]`.
 */
export const step = (state: number, transition: number): number => {
  if (transition === TRANSITION_START) {
    return state === STATE_BIJSTAND ? REFUSE_UITKERING_LOOPT_AL : STATE_BIJSTAND;
  }
  if (transition === TRANSITION_TERUGVAL_WWB) {
    if (state === STATE_BIJSTAND) return REFUSE_UITKERING_LOOPT_AL;
    return state === STATE_NOOIT ? REFUSE_GEEN_UITSTROOM : STATE_BIJSTAND;
  }
  if (transition === TRANSITION_TERUGVAL_WW) {
    if (state === STATE_WW) return REFUSE_AL_WW;
    return isUitState(state) ? STATE_WW : REFUSE_GEEN_UITSTROOM;
  }
  if (state !== STATE_BIJSTAND) return REFUSE_GEEN_BIJSTAND;
  return transition === TRANSITION_LOOPT_DOOR ? STATE_BIJSTAND : STATE_UIT_FIRST + (transition - TRANSITION_EXIT_FIRST);
};

/**
 * The state after a transition that fits (MEETREGELS §2): every row of the table ends in a state
 * that depends on the transition alone, never on the state before it. So inserting or removing
 * one fact changes the states of the facts after it up to the next lifecycle fact only, which is
 * what lets the decider check a new fact in O(log n) (tijdlijn.ts).
 */
export const stateAfter = (transition: number): number => {
  if (transition === TRANSITION_START || transition === TRANSITION_LOOPT_DOOR || transition === TRANSITION_TERUGVAL_WWB)
    return STATE_BIJSTAND;
  if (transition === TRANSITION_TERUGVAL_WW) return STATE_WW;
  return STATE_UIT_FIRST + (transition - TRANSITION_EXIT_FIRST);
};

export const ruleOfStep = (result: number): LifecycleRule => LIFECYCLE_RULES[-result - 1] ?? 'GEEN_BIJSTAND';

const exitReden = (reden: RedenBeeindiging): UitReden => reden;

/** The transition code of a lifecycle fact. */
export const transitionOf = (feit: LevensloopFeit): number => {
  switch (feit.type) {
    case 'UitkeringGestart':
      return TRANSITION_START;
    case 'InLoondienstGetreden':
      return feit.uitkering === 'beeindigd' ? exitTransition('loondienst') : TRANSITION_LOOPT_DOOR;
    case 'EigenOndernemingGestart':
      return feit.uitkering === 'beeindigd' ? exitTransition('onderneming') : TRANSITION_LOOPT_DOOR;
    case 'OpleidingGestart':
      return exitTransition('opleiding');
    case 'UitkeringBeeindigd':
      return exitTransition(exitReden(feit.reden));
    case 'Teruggevallen':
      return feit.op === 'WWB' ? TRANSITION_TERUGVAL_WWB : TRANSITION_TERUGVAL_WW;
  }
};

/** True for the facts of the lifecycle table (§2); income, retractions and §7 facts are not. */
export const isLevensloopFeit = (feit: Feit): feit is LevensloopFeit => {
  switch (feit.type) {
    case 'UitkeringGestart':
    case 'InLoondienstGetreden':
    case 'EigenOndernemingGestart':
    case 'OpleidingGestart':
    case 'UitkeringBeeindigd':
    case 'Teruggevallen':
      return true;
    default:
      return false;
  }
};

export const NOOIT: Levensloop = { fase: 'nooit' };

/**
 * The state after a fact (STYLE §2: total, never throws). A fact that does not fit the table
 * leaves the state as it was, as the projections' lenient replay does (MEETREGELS §2).
 */
export const evolve = (levensloop: Levensloop, feit: Feit): Levensloop => {
  if (!isLevensloopFeit(feit)) return levensloop;
  const next = step(stateOf(levensloop), transitionOf(feit));
  return next < 0 ? levensloop : levensloopOf(next);
};
