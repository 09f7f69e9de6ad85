// A demo NDJSON file of at least a given size (the memory tests and scripts/memory-2gb.ts): the
// number of households is calibrated on a small run first, because what the demo writes per
// household changes as the catalogue grows. Test infrastructure.
import { stat } from 'node:fs/promises';
import { type DemoOptions, writeDemoNdjson } from '../../packages/cli/src/demo/index.js';

const CALIBRATION_HOUSEHOLDS = 2_000;

export interface DemoFile {
  readonly bytes: number;
  readonly events: number;
  readonly huishoudens: number;
}

/** Writes the demo municipality to `path`, with enough households for at least `bytes` bytes. */
export const writeDemoOfSize = async (
  path: string,
  bytes: number,
  options: Omit<DemoOptions, 'huishoudens'> = {},
): Promise<DemoFile> => {
  const sample = await writeDemoNdjson(path, { ...options, huishoudens: CALIBRATION_HOUSEHOLDS });
  // 5 % to spare: the demo's rates vary a little with the city's size.
  const huishoudens = Math.ceil((1.05 * bytes * CALIBRATION_HOUSEHOLDS) / sample.bytes);
  const written = await writeDemoNdjson(path, { ...options, huishoudens });
  return { bytes: (await stat(path)).size, events: written.events, huishoudens };
};
