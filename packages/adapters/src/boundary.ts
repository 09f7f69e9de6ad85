// The library boundary (issue 14, point 1): whatever a caller hands to `recordFacts`, a store's
// `append`/`appendToStream` or `importNdjson` is decoded with the same codecs as an NDJSON line
// before anything is stored. A JavaScript caller (or a TypeScript caller with a cast) cannot put
// an invalid fact in a store: it is refused with the described error of the NDJSON import,
// which never repeats a personal value.
import {
  type DecodeError,
  decode,
  describeDecodeError,
  describeReceived,
  type Feit,
  type FeitType,
  type Identified,
  type Incoming,
  streamNameOf,
  subjectOf,
} from '@zelfredzaam/domain';
import type { ExpectedRevision, StreamWrite } from './port.js';

/** One fact that did not decode: where it was, whose it was (when readable) and why. */
export interface OngeldigFeit {
  /** 0-based place of the fact in the caller's input (for an append: across all its writes). */
  readonly index: number;
  /** The event type, when it was recognised. */
  readonly type: FeitType | undefined;
  /** The household pseudonym, when it was valid. */
  readonly huishouden: string | undefined;
  /** The employer pseudonym of an employer's fact, when it was valid (MEETREGELS §7.1). */
  readonly werkgever: string | undefined;
  readonly fout: DecodeError;
  /** The Dutch message, as the NDJSON import gives it (never a personal value). */
  readonly bericht: string;
}

/** The longest message kept per fact (a fact with thousands of fields still gets one line). */
const MAX_BERICHT = 2_000;

/** Thrown when facts handed to a store (or to `feit`) do not decode; nothing of the call is stored. */
export class OngeldigeFeitenError extends Error {
  override readonly name = 'OngeldigeFeitenError';
  readonly code = 'ONGELDIG';
  constructor(readonly ongeldig: readonly OngeldigFeit[]) {
    const first = ongeldig[0];
    super(
      `${ongeldig.length === 1 ? 'een ongeldig feit' : `${ongeldig.length} ongeldige feiten`}, niets vastgelegd${
        first === undefined ? '' : ` — feit ${first.index + 1}: ${first.bericht}`
      }${ongeldig.length > 1 ? ` (en ${ongeldig.length - 1} meer)` : ''}`,
    );
  }
}

/** The described refusal of a value that did not decode. */
export const ongeldigFeit = (index: number, fout: DecodeError): OngeldigFeit => {
  const bericht = describeDecodeError(fout);
  return {
    index,
    type: fout.type,
    huishouden: fout.huishouden,
    werkgever: fout.werkgever,
    fout,
    bericht: bericht.length > MAX_BERICHT ? `${bericht.slice(0, MAX_BERICHT)}…` : bericht,
  };
};

/** The stream an invalid fact names, when its household (or employer) pseudonym was valid. */
export const streamOfOngeldig = (ongeldig: OngeldigFeit): string | undefined =>
  ongeldig.werkgever !== undefined
    ? `werkgever-${ongeldig.werkgever}`
    : ongeldig.huishouden !== undefined
      ? `huishouden-${ongeldig.huishouden}`
      : undefined;

