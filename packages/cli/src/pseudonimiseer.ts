// `--pseudonimiseer` (issue 7, point 5): the source's ids replaced by keyed pseudonyms before a
// line is decoded, so a case number or even a BSN from the municipality's case system never
// reaches the store, a message or an export. The pseudonym is HMAC-SHA-256 under a key that only
// the municipality holds (environment variable ZELFREDZAAM_PSEUDONIEM_SLEUTEL): the same source
// id always gives the same pseudonym under that key (re-importing adds nothing), and without the
// key nobody can compute it from a guessed id (a BSN has only 10⁹ values: an unkeyed hash of
// one is reversed by trying them all).
import { createHmac } from 'node:crypto';
import { UsageError } from './errors.js';

/** The environment variable holding the key. */
export const SLEUTEL_VARIABELE = 'ZELFREDZAAM_PSEUDONIEM_SLEUTEL';

/** The shortest key accepted, in bytes (256 bits when it is random hex or base64 of 32 bytes). */
export const MIN_SLEUTEL_BYTES = 32;

/**
 * The id fields that are pseudonymised, with the domain tag of each: one source id used as a
 * household and as an employer does not get the same pseudonym in both roles.
 */
export const PSEUDONIEM_VELDEN: Readonly<Record<string, string>> = {
  huishouden: 'huishouden',
  werkgever: 'werkgever',
  trajectId: 'traject',
};

/** The key from the environment; a usage error (exit 2) when it is missing or too short. */
export const pseudoniemSleutel = (env: Readonly<Record<string, string | undefined>>): Buffer => {
  const text = env[SLEUTEL_VARIABELE];
  if (text === undefined || text === '') {
    throw new UsageError(
      `--pseudonimiseer: zet de sleutel in de omgevingsvariabele ${SLEUTEL_VARIABELE} (minstens ${MIN_SLEUTEL_BYTES} tekens; maak er een met: openssl rand -hex 32, en bewaar hem bij de gemeente)`,
    );
  }
  const key = Buffer.from(text, 'utf8');
  if (key.length < MIN_SLEUTEL_BYTES) {
    throw new UsageError(
      `--pseudonimiseer: de sleutel in ${SLEUTEL_VARIABELE} is te kort (${key.length} bytes); gebruik er een van minstens ${MIN_SLEUTEL_BYTES} bytes, bijvoorbeeld: openssl rand -hex 32`,
    );
  }
  return key;
};

/** The pseudonym of one source id in one role: `p-` and 32 hex digits (128 bits of the HMAC). */
export const pseudoniem = (sleutel: Buffer, rol: string, bronId: string): string =>
  `p-${createHmac('sha256', sleutel).update(`${rol}\u0000${bronId}`, 'utf8').digest('hex').slice(0, 32)}`;

/** A source id as text: a string, or a whole number (a case system may export ids as numbers). */
const bronIdOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
};

/**
 * The rewrite of one parsed NDJSON line (the importer's `rewrite` option): every id field
 * replaced by its pseudonym; anything else, and any line that is not an object, unchanged (the
 * decoder judges it as usual). Returns a new object; the input is not changed.
 */
export const pseudonimiseerder =
  (sleutel: Buffer) =>
  (parsed: unknown): unknown => {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed)) {
      const rol = Object.hasOwn(PSEUDONIEM_VELDEN, key) ? PSEUDONIEM_VELDEN[key] : undefined;
      const bronId = rol === undefined ? undefined : bronIdOf(value);
      // Defined, not assigned: a key `__proto__` (JSON.parse makes it an own field) must stay a
      // field the decoder refuses, not become the object's prototype.
      Object.defineProperty(out, key, {
        value: rol === undefined || bronId === undefined ? value : pseudoniem(sleutel, rol, bronId),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
