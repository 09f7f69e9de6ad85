// A quick micro-measurement, not a test (issue 6 targets): fold rate, settle time, jaarrapport
// query time and a live update, over a simple synthetic history of about 400,000 households,
// with the facts of MEETREGELS §7.1 (assessments, trajectories, placements, in beeld, minima, debt
// trajectories and employers' alliances) unless `--kern` leaves them out.
// Run: npx tsx --conditions=@zelfredzaam/source packages/projections/scripts/measure.ts [households] [--kern]
import { dayOf, isoDateOf, isoMonthOf, monthIndexOfDay, type Recorded } from '@zelfredzaam/domain';
import { apply, emptyState, jaarrapport, LiveRapport, type Parameters, settle } from '../src/index.js';

const households = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 400_000);
const paragraaf7 = !process.argv.includes('--kern');
const SOORTEN = ['Workfast', 'VAK', 'Pauropus', 'Meedoen'];
const PLAATSINGEN = ['sroi', 'afspraakbaan', 'beschut-nieuw', 'banenplan'];
const TRAJECT_RESULTATEN = ['werk', 'opleiding', 'ingetrokken', 'voltooid', 'uitgevallen'];
const SCHULD_RESULTATEN = ['minnelijk-geslaagd', 'minnelijk-geslaagd', 'minnelijk-mislukt', 'wsnp', 'uitgevallen'];
const CHUNK = 20_000;

// A small deterministic generator (xorshift), so every run measures the same history.
let seed = 0x2545f491;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4_294_967_296;
};

let counter = 0;
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const eventId = (): string => {
  counter++;
  return `${hex((random() * 2 ** 32) >>> 0, 8)}-${hex(counter & 0xffff, 4)}-4${hex(counter >>> 16, 3)}-8000-${hex(counter, 12)}`;
};
const instant = (day: number): string => `${isoDateOf(day + 1)}T09:00:00.000Z`;

const huishoudenEvents = (n: number, into: Recorded[]): void => {
  // A fresh string per event, as JSON.parse would give.
  const id = (): string => `h-${String(n).padStart(7, '0')}`;
  let day = dayOf('2010-01-01') + Math.floor(random() * 6 * 365);
  const push = (feit: Record<string, unknown>, known: number): void => {
    into.push({ ...feit, huishouden: id(), eventId: eventId(), recordedAt: instant(known) } as Recorded);
  };
  for (let spell = 0; spell < 2; spell++) {
    push(
      spell === 0
        ? { type: 'UitkeringGestart', datum: isoDateOf(day), regeling: 'Participatiewet' }
        : { type: 'Teruggevallen', datum: isoDateOf(day), op: 'WWB' },
      day,
    );
    const months = 6 + Math.floor(random() * 12);
    const month = monthIndexOfDay(day);
    for (let m = 0; m < months; m++) {
      const maand = month + m;
      push(
        {
          type: 'InkomstenOntvangen',
          maand: isoMonthOf(maand),
          bron: random() < 0.9 ? 'loondienst' : 'onderneming',
          bedragCent: 10_000 + Math.floor(random() * 90_000),
        },
        day + 31 * m + 20,
      );
    }
    const spellStart = day;
    day += 31 * months + Math.floor(random() * 20);
    if (paragraaf7) paragraaf7Events(spellStart, day, push);
    push({ type: 'InLoondienstGetreden', datum: isoDateOf(day), uitkering: 'beeindigd' }, day);
    if (random() < 0.6) break;
    day += 30 + Math.floor(random() * 200);
  }
  if (paragraaf7 && n % 200 === 0) {
    // An employer closes an alliance (about 2,000 employers in all).
    const alliantie = dayOf('2011-01-01') + Math.floor(random() * 5 * 365);
    into.push({
      type: 'AllianceGesloten',
      werkgever: `wg-${String(n).padStart(7, '0')}`,
      datum: isoDateOf(alliantie),
      eventId: eventId(),
      recordedAt: instant(alliantie),
    } as Recorded);
  }
};

