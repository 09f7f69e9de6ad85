// MEETREGELS §3, restatement: "Replaying with kennisdatum = the date a report was published
// reproduces the published figure; replaying without it gives the restated figure." Both come
// from the same state with the same peildatum and meetdatum, so the difference is exactly what
// became known (late registrations, retractions) after publication.
import { kennisdatumCutoff } from '@zelfredzaam/domain';
import { type Either, left, right } from 'fp-ts/lib/Either.js';
import type { BronHash } from './bron.js';
import type { ProjectionState } from './engine/state.js';
import { FIGUREN } from './figuren/registry.js';
import { jaarrapport } from './jaarrapport.js';
import type { Herziening, Jaarrapport, ParameterFout, Parameters, Verschil } from './types.js';

/** A figure's numbers as an object (its texts and lists left out), or undefined. */
type Getal = number | null;

/**
 * nu − toen for one value of a figure: numbers subtract (shares, `aandeel…`, exact in their 4
 * decimals), null stays null, objects recurse over the keys of either side (a key on one side
 * only counts as zeros on the other; `gesorteerd`: in code point order, for a figure keyed by
 * soort), texts and lists are left out.
 */
const verschilVan = (nu: unknown, toen: unknown, sleutel: string, gesorteerd: boolean): unknown => {
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObject(nu) || isObject(toen)) {
    const a = isObject(nu) ? nu : {};
    const b = isObject(toen) ? toen : {};
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    if (gesorteerd) keys.sort();
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const d = verschilVan(a[key], b[key], key, false);
      if (d !== undefined) out[key] = d;
    }
    return out;
  }
  const getal = (x: unknown): Getal | undefined =>
    x === undefined ? 0 : typeof x === 'number' || x === null ? x : undefined;
  const x = getal(nu);
  const y = getal(toen);
  if (x === undefined || y === undefined) return undefined;
  if (x === null || y === null) return null;
  // Shares have 4 decimals; rounding the float difference to them gives the exact decimal.
  return sleutel.startsWith('aandeel') ? Math.round((x - y) * 10_000) / 10_000 : x - y;
};

/** `nu − toen` for every number of every figure of the registry, and of the diagnose. */
const verschil = (nu: Jaarrapport, toen: Jaarrapport): Verschil => {
  const out: Record<string, unknown> = {};
  const a = nu as unknown as Record<string, unknown>;
  const b = toen as unknown as Record<string, unknown>;
  for (const figuur of FIGUREN) {
    out[figuur.naam] = verschilVan(a[figuur.naam], b[figuur.naam], figuur.naam, figuur.perSoort === true);
  }
  out.diagnose = { genegeerd: nu.diagnose.genegeerd - toen.diagnose.genegeerd };
  return out as unknown as Verschil;
};

/**
 * A year's report as published on `publicatiedatum` (a date: the end of that day, Europe/
 * Amsterdam; or an instant), as known now, and `nu − gepubliceerd` for every number. Both use
 * `parameters`' peildatum and meetdatum (its kennisdatum is replaced); to reproduce a report
 * whose peildatum defaulted on its publication day, resolve the parameters with
 * vandaag = publicatiedatum.
 */
export const herziening = (
  state: ProjectionState,
  parameters: Parameters,
  publicatiedatum: string,
  /** For `bron`: the digests of the facts (for null and for the publicatiedatum) and the tool's version. */
  herkomst: { readonly hash?: BronHash; readonly versie?: string | null } = {},
): Either<ParameterFout, Herziening> => {
  if (kennisdatumCutoff(publicatiedatum) === undefined) {
    return left({
      kind: 'ParameterFout',
      parameter: 'kennisdatum',
      ontvangen: publicatiedatum,
      bericht: `publicatiedatum: verwacht een datum JJJJ-MM-DD of een ISO-tijdstip, ontvangen ${JSON.stringify(publicatiedatum)} (MEETREGELS §3)`,
    });
  }
  const versie = herkomst.versie ?? null;
  const gepubliceerd = jaarrapport(
    state,
    { ...parameters, kennisdatum: publicatiedatum },
    { sha256: herkomst.hash?.sha256(publicatiedatum) ?? null, versie },
  );
  const nu = jaarrapport(
    state,
    { ...parameters, kennisdatum: null },
    { sha256: herkomst.hash?.sha256(null) ?? null, versie },
  );
  return right({ jaar: parameters.jaar, publicatiedatum, gepubliceerd, nu, verschil: verschil(nu, gepubliceerd) });
};
