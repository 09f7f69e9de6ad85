// The targets of issue 6, checked against the largest tier that measured each.
import type { Measure, Result, TierResult } from './table.js';

export interface Target {
  readonly name: string;
  readonly measured: string;
  /** undefined when not measured in this run. */
  readonly met: boolean | undefined;
}

const largest = (tiers: readonly TierResult[], measure: Measure): { tier: TierResult; result: Result } | undefined => {
  for (let i = tiers.length - 1; i >= 0; i--) {
    const tier = tiers[i] as TierResult;
    const result = tier.results.find((r) => r.measure === measure);
    if (result !== undefined) return { tier, result };
  }
  return undefined;
};

const perSecond = (n: number): string => `${Math.round(n).toLocaleString('en')}/s`;

export const evaluateTargets = (tiers: readonly TierResult[]): Target[] => {
  const targets: Target[] = [];
  const replay = largest(tiers, 'replay');
  const parse = replay?.tier.results.find((r) => r.measure === 'parse');
  targets.push(
    replay === undefined || parse === undefined
      ? { name: 'full replay ≥ 75 % of the parse-only baseline', measured: '—', met: undefined }
      : {
          name: 'full replay ≥ 75 % of the parse-only baseline',
          measured: `${Math.round((100 * replay.result.rate) / parse.rate)} % at ${replay.tier.tier} (${perSecond(replay.result.rate)} vs ${perSecond(parse.rate)})`,
          met: replay.result.rate >= 0.75 * parse.rate,
        },
  );
  const fold = largest(tiers, 'fold');
  targets.push({
    name: 'fold only ≥ 2,000,000 events/s',
    measured: fold === undefined ? '—' : `${perSecond(fold.result.rate)} at ${fold.tier.tier}`,
    met: fold === undefined ? undefined : fold.result.rate >= 2_000_000,
  });
  const quarter = largest(tiers, 'queryQuarter');
  const query = largest(tiers, 'query');
  targets.push(
    quarter !== undefined
      ? {
          name: '`jaarrapport` over 400,000 households ≤ 200 ms',
          measured: `${quarter.result.ms.toFixed(1)} ms over ${quarter.result.events.toLocaleString('en')} households (${quarter.tier.tier}); over all ${quarter.tier.households.toLocaleString('en')}: ${query?.result.ms.toFixed(1) ?? '—'} ms`,
          met: quarter.result.ms <= 200,
        }
      : {
          name: '`jaarrapport` over 400,000 households ≤ 200 ms',
          measured:
            query === undefined
              ? '—'
              : `${query.result.ms.toFixed(1)} ms over ${query.tier.households.toLocaleString('en')} households (${query.tier.tier}; run --full for 400,000)`,
          met: undefined,
        },
  );
  const live = largest(tiers, 'live');
  targets.push({
    name: 'live update ≤ 5 ms',
    measured: live === undefined ? '—' : `${live.result.ms.toFixed(3)} ms at ${live.tier.tier}`,
    met: live === undefined ? undefined : live.result.ms <= 5,
  });
  const national = tiers.find((t) => t.events >= 10_000_000)?.results.find((r) => r.measure === 'replay');
  targets.push({
    name: 'peak RSS of the 10M replay ≤ 1 GB',
    measured: national === undefined ? 'not measured (run with --full)' : `${national.rssMiB} MiB`,
    met: national === undefined ? undefined : national.rssMiB <= 1024,
  });
  // Replay from PostgreSQL: the faster of its two paths (readAll + fold on one thread, or
  // position ranges on 2 threads; with the server on the same 2 cores, threads may not pay).
  const pgPaths = [largest(tiers, 'postgresReplay'), largest(tiers, 'postgresReplayParallel')].filter(
    (p) => p !== undefined,
  );
  const pgReplay = pgPaths.sort((x, y) => y.result.rate - x.result.rate)[0];
  const pgSelect = pgReplay?.tier.results.find((r) => r.measure === 'postgresSelect');
  targets.push(
    pgReplay === undefined || pgSelect === undefined
      ? { name: 'PostgreSQL replay ≥ 80 % of plain SELECT and ≥ 93,000/s', measured: '—', met: undefined }
      : {
          name: 'PostgreSQL replay ≥ 80 % of plain SELECT and ≥ 93,000/s',
          measured: `${perSecond(pgReplay.result.rate)} (${pgReplay.result.measure === 'postgresReplay' ? '1 thread' : '2 threads'}) = ${Math.round((100 * pgReplay.result.rate) / pgSelect.rate)} % of ${perSecond(pgSelect.rate)} at ${pgReplay.tier.tier}`,
          met: pgReplay.result.rate >= 0.8 * pgSelect.rate && pgReplay.result.rate >= 93_000,
        },
  );
  // Issue 16 and issue 17 point 4: what users run, on files of other programs, beside SQL.
  const decideForeign = largest(tiers, 'decideForeign');
  const parseForeign = decideForeign?.tier.results.find((r) => r.measure === 'parseForeign');
  const sqlYear = decideForeign?.tier.results.find((r) => r.measure === 'sqlYear');
  // The command as users run it (its own process, bron.sha256, output), when it was measured.
  const commandForeign = decideForeign?.tier.results.find((r) => r.measure === 'commandForeign');
  targets.push(
    decideForeign === undefined || parseForeign === undefined
      ? {
          name: '`report --from` of a foreign file, every year, ≤ 7× the single-thread parse',
          measured: '—',
          met: undefined,
        }
      : {
          name: '`report --from` of a foreign file, every year, ≤ 7× the single-thread parse',
          measured: `${(decideForeign.result.ms / parseForeign.ms).toFixed(1)}× at ${decideForeign.tier.tier} (${(decideForeign.result.ms / 1000).toFixed(1)} s vs ${(parseForeign.ms / 1000).toFixed(1)} s)`,
          met: decideForeign.result.ms <= 7 * parseForeign.ms,
        },
  );
  targets.push(
    decideForeign === undefined || sqlYear === undefined
      ? {
          name: '`report --from` (every year) faster than the SQL baseline’s single year',
          measured: '—',
          met: undefined,
        }
      : {
          name: '`report --from` (every year) faster than the SQL baseline’s single year',
          measured: `${(decideForeign.result.ms / 1000).toFixed(1)} s${commandForeign === undefined ? '' : ` (the command as run: ${(commandForeign.ms / 1000).toFixed(1)} s)`} vs ${(sqlYear.ms / 1000).toFixed(1)} s for one year by SQL (+ its load) at ${decideForeign.tier.tier}; SQL figures ${decideForeign.tier.sql?.same === false ? '**differ from**' : 'equal'} the library's (${decideForeign.tier.sql?.jaar ?? '—'})`,
          met:
            decideForeign.result.ms < sqlYear.ms &&
            (commandForeign === undefined || commandForeign.ms < sqlYear.ms) &&
            decideForeign.tier.sql?.same !== false,
        },
  );
  const replayForeign = largest(tiers, 'replayForeign');
  const replayCanonical = replayForeign?.tier.results.find((r) => r.measure === 'replay');
  targets.push(
    replayForeign === undefined || replayCanonical === undefined
      ? { name: '`replayNdjsonFile` on foreign lines ≤ 1.25× canonical', measured: '—', met: undefined }
      : {
          name: '`replayNdjsonFile` on foreign lines ≤ 1.25× canonical',
          measured: `${(replayForeign.result.ms / replayCanonical.ms).toFixed(2)}× at ${replayForeign.tier.tier} (${(replayForeign.result.ms / 1000).toFixed(1)} s vs ${(replayCanonical.ms / 1000).toFixed(1)} s)`,
          met: replayForeign.result.ms <= 1.25 * replayCanonical.ms,
        },
  );
  const household = largest(tiers, 'household');
  targets.push({
    name: '100,000 facts of one household decided and folded ≤ 2 s',
    measured: household === undefined ? '—' : `${(household.result.ms / 1000).toFixed(2)} s`,
    met: household === undefined ? undefined : household.result.ms <= 2000,
  });
  const pgImport = largest(tiers, 'postgresImport');
  targets.push({
    name: 'PostgreSQL import through the decider ≥ 30,000/s',
    measured: pgImport === undefined ? '—' : `${perSecond(pgImport.result.rate)} at ${pgImport.tier.tier}`,
    met: pgImport === undefined ? undefined : pgImport.result.rate >= 30_000,
  });
  // Issue 13 (MEETREGELS §8): every member of every cell of one year from the replayed state.
  const oneM = tiers.find((t) => t.events >= 1_000_000 && t.events < 10_000_000);
  const uitleg = oneM?.results.find((r) => r.measure === 'verklaring');
  targets.push({
    name: 'explain every cell of one year over 1M facts ≤ 2 s',
    measured: uitleg === undefined ? 'not measured (1M tier)' : `${(uitleg.ms / 1000).toFixed(2)} s at ${oneM?.tier}`,
    met: uitleg === undefined ? undefined : uitleg.ms <= 2000,
  });
  return targets;
};
