// MEETREGELS §10: a derived fact's eventId depends only on the source name (`--bron`) and the
// fact's content: a UUID v5 in a namespace of our own over the name, a NUL and the fact's
// canonical content (its type and fields in a fixed order, as JSON).
//
// One addition, needed so a correction can be undone: a fact that was retracted and is derived
// again (an end date corrected in May and put back in June) cannot take its old eventId (that
// id is stored, and retracted; appending it again would be a no-op). Its k-th return takes the
// id over the same name followed by a NUL and k. So a fact's id is the first of its ids
// (k = 0, 1, …) that its household's stream does not hold yet: still a function of the source,
// the content and what the store already holds, and importing the same file twice adds nothing.
//
// The same ids tell which stored facts came from a source: a stored fact is the source's when
// its eventId is one of the ids its content has under that source (reconcile.ts).
import { hash } from 'node:crypto';
import { type EventId, EventId as EventIdCodec, type Feit } from '@zelfredzaam/domain';
import { parse } from 'uuid';

/** The namespace of eventIds derived from periods (fixed forever: changing it changes every id). */
export const PERIODEN_NAMESPACE = 'c1f0a3d2-6b4e-5f7a-9c8d-2e1b0a4f6d35';

/** The canonical content of a fact the periods import derives, or undefined for any other fact. */
export const inhoudVan = (feit: Feit): string | undefined => {
  switch (feit.type) {
    case 'UitkeringGestart':
      return JSON.stringify([feit.type, feit.huishouden, feit.datum, feit.regeling ?? null]);
    case 'InLoondienstGetreden':
    case 'EigenOndernemingGestart':
      return JSON.stringify([feit.type, feit.huishouden, feit.datum, feit.uitkering]);
    case 'OpleidingGestart':
      return JSON.stringify([feit.type, feit.huishouden, feit.datum]);
    case 'UitkeringBeeindigd':
      return JSON.stringify([feit.type, feit.huishouden, feit.datum, feit.reden]);
    case 'InkomstenOntvangen':
      return JSON.stringify([feit.type, feit.huishouden, feit.maand, feit.bron, feit.bedragCent]);
    case 'GebeurtenisIngetrokken':
      return 'huishouden' in feit
        ? JSON.stringify([feit.type, feit.huishouden, feit.ingetrokken, feit.reden])
        : undefined;
    default:
      return undefined;
  }
};

/**
 * Whether two facts have the same canonical content (`inhoudVan(a) === inhoudVan(b)` for the
 * facts the periods import derives), without building either string.
 */
export const zelfdeInhoud = (a: Feit, b: Feit): boolean => {
  if (a.type !== b.type || !('huishouden' in a) || !('huishouden' in b) || a.huishouden !== b.huishouden) return false;
  switch (a.type) {
    case 'UitkeringGestart':
      return b.type === a.type && a.datum === b.datum && (a.regeling ?? null) === (b.regeling ?? null);
    case 'InLoondienstGetreden':
    case 'EigenOndernemingGestart':
      return b.type === a.type && a.datum === b.datum && a.uitkering === b.uitkering;
    case 'OpleidingGestart':
      return b.type === a.type && a.datum === b.datum;
    case 'UitkeringBeeindigd':
      return b.type === a.type && a.datum === b.datum && a.reden === b.reden;
    case 'InkomstenOntvangen':
      return b.type === a.type && a.maand === b.maand && a.bron === b.bron && a.bedragCent === b.bedragCent;
    default:
      return inhoudVan(a) !== undefined && inhoudVan(a) === inhoudVan(b);
  }
};

// UUID v5 (RFC 9562 §5.5) computed here rather than through uuid's v5: one one-shot SHA-1 of the
// namespace and the name written into a reused buffer (the namespace, the source name and its NUL
// written once per source), viewed through a view kept per length, instead of a Buffer for the
// name, a Hash object and a byte-by-byte formatting per id: a fifth of the cost, and an import
// derives an id for every fact it reads or writes. identiteit.test.ts checks it against uuid's v5.
let scratch = Buffer.alloc(1024);
parse(PERIODEN_NAMESPACE).forEach((byte, i) => {
  scratch[i] = byte;
});
/** The source whose name follows the namespace in `scratch`, and where its NUL ends. */
let prefixOf: string | undefined;
let prefixLength = 0;
/** `scratch.subarray(0, n)` per n, made once (until `scratch` grows). */
let views: Buffer[] = [];
const VARIANT = '89ab';

const room = (bytes: number): void => {
  if (bytes <= scratch.length) return;
  const grown = Buffer.alloc(2 * bytes);
  scratch.copy(grown, 0, 0, prefixLength);
  scratch = grown;
  views = [];
};

/** The k-th id of a content under a source (k = 0 for its first appearance). */
export const idVan = (bron: string, inhoud: string, k: number): EventId => {
  // The name is `bron NUL inhoud`, and `NUL k` after it from the first return on.
  if (bron !== prefixOf) {
    prefixOf = undefined;
    prefixLength = 16;
    room(16 + 3 * bron.length + 1);
    prefixLength = 16 + scratch.write(bron, 16, 'utf8');
    scratch[prefixLength++] = 0;
    prefixOf = bron;
  }
  room(prefixLength + 3 * inhoud.length + 12);
  let length = prefixLength + scratch.write(inhoud, prefixLength, 'utf8');
  if (k !== 0) {
    scratch[length++] = 0;
    length += scratch.write(String(k), length, 'latin1');
  }
  let view = views[length];
  if (view === undefined) {
    view = scratch.subarray(0, length);
    views[length] = view;
  }
  const h = hash('sha1', view, 'hex');
  // Version 5 in the 13th digit; the variant's two high bits 10 in the 17th.
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${VARIANT[Number.parseInt(h[16] ?? '0', 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  if (!EventIdCodec.is(id)) throw new Error(`afgeleide eventId ${id} is geen UUID in kleine letters`);
  return id;
};
