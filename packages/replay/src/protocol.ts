// The messages between a parallel replay and its worker threads.
import type { MessagePort } from 'node:worker_threads';
import type { TransferableState } from '@zelfredzaam/projections';
import type { DecidePartResult } from './decide.js';
import type { PartResult } from './partition.js';
import type { RecordedOrderPart } from './recorded-order.js';

/** What a worker is asked to do (its workerData). */
export interface PartRequest {
  readonly path: string;
  readonly part: number;
  readonly parts: number;
  readonly maxLineBytes: number;
  readonly maxFouten: number;
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly bytes: number }
  | ({ readonly kind: 'done'; readonly state: TransferableState } & Omit<PartResult, 'state'>)
  | { readonly kind: 'error'; readonly message: string };

/** What a worker of a replay from PostgreSQL is asked (its workerData): positions (after, upTo]. */
export interface RangeRequest {
  readonly spec: string;
  readonly after: string;
  readonly upTo: number;
  readonly batchSize: number;
}

export type RangeMessage =
  | {
      readonly kind: 'done';
      readonly facts: number;
      /** Stored facts skipped because they no longer decode (issue 17, point 7). */
      readonly unreadable: number;
      readonly state: TransferableState;
    }
  | { readonly kind: 'error'; readonly message: string };

/** What a worker of a parallel `report --from` is asked (decide.ts): one part of the file. */
export interface DecideRequest {
  readonly path: string;
  readonly part: number;
  readonly parts: number;
  readonly maxLineBytes: number;
  readonly now: string;
  readonly derivation: 'canoniek' | 'oud';
  readonly regels: boolean;
  /** With `regels`: each line's recordedAt too (for a digest with a kennisdatum). */
  readonly regelTijden: boolean;
}

export type DecideMessage =
  | { readonly kind: 'progress'; readonly bytes: number }
  | ({ readonly kind: 'done'; readonly state: TransferableState } & Omit<DecidePartResult, 'state'>)
  | { readonly kind: 'error'; readonly message: string };

/**
 * What the thread hashing `report --from`'s accepted lines is given (its workerData): the parts'
 * lines, the digests to make, and where to answer. It posts a HashMessage on `port`, then sets
 * `signal[0]` to 1 and wakes the waiting thread; `signal[1]` counts its progress (hash-worker.ts).
 */
export interface HashRequest {
  readonly parts: readonly RecordedOrderPart[];
  readonly lines: number;
  readonly afkappunten: readonly { readonly kennisdatum: string | null; readonly cutoff: number }[];
  readonly signal: SharedArrayBuffer;
  readonly port: MessagePort;
}

export type HashMessage =
  | { readonly kind: 'done'; readonly digests: readonly (readonly [string | null, string])[] }
  | { readonly kind: 'error'; readonly message: string };
