// The SQL baseline of issue 16: what an analyst would do instead of the library — the facts'
// lines in a jsonb table of PostgreSQL, and the core figures of one year (MEETREGELS §4.1, §4.2,
// §4.4, §4.5) as one SQL query over it. Written for this bench from the rules (not generated from
// the library); the bench checks that it gives the library's numbers for the same year.
//
// Readings: facts retracted by a GebeurtenisIngetrokken are left out; a household's lifecycle facts
// are ordered by datum, then file order (§1); a lifecycle fact's state after it follows from the
// fact alone (the history was checked by the decider, so every fact is a transition that fits);
// a day has bijstand when the state after its last lifecycle fact is bijstand (a spell [start,
// end) that starts and ends on one day has none); V = (Y+1)-06-30, no kennisdatum.
import type { SqlDriver } from '../packages/adapters/src/index.js';

export interface CoreFigures {
  readonly volledigeUitstroom: { loondienst: number; onderneming: number; opleiding: number; totaal: number };
  readonly duurzaamheid: {
    uitstroom: number;
    duurzaam: number;
    teruggevallen: number;
    nogOnbekend: number;
    aandeelDuurzaam: number | null;
  };
  readonly gedeeltelijkeUitstroom: {
    loondienst: number;
    onderneming: number;
    totaal: number;
    bijstandshuishoudens: number;
    aandeel: number | null;
  };
  readonly gemiddeldInkomen: {
    maanden: number;
    totaalCent: number;
    gemiddeldCent: number | null;
    gemiddeldEuro: number | null;
  };
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Loads the NDJSON file into `schema.feiten (seq, doc jsonb)` by the server's own COPY (the file
 * must be readable by the server); `seq` keeps the file order. Returns the rows loaded.
 */
export const loadJsonb = async (driver: SqlDriver, schema: string, path: string): Promise<number> => {
  const s = quote(schema);
  await driver.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await driver.query(`DROP TABLE IF EXISTS ${s}.feiten`);
  await driver.query(`CREATE TABLE ${s}.feiten (seq bigint GENERATED ALWAYS AS IDENTITY, doc jsonb NOT NULL)`);
  // CSV with a quote and a delimiter that never occur in NDJSON: every line is one jsonb value.
  await driver.query(
    `COPY ${s}.feiten (doc) FROM '${path.replace(/'/g, "''")}' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`,
  );
  await driver.query(`ANALYZE ${s}.feiten`);
  const rows = await driver.query(`SELECT count(*)::int FROM ${s}.feiten`);
  return Number(rows[0]?.[0] ?? 0);
};

