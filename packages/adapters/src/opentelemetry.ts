// `@zelfredzaam/adapters/opentelemetry`: the hooks (hooks.ts) as OpenTelemetry spans and
// metrics, through `@opentelemetry/api` (an optional peer dependency; the service brings its own
// SDK and exporters). Spans: `zelfredzaam.record`, `.import`, `.replay`, `.report`. Metrics:
// counters `zelfredzaam.facts.appended` and `zelfredzaam.facts.refused` (attribute
// `zelfredzaam.code`), `zelfredzaam.retries`, histograms `zelfredzaam.append.duration` (ms) and
// `zelfredzaam.subscription.lag` (ms). No attribute ever holds a personal value: codes and store
// kinds only, never a household.
import { type Meter, metrics, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { Hooks } from './hooks.js';

export interface OpenTelemetryOptions {
  /** Default: the global tracer provider's `@zelfredzaam/adapters` tracer. */
  readonly tracer?: Tracer;
  /** Default: the global meter provider's `@zelfredzaam/adapters` meter. */
  readonly meter?: Meter;
}

const SCOPE = '@zelfredzaam/adapters';

/** Hooks that report to OpenTelemetry; pass them as `hooks` to recordFacts, importNdjson, observeStore. */
export const openTelemetryHooks = (options: OpenTelemetryOptions = {}): Hooks => {
  const tracer = options.tracer ?? trace.getTracer(SCOPE);
  const meter = options.meter ?? metrics.getMeter(SCOPE);
  const appended = meter.createCounter('zelfredzaam.facts.appended', { description: 'Facts stored' });
  const refused = meter.createCounter('zelfredzaam.facts.refused', { description: 'Facts refused, by code' });
  const retries = meter.createCounter('zelfredzaam.retries', {
    description: 'Households decided again after a conflict',
  });
  const latency = meter.createHistogram('zelfredzaam.append.duration', {
    description: 'Duration of one append to the store',
    unit: 'ms',
  });
  const lag = meter.createHistogram('zelfredzaam.subscription.lag', {
    description: 'Time between a fact being recorded and its delivery to a subscriber',
    unit: 'ms',
  });
  return {
    onAppend: (event) => {
      appended.add(event.appended, { 'zelfredzaam.store': event.store });
      latency.record(event.durationMs, { 'zelfredzaam.store': event.store });
    },
    onRefusal: (event) => refused.add(1, { 'zelfredzaam.code': event.code }),
    onRetry: () => retries.add(1),
    onSubscriptionLag: (event) => lag.record(event.lagMs, { 'zelfredzaam.store': event.store }),
    span: (name, attributes, work) =>
      tracer.startActiveSpan(name, { attributes: { ...attributes } }, async (span) => {
        try {
          return await work();
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'fout' });
          throw error;
        } finally {
          span.end();
        }
      }),
  };
};