let trajectNummer = 0;
/** §7.1 facts during a spell [start, end): an assessment about yearly, sometimes a trajectory, … */
function paragraaf7Events(
  start: number,
  end: number,
  push: (feit: Record<string, unknown>, known: number) => void,
): void {
  for (let d = start + Math.floor(random() * 60); d < end; d += 300 + Math.floor(random() * 130)) {
    push({ type: 'ParticipatieTredeVastgesteld', datum: isoDateOf(d), trede: 1 + Math.floor(random() * 4) }, d);
  }
  const at = (): number => start + Math.floor(random() * Math.max(1, end - start));
  if (random() < 0.3) {
    const d = at();
    const trajectId = `t-${trajectNummer++}`;
    push({ type: 'TrajectGestart', datum: isoDateOf(d), trajectId, soort: SOORTEN[Math.floor(random() * 4)] }, d);
    const e = d + 30 + Math.floor(random() * 200);
    const resultaat = TRAJECT_RESULTATEN[Math.floor(random() * 5)];
    push({ type: 'TrajectBeeindigd', datum: isoDateOf(e), trajectId, resultaat }, e);
  }
  if (random() < 0.05) {
    const d = at();
    push({ type: 'Geplaatst', datum: isoDateOf(d), soort: PLAATSINGEN[Math.floor(random() * 4)] }, d);
  }
  if (random() < 0.4) {
    const d = at();
    push({ type: 'InBeeldGebracht', datum: isoDateOf(d) }, d);
  }
  if (random() < 0.3) {
    const d = at();
    push({ type: 'MinimaregelingToegekend', datum: isoDateOf(d), regeling: 'Individuele inkomenstoeslag' }, d);
  }
  if (random() < 0.1) {
    const d = at();
    const trajectId = `s-${trajectNummer++}`;
    push({ type: 'SchuldhulpGestart', datum: isoDateOf(d), trajectId }, d);
    const e = d + 100 + Math.floor(random() * 400);
    push(
      {
        type: 'SchuldhulpBeeindigd',
        datum: isoDateOf(e),
        trajectId,
        resultaat: SCHULD_RESULTATEN[Math.floor(random() * 5)],
      },
      e,
    );
  }
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const state = emptyState();
let events = 0;
let foldMs = 0;
for (let first = 0; first < households; first += CHUNK) {
  const batch: Recorded[] = [];
  for (let n = first; n < Math.min(households, first + CHUNK); n++) huishoudenEvents(n, batch);
  // Recorded order across households, as a store would give them; through JSON as a replay from
  // NDJSON reads them (flat strings, one object shape per event type).
  batch.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  for (let k = 0; k < batch.length; k++) batch[k] = JSON.parse(JSON.stringify(batch[k])) as Recorded;
  const t0 = performance.now();
  for (const event of batch) apply(state, event);
  foldMs += performance.now() - t0;
  events += batch.length;
}
let t0 = performance.now();
settle(state);
const settleMs = performance.now() - t0;

const parameters = (jaar: number, kennisdatum: string | null = null): Parameters => ({
  jaar,
  peildatum: `${jaar + 1}-12-31`,
  meetdatum: `${jaar + 1}-12-31`,
  kennisdatum,
});
const queries: number[] = [];
for (const jaar of [2012, 2013, 2014, 2015, 2014]) {
  t0 = performance.now();
  jaarrapport(state, parameters(jaar));
  queries.push(performance.now() - t0);
}
t0 = performance.now();
jaarrapport(state, parameters(2014, '2015-06-30'));
const kennisMs = performance.now() - t0;

const live = new LiveRapport(state, parameters(2014));
const updates: number[] = [];
for (let k = 0; k < 50; k++) {
  const n = Math.floor(random() * households);
  const batch: Recorded[] = [];
  huishoudenEvents(n, batch);
  const late = batch[1] ?? batch[0];
  if (late === undefined) continue;
  // A late income registration for an existing household, with a fresh eventId.
  const event = { ...late, eventId: eventId(), recordedAt: '2020-01-01T00:00:00.000Z' } as Recorded;
  t0 = performance.now();
  live.apply(event);
  live.rapport();
  updates.push(performance.now() - t0);
}
updates.sort((a, b) => a - b);

const rss = process.memoryUsage().rss;
console.log(
  JSON.stringify(
    {
      households: state.households,
      paragraaf7,
      events,
      foldMs: Math.round(foldMs),
      foldEventsPerSecond: Math.round(events / (foldMs / 1000)),
      settleMs: Math.round(settleMs),
      jaarrapportMs: queries.map((q) => Math.round(q)),
      jaarrapportMetKennisdatumMs: Math.round(kennisMs),
      liveUpdateMs: { median: updates[Math.floor(updates.length / 2)], max: updates[updates.length - 1] },
      rss: mib(rss),
      heapUsed: mib(process.memoryUsage().heapUsed),
      arrayBuffers: mib(process.memoryUsage().arrayBuffers),
    },
    null,
    2,
  ),
);