/** The core figures of year `jaar` by SQL over `schema.feiten`. */
export const coreFigures = async (driver: SqlDriver, schema: string, jaar: number): Promise<CoreFigures> => {
  const s = quote(schema);
  const y0 = `${jaar}-01-01`;
  const y1 = `${jaar}-12-31`;
  const v = `${jaar + 1}-06-30`;
  const sql = `
WITH
ret AS (SELECT DISTINCT doc->>'ingetrokken' AS id FROM ${s}.feiten WHERE doc->>'type' = 'GebeurtenisIngetrokken'),
f AS (
  SELECT x.seq, x.doc FROM ${s}.feiten x LEFT JOIN ret ON ret.id = x.doc->>'eventId'
  WHERE ret.id IS NULL AND x.doc ? 'huishouden' AND x.doc->>'type' <> 'GebeurtenisIngetrokken'),
lc AS (
  SELECT doc->>'huishouden' AS h, (doc->>'datum')::date AS d, seq,
    (doc->>'type' = 'UitkeringGestart' OR (doc->>'type' = 'Teruggevallen' AND doc->>'op' = 'WWB')) AS terug,
    CASE doc->>'type'
      WHEN 'UitkeringGestart' THEN 'B'
      WHEN 'Teruggevallen' THEN CASE doc->>'op' WHEN 'WWB' THEN 'B' ELSE 'W' END
      WHEN 'InLoondienstGetreden' THEN CASE doc->>'uitkering' WHEN 'beeindigd' THEN 'L' ELSE 'B' END
      WHEN 'EigenOndernemingGestart' THEN CASE doc->>'uitkering' WHEN 'beeindigd' THEN 'O' ELSE 'B' END
      WHEN 'OpleidingGestart' THEN 'E'
      ELSE 'X' END AS st
  FROM f
  WHERE doc->>'type' IN ('UitkeringGestart', 'Teruggevallen', 'InLoondienstGetreden', 'EigenOndernemingGestart',
                         'OpleidingGestart', 'UitkeringBeeindigd')),
lcw AS (
  SELECT h, d, seq, st,
    min(CASE WHEN terug THEN d END) OVER (PARTITION BY h ORDER BY d, seq ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS terug_op
  FROM lc),
ex AS (
  SELECT h, d, seq, st, terug_op, (d + interval '6 months')::date AS w
  FROM lcw WHERE st IN ('L', 'O', 'E') AND d BETWEEN DATE '${y0}' AND DATE '${y1}'),
eerste AS (SELECT DISTINCT ON (h) h, st FROM ex ORDER BY h, d, seq),
uitkomst AS (
  SELECT h,
    bool_or(NOT (terug_op IS NOT NULL AND terug_op < w AND terug_op <= DATE '${v}') AND DATE '${v}' >= w) AS duurzaam,
    bool_or(NOT (terug_op IS NOT NULL AND terug_op < w AND terug_op <= DATE '${v}') AND DATE '${v}' < w) AS onbekend
  FROM ex GROUP BY h),
eod AS (SELECT DISTINCT ON (h, d) h, d, st FROM lc ORDER BY h, d, seq DESC),
iv AS (SELECT h, d AS van, lead(d) OVER (PARTITION BY h ORDER BY d) AS tot, st FROM eod),
bm AS (
  SELECT DISTINCT h, to_char(gs, 'YYYY-MM') AS m
  FROM iv, generate_series(date_trunc('month', greatest(van, DATE '${y0}')),
                           date_trunc('month', least(coalesce(tot - 1, DATE '${y1}'), DATE '${y1}')),
                           interval '1 month') gs
  WHERE st = 'B' AND van <= DATE '${y1}' AND (tot IS NULL OR tot > DATE '${y0}')),
inc AS (
  SELECT doc->>'huishouden' AS h, doc->>'maand' AS m,
    sum((doc->>'bedragCent')::bigint) FILTER (WHERE doc->>'bron' = 'loondienst') AS l,
    sum((doc->>'bedragCent')::bigint) FILTER (WHERE doc->>'bron' = 'onderneming') AS o,
    sum((doc->>'bedragCent')::bigint) AS t
  FROM f WHERE doc->>'type' = 'InkomstenOntvangen' AND doc->>'maand' BETWEEN '${jaar}-01' AND '${jaar}-12'
  GROUP BY 1, 2),
qm AS (SELECT inc.h, inc.m, coalesce(inc.l, 0) AS l, coalesce(inc.o, 0) AS o, inc.t FROM inc JOIN bm ON bm.h = inc.h AND bm.m = inc.m WHERE inc.t > 0),
ph AS (SELECT h, sum(l) AS l, sum(o) AS o FROM qm GROUP BY h)
SELECT
  (SELECT count(*) FILTER (WHERE st = 'L') FROM eerste)::int,
  (SELECT count(*) FILTER (WHERE st = 'O') FROM eerste)::int,
  (SELECT count(*) FILTER (WHERE st = 'E') FROM eerste)::int,
  (SELECT count(*) FILTER (WHERE duurzaam) FROM uitkomst)::int,
  (SELECT count(*) FILTER (WHERE NOT duurzaam AND onbekend) FROM uitkomst)::int,
  (SELECT count(*) FILTER (WHERE NOT duurzaam AND NOT onbekend) FROM uitkomst)::int,
  (SELECT count(*) FILTER (WHERE l >= o) FROM ph)::int,
  (SELECT count(*) FILTER (WHERE o > l) FROM ph)::int,
  (SELECT count(DISTINCT h) FROM bm)::int,
  (SELECT count(*) FROM qm)::int,
  (SELECT coalesce(sum(t), 0) FROM qm)::text`;
  const [row] = await driver.query(sql);
  if (row === undefined) throw new Error('the SQL baseline gave no row');
  const [l, o, e, duurzaam, nogOnbekend, teruggevallen, pl, po, bijstand, maanden, totaal] = row.map(
    Number,
  ) as number[];
  const n = (x: number | undefined): number => x ?? 0;
  const share = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
  const uitstroom = n(l) + n(o) + n(e);
  const totaalCent = n(totaal);
  const months = n(maanden);
  return {
    volledigeUitstroom: { loondienst: n(l), onderneming: n(o), opleiding: n(e), totaal: uitstroom },
    duurzaamheid: {
      uitstroom,
      duurzaam: n(duurzaam),
      teruggevallen: n(teruggevallen),
      nogOnbekend: n(nogOnbekend),
      aandeelDuurzaam: share(n(duurzaam), n(duurzaam) + n(teruggevallen)),
    },
    gedeeltelijkeUitstroom: {
      loondienst: n(pl),
      onderneming: n(po),
      totaal: n(pl) + n(po),
      bijstandshuishoudens: n(bijstand),
      aandeel: share(n(pl) + n(po), n(bijstand)),
    },
    gemiddeldInkomen: {
      maanden: months,
      totaalCent,
      // Half up, in integers: floor((2·a + b) / 2b).
      gemiddeldCent: months === 0 ? null : Math.floor((2 * totaalCent + months) / (2 * months)),
      gemiddeldEuro: months === 0 ? null : Math.floor((2 * totaalCent + 100 * months) / (200 * months)),
    },
  };
};