/** The items of an array or other (synchronous) iterable; anything else is a TypeError. */
export const itemsOf = (input: unknown, what: string): readonly unknown[] => {
  if (Array.isArray(input)) return input;
  if (
    typeof input === 'object' &&
    input !== null &&
    typeof (input as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function' &&
    !(typeof (input as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function')
  ) {
    return [...(input as Iterable<unknown>)];
  }
  throw new TypeError(`${what}: verwacht een lijst, ontvangen ${describeReceived(input, true)}`);
};

/** Decodes a list of facts; the valid ones by index, and the refusals. */
export const decodeFacts = (
  facts: readonly unknown[],
  offset = 0,
): { readonly valid: (Incoming | undefined)[]; readonly ongeldig: OngeldigFeit[] } => {
  const valid: (Incoming | undefined)[] = new Array(facts.length);
  const ongeldig: OngeldigFeit[] = [];
  for (let i = 0; i < facts.length; i++) {
    const decoded = decode(facts[i]);
    // A caller's object that is already canonical comes back as itself: the store keeps a copy,
    // so a change the caller makes to it later never reaches the store.
    if (decoded._tag === 'Right') valid[i] = decoded.right === facts[i] ? { ...decoded.right } : decoded.right;
    else ongeldig.push(ongeldigFeit(offset + i, decoded.left));
  }
  return { valid, ongeldig };
};

const missingEventId = (index: number, feit: Incoming): OngeldigFeit => {
  const { categorie, id } = subjectOf(feit);
  const fout: DecodeError = {
    kind: 'DecodeError',
    type: feit.type,
    huishouden: categorie === 'huishouden' ? id : undefined,
    ...(categorie === 'werkgever' ? { werkgever: id } : {}),
    problems: [{ path: 'eventId', expected: 'een UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)', received: 'niets' }],
  };
  return ongeldigFeit(index, fout);
};

const checkExpectedRevision = (value: unknown, where: string): ExpectedRevision => {
  if (value === 'any' || value === 'no_stream') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  // A RangeError, as the stores gave for a bad revision before they decoded their input.
  throw new RangeError(
    `${where}: verwachte revisie: verwacht een geheel getal ≥ 0, 'no_stream' of 'any', ontvangen ${describeReceived(value, false)}`,
  );
};

/**
 * The writes of an `append`, decoded: each write an object with a stream name, an expected
 * revision and a list of facts that decode and carry an eventId, each fact in the stream of its
 * household (or employer). A malformed write is a TypeError (a bad expected revision a RangeError); facts that do not decode are one
 * OngeldigeFeitenError naming every one of them. Nothing is stored when either is thrown.
 */
export const decodeWrites = (writes: unknown): readonly StreamWrite[] => {
  const list = itemsOf(writes, 'append');
  const out: StreamWrite[] = [];
  const ongeldig: OngeldigFeit[] = [];
  let index = 0;
  list.forEach((write, w) => {
    const where = `append, schrijfopdracht ${w + 1}`;
    if (typeof write !== 'object' || write === null) {
      throw new TypeError(
        `${where}: verwacht { stream, expectedRevision, events }, ontvangen ${describeReceived(write, true)}`,
      );
    }
    const { stream, expectedRevision, events } = write as Record<string, unknown>;
    if (typeof stream !== 'string') {
      throw new TypeError(`${where}: stream: verwacht een tekst, ontvangen ${describeReceived(stream, true)}`);
    }
    const expected = checkExpectedRevision(expectedRevision, where);
    const items = itemsOf(events, `${where}, events`);
    const decoded = decodeFacts(items, index);
    const identified: Identified[] = [];
    decoded.valid.forEach((feit, i) => {
      if (feit === undefined) return;
      if (feit.eventId === undefined) ongeldig.push(missingEventId(index + i, feit));
      else if (streamNameOf(feit) !== stream) {
        throw new TypeError(
          `${where}: feit ${index + i + 1} (${feit.type}) hoort in stream ${streamNameOf(feit)}, niet in de opgegeven stream (${describeReceived(stream, true)})`,
        );
      } else identified.push(feit as Identified);
    });
    ongeldig.push(...decoded.ongeldig);
    index += items.length;
    out.push({ stream, expectedRevision: expected, events: identified });
  });
  if (ongeldig.length > 0) throw new OngeldigeFeitenError(ongeldig.sort((a, b) => a.index - b.index));
  return out;
};

// ── typed helper ─────────────────────────────────────────────────────────────────────────────

/** A value type without its brand: a branded string is a string, a branded number a number. */
type Los<V> = V extends unknown
  ? [Exclude<keyof V, keyof string | keyof number>] extends [never]
    ? V
    : V extends string
      ? string
      : V extends number
        ? number
        : V
  : never;

type LosFeit<F> = F extends unknown ? { -readonly [K in keyof F]: Los<F[K]> } : never;

/**
 * A fact as a TypeScript caller writes it: the catalogue's shape with plain strings and numbers
 * where the codecs check a form (a pseudonym, a date, an amount in cents). `feit(…)` checks it.
 */
export type FeitInvoer = LosFeit<Feit> & { eventId?: string; recordedAt?: string };

/** The fact of the catalogue with the type of `F`. */
export type FeitVan<F extends { readonly type: FeitType }> = Incoming<Extract<Feit, { readonly type: F['type'] }>>;

/**
 * Decodes one fact written in TypeScript, with the same codecs as an NDJSON line: the fact with
 * its branded types, or an OngeldigeFeitenError describing what is wrong (never a personal value).
 *
 *     const start = feit({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' });
 */
export const feit = <F extends FeitInvoer>(invoer: F): FeitVan<F> => {
  const decoded = decode(invoer);
  if (decoded._tag === 'Left') throw new OngeldigeFeitenError([ongeldigFeit(0, decoded.left)]);
  return decoded.right as FeitVan<F>;
};
