// Checks of a whole store's consistency, shared by the fault and concurrency tests: every event
// decodes (readAll throws otherwise), revisions are contiguous per stream, no eventId twice,
// positions strictly increasing, and every household's history is one the decider accepts.
import { expect } from 'vitest';
import type { EventStore, StoredEvent } from '../../packages/adapters/src/index.js';
import { decide } from '../../packages/domain/src/index.js';

export const readWhole = async (store: EventStore): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll({ batchSize: 5_000 })) events.push(...batch);
  return events;
};

/** Asserts the store is consistent; returns its events in recorded order. */
export const expectConsistent = async (store: EventStore): Promise<StoredEvent[]> => {
  const events = await readWhole(store);
  const ids = new Set(events.map((e) => e.event.eventId));
  expect(ids.size, 'geen eventId dubbel').toBe(events.length);
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
  for (const [stream, stored] of byStream) {
    expect(
      stored.map((e) => e.revision),
      `revisies van ${stream} aaneengesloten`,
    ).toEqual(stored.map((_, i) => i));
    const verdict = decide(
      [],
      stored.map((e) => e.event),
    );
    expect(verdict._tag, `levensloop van ${stream} klopt`).toBe('Right');
  }
  return events;
};
