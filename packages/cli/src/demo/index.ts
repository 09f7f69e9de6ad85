// Public entry point `@zelfredzaam/cli/demo`: the demo municipality generator, for the demo
// command and the benchmarks (which write 100,000 to 10,000,000 facts to NDJSON with it).
export { DEMO_DEFAULTS, DEMO_RATES, type DemoOptions, demoGeschiedenis, demoRegels } from './generator.js';
export {
  ndjsonLine,
  type WriteNdjsonOptions,
  type WriteNdjsonResult,
  writeDemoNdjson,
  writeLines,
  writeNdjson,
} from './ndjson.js';
export { createPrng, demoUuid, type Prng } from './prng.js';
