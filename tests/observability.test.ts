// Issue 14, point 3: one import with refusals, observed twice — as OpenTelemetry spans and
// metrics (in-memory exporters of the OpenTelemetry SDK) and as the `--log json` lines on stderr
// of the same command; and the spans of a report (import, replay, report).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { openTelemetryHooks } from '../packages/adapters/src/opentelemetry.js';
import { run } from '../packages/cli/src/cli.js';
import type { Omgeving } from '../packages/cli/src/omgeving.js';

const dir = mkdtempSync(join(tmpdir(), 'zelfredzaam-obs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = join(dir, 'gemeente.ndjson');
writeFileSync(
  FILE,
  [
    '{"type":"UitkeringGestart","huishouden":"h-1","datum":"2013-01-01","regeling":"Participatiewet"}',
    '{"type":"UitkeringGestart","huishouden":"h-2"',
    '{"type":"UitkeringGestart","huishouden":"h-3","datum":"2013-02-30","regeling":"Participatiewet"}',
    '{"type":"InkomstenOntvangen","huishouden":"h-4","maand":"2014-03","bron":"loondienst","bedragCent":47500}',
    '{"type":"InLoondienstGetreden","huishouden":"h-1","datum":"2014-03-01","uitkering":"beeindigd"}',
    '  ',
    '',
  ].join('\n'),
);

const observed = () => {
  const spans = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('test');
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
  return { spans, reader, hooks: openTelemetryHooks({ tracer, meter }) };
};

/** Metric name → [attributes, value] of each data point (sums as numbers, histograms as counts). */
const metricsOf = async (reader: PeriodicExportingMetricReader) => {
  const { resourceMetrics } = await reader.collect();
  const out = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      out.set(
        metric.descriptor.name,
        metric.dataPoints.map((point) => ({ attributes: { ...point.attributes }, value: point.value })),
      );
    }
  }
  return out;
};

const cli = async (argv: string[], extra: Partial<Omgeving>) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await run(argv, {
    stdout,
    stderr,
    stdin: new PassThrough(),
    cwd: dir,
    vandaag: () => '2016-03-01',
    env: {},
    nu: () => Date.UTC(2026, 11, 7, 9, 0, 0),
    ...extra,
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
};

describe('observing an import with refusals', () => {
  it('gives OpenTelemetry spans and counters, and --log json lines on stderr', async () => {
    const { spans, reader, hooks } = observed();
    const result = await cli(['import', FILE, '--store', 'memory:', '--log', 'json'], { hooks });
    expect(result.code).toBe(1);

    // Spans: the import, with the store's kind.
    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual(['zelfredzaam.import']);
    expect(finished[0]?.attributes['zelfredzaam.store']).toBe('memory');

    // Counters: facts appended, refused by code; the append latency histogram.
    const metrics = await metricsOf(reader);
    expect(metrics.get('zelfredzaam.facts.appended')?.map((p) => p.value)).toEqual([2]);
    const refused = Object.fromEntries(
      (metrics.get('zelfredzaam.facts.refused') ?? []).map((p) => [p.attributes['zelfredzaam.code'], p.value]),
    );
    expect(refused).toEqual({ GEEN_JSON: 1, ONGELDIG: 1, INKOMSTEN_ZONDER_BIJSTAND: 1 });
    const latency = metrics.get('zelfredzaam.append.duration')?.[0]?.value as { count: number } | undefined;
    expect(latency?.count).toBeGreaterThanOrEqual(1);

    // --log json: every stderr line one JSON object; the refusals with their line numbers, then
    // progress, then the summary.
    const lines = result.stderr.trimEnd().split('\n');
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const event of events) expect(event.time).toBe('2026-12-07T09:00:00.000Z');
    const refusals = events.filter((e) => e.event === 'refusal');
    expect(refusals.map((e) => [e.line, e.code])).toEqual([
      [2, 'GEEN_JSON'],
      [3, 'ONGELDIG'],
      [4, 'INKOMSTEN_ZONDER_BIJSTAND'],
    ]);
    expect(refusals[1]?.household).toBe('h-3');
    expect(String(refusals[1]?.message)).toMatch(/^regel 3: .*datum/);
    expect(events.some((e) => e.event === 'progress' && e.lines === 6)).toBe(true);
    expect(events.at(-1)).toMatchObject({
      event: 'summary',
      command: 'import',
      lines: 6,
      accepted: 2,
      refused: 3,
      blank: 1,
      store: 'memory:',
    });
  });

  it('a report from a file: a span for the report; stdout stays the report, stderr JSON lines', async () => {
    const { spans, hooks } = observed();
    const result = await cli(['report', '--from', FILE, '--jaar', '2014', '--format', 'json', '--log', 'json'], {
      hooks,
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).jaar).toBe(2014);
    // report --from decides the file on worker threads (no store, so no import or replay span of its own).
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['zelfredzaam.report']);
    for (const line of result.stderr.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('refuses a --log value it does not know, as a usage error', async () => {
    const result = await cli(['import', FILE, '--log', 'xml'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--log: verwacht json of tekst');
  });
});
