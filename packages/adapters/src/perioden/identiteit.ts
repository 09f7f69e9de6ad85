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
import { type EventId, EventId as EventIdCodec, type Feit } from '@zelfredzaam/domain';
import { parse, v5 } from 'uuid';

/** The namespace of eventIds derived from periods (fixed forever: changing it changes every id). */
export const PERIODEN_NAMESPACE = 'c1f0a3d2-6b4e-5f7a-9c8d-2e1b0a4f6d35';
const NAMESPACE_BYTES = parse(PERIODEN_NAMESPACE);

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

/** The k-th id of a content under a source (k = 0 for its first appearance). */
export const idVan = (bron: string, inhoud: string, k: number): EventId => {
  // The name as UTF-8 bytes and the namespace parsed once: the same UUID as v5(string, namespace).
  const name = k === 0 ? `${bron}\u0000${inhoud}` : `${bron}\u0000${inhoud}\u0000${k}`;
  const id = v5(Buffer.from(name, 'utf8'), NAMESPACE_BYTES);
  if (!EventIdCodec.is(id)) throw new Error(`afgeleide eventId ${id} is geen UUID in kleine letters`);
  return id;
};
