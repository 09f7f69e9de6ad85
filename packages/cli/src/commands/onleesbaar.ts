// Stored facts that no longer decode (issue 17, point 7): report, export and verify skip them,
// count them and say where they are — by position and pseudonymised stream, never a BSN — and
// how to set one aside (`zelfredzaam intrekken --positie N`).
import { shownStream, type UnreadableEvent } from '@zelfredzaam/adapters';
import { aantal } from './common.js';

/** One unreadable fact in a line. */
export const beschrijfOnleesbaar = (event: UnreadableEvent): string =>
  `${event.position === undefined ? '' : `positie ${event.position}, `}stream ${shownStream(event.stream)}, revisie ${event.revision}: ${event.reason}`;

const MAX_GETOOND = 10;

/** The warning for `count` unreadable facts, the first few named. */
export const onleesbaarMelding = (count: number, events: readonly UnreadableEvent[]): string => {
  const genoemd = events.slice(0, MAX_GETOOND).map((e) => `  ${beschrijfOnleesbaar(e)}`);
  const meer = count > genoemd.length ? [`  … en nog ${aantal(count - genoemd.length)}`] : [];
  const positie = events.find((e) => e.position !== undefined)?.position ?? 'N';
  return [
    `Let op: ${aantal(count)} opgeslagen ${count === 1 ? 'feit is' : 'feiten zijn'} onleesbaar en overgeslagen (ze tellen nergens mee):`,
    ...genoemd,
    ...meer,
    `Zet zo'n feit apart met: zelfredzaam intrekken --positie ${positie} (zie README, Betrouwbaarheid).`,
  ].join('\n');
};

/** Collects the unreadable facts a read reports: the first few kept, all counted. */
export const verzamelOnleesbaar = () => {
  const events: UnreadableEvent[] = [];
  let count = 0;
  return {
    add(event: UnreadableEvent): void {
      count++;
      if (events.length < MAX_GETOOND) events.push(event);
    },
    get count(): number {
      return count;
    },
    get events(): readonly UnreadableEvent[] {
      return events;
    },
  };
};
