// Positions in EventStoreDB's $all: a (commit, prepare) pair of log offsets, ordered by commit
// and then prepare (the events of one append share a commit position). The port sees them as
// the opaque string `commit/prepare`, so a subscriber can keep one as a checkpoint.
import type { Position } from '../port.js';

export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Positions are unsigned 64-bit; the server sends the maximum for "no position". */
const NO_POSITION = 0xffff_ffff_ffff_ffffn;
const POSITION_TEXT = /^(\d{1,20})\/(\d{1,20})$/;

export const formatPosition = (position: LogPosition): Position =>
  `${position.commit.toString(10)}/${position.prepare.toString(10)}` as Position;

/** The log position a port position stands for; throws on anything this store did not produce. */
export const parsePosition = (text: string): LogPosition => {
  const match = POSITION_TEXT.exec(text);
  const commit = match?.[1];
  const prepare = match?.[2];
  if (commit === undefined || prepare === undefined || BigInt(commit) > NO_POSITION || BigInt(prepare) > NO_POSITION) {
    throw new Error(`ongeldige EventStoreDB-positie ${JSON.stringify(text)}: verwacht commit/prepare`);
  }
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
};

export const comparePositions = (a: LogPosition, b: LogPosition): number => {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0;
};

/** A real position, or undefined when the server sent none (stream reads before 22.6). */
export const knownPosition = (position: LogPosition | undefined): LogPosition | undefined =>
  position === undefined || position.commit === NO_POSITION || position.prepare === NO_POSITION ? undefined : position;
