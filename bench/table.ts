// The results as markdown: one row per measure, one column per tier, and the targets.
import type { Target } from './targets.js';

export type Measure =
  | 'parse'
  | 'replay'
  | 'fold'
  | 'query'
  | 'kennisdatum'
  | 'live'
  | 'verklaring'
  | 'pgliteImport'
  | 'pgliteReplay'
  | 'pgliteSelect'
  | 'postgresImport'
  | 'postgresReplay'
  | 'postgresReplayParallel'
  | 'postgresSelect'
  | 'queryQuarter'
  | 'parseForeign'
  | 'replayForeign'
  | 'decideForeign'
  | 'commandForeign'
  | 'commandNational'
  | 'sqlLoad'
  | 'sqlYear'
  | 'household';

export interface Result {
  readonly measure: Measure;
  /** Facts handled (households for the queries, 1 for a live update). */
  readonly events: number;
  /** Median milliseconds. */
  readonly ms: number;
  readonly rate: number;
  /** Median peak RSS of the process (MiB). */
  readonly rssMiB: number;
  readonly runs: number;
  readonly samplesMs: readonly number[];
  /** The 1-minute load average when each sample was taken. */
  readonly loads: readonly number[];
}

export interface TierResult {
  readonly tier: string;
  readonly events: number;
  readonly bytes: number;
  readonly households: number;
  readonly years: unknown;
  readonly replayMemory?: {
    readonly heapUsedMiB: number;
    readonly arrayBuffersMiB: number;
    /** The replay without the yearly reports. */
    readonly replayOnlyMs: number;
  };
  readonly results: readonly Result[];
  /** The SQL baseline's year, and whether its figures equal the library's (issue 16). */
  readonly sql?: { readonly jaar: number; readonly same: boolean; readonly figures: unknown };
}

export interface Results {
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly ramGiB: number;
    readonly node: string;
    readonly date: string;
    readonly loadBefore: readonly number[];
    readonly loadAfter: readonly number[];
    readonly runs: number;
  };
  readonly tiers: readonly TierResult[];
  readonly targets: readonly Target[];
}

const LABELS: Record<Measure, string> = {
  parse: 'baseline: read 1 MB pieces + `JSON.parse` per line (1 thread)',
  replay: 'full replay from NDJSON: parse, decode, fold, the `jaarrapport` of every year (2 threads)',
  fold: 'fold only, over decoded facts',
  query: 'one `jaarrapport` query over the replayed state (all households)',
  queryQuarter: 'one `jaarrapport` query over two fifths of the households (≈ 400k at 10M)',
  kennisdatum: 'one `jaarrapport` query with a kennisdatum',
  live: 'live update: 1 fact applied + report refreshed',
  verklaring: 'explain every cell of one year (MEETREGELS §8: every member made) from the replayed state',
  pgliteImport: 'PGlite: import through the decider',
  pgliteReplay: 'PGlite: replay (`readAll` + fold)',
  pgliteSelect: 'PGlite: plain keyset `SELECT` + `JSON.parse`',
  postgresImport: 'PostgreSQL: import through the decider',
  postgresReplay: 'PostgreSQL: replay (`readAll` + fold, 1 thread)',
  postgresReplayParallel: 'PostgreSQL: replay (`readAll` + fold by position ranges, 2 threads)',
  postgresSelect: 'PostgreSQL: plain keyset `SELECT` + `JSON.parse`',
  parseForeign:
    'foreign lines (other field order, instants without ms or with an offset, every fifth line spaced): `JSON.parse` per line (1 thread)',
  replayForeign: 'foreign lines: full replay, as above (2 threads)',
  decideForeign:
    'foreign lines: `report --from` every year — decided through the decider, folded, the `jaarrapport` of every year (2 threads)',
  commandForeign:
    'foreign lines: the command as users run it, `zelfredzaam report --from FILE --jaren … --format json` (built CLI, its own process: start, decide, every year with §5 bron.sha256, output)',
  commandNational:
    "the command `zelfredzaam report --from FILE --jaren … --format json` on the library's own lines (10M only: every accepted fact's canonical line is kept for §5 bron.sha256 until the file ends)",
  sqlLoad: 'SQL baseline: load the file into a jsonb table (server COPY)',
  sqlYear: 'SQL baseline: core figures §4.1/4.2/4.4/4.5 of one year by SQL over the jsonb table',
  household: 'one household of 100,000 facts decided (Tijdlijn) and folded',
};

const ORDER = Object.keys(LABELS) as Measure[];
const TIMED: ReadonlySet<Measure> = new Set(['query', 'queryQuarter', 'kennisdatum', 'live', 'sqlYear', 'household']);

const short = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(Math.round(n));

const duration = (ms: number): string =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 100
      ? `${Math.round(ms)} ms`
      : `${ms.toFixed(ms < 1 ? 3 : 1)} ms`;

const cell = (r: Result | undefined, baseline: Result | undefined): string => {
  if (r === undefined) return '—';
  if (r.measure === 'queryQuarter') return `${duration(r.ms)} over ${short(r.events)} households`;
  if (TIMED.has(r.measure)) return `${duration(r.ms)}`;
  const share =
    r.measure === 'replay' && baseline !== undefined ? ` (${Math.round((100 * r.rate) / baseline.rate)} %)` : '';
  if (r.measure === 'sqlLoad') return `${short(r.rate)}/s · ${duration(r.ms)}`;
  return `${short(r.rate)}/s${share} · ${duration(r.ms)} · ${Number.isFinite(r.rssMiB) ? `${r.rssMiB} MiB` : 'RSS —'}`;
};

export const renderTables = (results: Results): string => {
  const { machine, tiers } = results;
  const lines: string[] = [];
  lines.push(
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}; ` +
      `median of ${machine.runs} runs, each measure in a fresh process; load average ${machine.loadBefore[0]} before, ${machine.loadAfter[0]} after.`,
    '',
    `| measure | ${tiers.map((t) => `${t.tier} facts (${short(t.households)} households)`).join(' | ')} |`,
    `|---|${tiers.map(() => '---').join('|')}|`,
  );
  for (const measure of ORDER) {
    if (!tiers.some((t) => t.results.some((r) => r.measure === measure))) continue;
    const cells = tiers.map((t) =>
      cell(
        t.results.find((r) => r.measure === measure),
        t.results.find((r) => r.measure === 'parse'),
      ),
    );
    lines.push(`| ${LABELS[measure]} | ${cells.join(' | ')} |`);
    if (measure === 'replay') {
      const parts = tiers.map((t) => {
        const ms = t.replayMemory?.replayOnlyMs;
        const parse = t.results.find((r) => r.measure === 'parse');
        if (ms === undefined || Number.isNaN(ms)) return '—';
        const rate = t.events / (ms / 1000);
        const share = parse === undefined ? '' : ` (${Math.round((100 * rate) / parse.rate)} %)`;
        return `${short(rate)}/s${share} · ${duration(ms)}`;
      });
      lines.push(`| … of which the replay alone, without the yearly reports | ${parts.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    'Cells: events/s · median time · median peak RSS of the process. Queries and live updates: median time (their process holds the replayed state).',
    '',
    '| target | measured | met |',
    '|---|---|---|',
  );
  for (const t of results.targets)
    lines.push(`| ${t.name} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**'} |`);
  return `${lines.join('\n')}\n`;
};
