// MEETREGELS §10 (issue 15): a case system's periods and income exports turned into facts and
// reconciled with what the store holds of the same source. Both files are streamed; each
// readable row is kept compactly (rijen.ts) until both are read, since a household's rows may be
// anywhere in them. Then the households are derived, reconciled and recorded in rounds: one
// `readStreams` for a round's households, one batch per household decided whole by the decider
// (MEETREGELS §2) against the history just read, one append per round with the revisions read
// (as recordFacts does, without reading every stream a second time). A household that another
// writer changed in between is read, reconciled and decided again; what is still unsettled
// after maxAttempts rounds, or an eventId held by another stream, goes through recordFacts.
//
// Every problem is reported as one refusal (file, line, household, reason) and skips its
// household; the rest is imported. A file that cannot be a periods or income file at all (no
// header, a required column missing) is a PeriodenBestandFout, before anything is stored.
import {
  type Bron,
  decide,
  formatInstant,
  HuishoudenId,
  type Identified,
  isBsn,
  kennisdatumCutoff,
  maskBsn,
  parseInstant,
  type RecordedAt,
  RecordedAt as RecordedAtCodec,
  type Regeling,
  Toelichting,
  type Weigering,
} from '@zelfredzaam/domain';
import { isLeft, right } from 'fp-ts/lib/Either.js';
import { appendDecoded } from '../decoded-append.js';
import {
  type AppendOutcome,
  EventIdConflictError,
  type EventStore,
  type StoredEvent,
  type StreamWrite,
} from '../port.js';
import { recordFacts } from '../record.js';
import { type Afgeleid, type Inkomen, leidAf, type Periode } from './afleiding.js';
import { type CsvHeader, readCsv } from './csv.js';
import { Namen, Rijen } from './rijen.js';
import { BRONNEN, centVan, dagVan, EIND_REDENEN, eindRedenVan, maandVan, REGELINGEN, type Redenen } from './velden.js';
import { verzoen } from './verzoening.js';

export interface PeriodenBestand {
  readonly stream: AsyncIterable<Uint8Array | string>;
  /** How messages name the file. */
  readonly naam: string;
}

export type PeriodenWeigeringCode =
  | 'ONLEESBAAR'
  | 'ONGELDIG'
  | 'ONBEKENDE_REDEN'
  | 'OVERLAP'
  | 'ZONDER_PERIODEN'
  | 'BEDRAG'
  | 'GEWEIGERD'
  | 'GELIJKTIJDIG';

export interface PeriodenWeigering {
  readonly bestand: string;
  readonly regel: number;
  /** The household's pseudonym, when the row named a valid one (that household is skipped). */
  readonly huishouden: string | undefined;
  readonly code: PeriodenWeigeringCode;
  /** One Dutch line: file, line, household, reason; never a personal value. */
  readonly bericht: string;
}

export interface PeriodenOpties {
  readonly perioden: PeriodenBestand;
  readonly inkomsten?: PeriodenBestand;
  /** The source's name (`--bron`): part of every derived eventId. */
  readonly bron: string;
  /** The export's moment (`--peilmoment`): a date (the end of that day, Europe/Amsterdam) or an instant. */
  readonly peilmoment: string;
  /** The case system's reason codes (`--redenen`). */
  readonly redenen?: Redenen;
  /** Rewrites each source household id before it is checked (`--pseudonimiseer`). */
  readonly huishoudenVan?: (bronId: string) => string;
  readonly onWeigering?: (weigering: PeriodenWeigering) => void;
  /** Rows read so far, after each batch of rows. */
  readonly onVoortgang?: (rijen: number) => void;
  /**
   * Households reconciled per round trip (default 500). Smaller rounds cost the collector less:
   * a round's batches live until its append is done, and what the next round allocates meanwhile
   * would copy them (1M rows: about a tenth less CPU than rounds of 2,000).
   */
  readonly huishoudensPerRonde?: number;
  /** The longest row in bytes (default 64 KiB). */
  readonly maxRijBytes?: number;
  readonly maxAttempts?: number;
}

export interface PeriodenResultaat {
  /** Data rows read from both files (header and blank lines not counted). */
  readonly rijen: number;
  readonly huishoudensVerzoend: number;
  readonly feitenToegevoegd: number;
  readonly feitenIngetrokken: number;
  readonly huishoudensOvergeslagen: number;
  /** Refusals that named no household (an unreadable row, an invalid pseudonym). */
  readonly rijenOvergeslagen: number;
  /** Bytes held by the compact rows (for the bench). */
  readonly rijBytes: number;
}

/** A file that cannot be read as a periods or income file at all; nothing is stored. */
export class PeriodenBestandFout extends Error {
  override readonly name = 'PeriodenBestandFout';
}

/** A wrong option (`bron`, `peilmoment`). */
export class PeriodenOptieFout extends Error {
  override readonly name = 'PeriodenOptieFout';
}

const MAX_BRON = 100;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The export's moment as the recordedAt of its facts. */
export const peilmomentVan = (text: string): RecordedAt => {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? kennisdatumCutoff(text) : parseInstant(text);
  const instant = ms === undefined ? undefined : formatInstant(ms);
  if (instant === undefined || !RecordedAtCodec.is(instant)) {
    throw new PeriodenOptieFout(
      'peilmoment: geef een datum (JJJJ-MM-DD, het einde van die dag, Nederlandse tijd) of een ISO-tijdstip (2015-03-01T12:00:00Z)',
    );
  }
  return instant;
};

const checkBron = (bron: string): void => {
  if (bron.length < 1 || bron.length > MAX_BRON || CONTROL.test(bron) || bron.trim() !== bron) {
    throw new PeriodenOptieFout(`bron: 1 tot ${MAX_BRON} tekens, zonder stuurtekens of spaties aan begin of eind`);
  }
};

const PERIODE_KOLOMMEN = ['huishouden', 'begindatum', 'einddatum', 'reden', 'regeling'] as const;
const INKOMEN_KOLOMMEN = ['huishouden', 'maand', 'bron', 'bedrag'] as const;

/** Column name → index; a required column missing is a PeriodenBestandFout. */
const kolomIndex = <K extends string>(
  header: CsvHeader,
  names: readonly K[],
  required: readonly K[],
  bestand: string,
): Record<K, number> => {
  const normalised = header.columns.map((c) => c.trim().toLowerCase());
  const index = {} as Record<K, number>;
  const missing: string[] = [];
  for (const name of names) {
    index[name] = normalised.indexOf(name);
    if (index[name] < 0 && required.includes(name)) missing.push(name);
  }
  if (missing.length > 0) {
    throw new PeriodenBestandFout(
      `${bestand}: de kopregel (regel ${header.line}) mist de kolom${missing.length > 1 ? 'men' : ''} ${missing.join(', ')} (MEETREGELS §10)`,
    );
  }
  return index;
};

const GEBRUIKT = [...PERIODE_KOLOMMEN, ...INKOMEN_KOLOMMEN];

interface Voorbereid {
  readonly writes: readonly StreamWrite[];
  /** Per write, its household's refusal details. */
  readonly infos: readonly Info[];
}

interface Lopend {
  readonly v: Voorbereid;
  readonly outcome: Promise<{ readonly results: readonly AppendOutcome[] } | { readonly error: unknown }>;
}

/** What a refusal of a household's batch needs to name the file and line (looked up only then). */
interface Info {
  readonly h: number;
  readonly batch: readonly Identified[];
  /** Per fact of `batch`, its line (-1: a retraction). */
  readonly regels: readonly number[];
  /** The household's first line in the periods file. */
  readonly eersteRegel: number;
}

const NONE = -1;
const OPEN = -2_147_483_648;

interface Huishoudens {
  /** Pseudonym ↔ number, off the JS heap. */
  readonly namen: Namen;
  /** Per household: 1 skipped, 2 has periods. */
  vlaggen: Uint8Array;
}

const SKIPPED = 1;
const HAS_PERIODS = 2;

const huishoudenNummer = (h: Huishoudens, id: string): number => {
  const n = h.namen.nummer(id);
  if (n >= h.vlaggen.length) {
    const grown = new Uint8Array(h.vlaggen.length * 2);
    grown.set(h.vlaggen);
    h.vlaggen = grown;
  }
  return n;
};

export const importPerioden = async (store: EventStore, opties: PeriodenOpties): Promise<PeriodenResultaat> => {
  checkBron(opties.bron);
  const recordedAt = peilmomentVan(opties.peilmoment);
  const redenTekst = `correctie bronbestand ${opties.bron} ${opties.peilmoment}`;
  if (!Toelichting.is(redenTekst))
    throw new PeriodenOptieFout('bron en peilmoment maken de reden van een intrekking te lang');
  const reden = redenTekst;
  const perRonde = Math.max(1, opties.huishoudensPerRonde ?? 500);

  const huishoudens: Huishoudens = { namen: new Namen(), vlaggen: new Uint8Array(1024) };
  const perioden = new Rijen(['begin', 'eind', 'reden', 'regeling', 'regel'] as const);
  const inkomsten = new Rijen(['maand', 'bron', 'cent', 'regel'] as const);
  let rijen = 0;
  let rijenOvergeslagen = 0;
  let overgeslagen = 0;

  const weiger = (
    bestand: string,
    regel: number,
    huishouden: number | undefined,
    code: PeriodenWeigeringCode,
    reden: string,
  ): void => {
    const naam = huishouden === undefined ? undefined : huishoudens.namen.naam(huishouden);
    if (huishouden === undefined) rijenOvergeslagen++;
    else if (((huishoudens.vlaggen[huishouden] ?? 0) & SKIPPED) === 0) {
      huishoudens.vlaggen[huishouden] = (huishoudens.vlaggen[huishouden] ?? 0) | SKIPPED;
      overgeslagen++;
    }
    const wie = naam === undefined ? '' : `huishouden ${naam}: `;
    const gevolg = naam === undefined ? 'rij overgeslagen' : 'huishouden overgeslagen';
    opties.onWeigering?.({
      bestand,
      regel,
      huishouden: naam,
      code,
      bericht: maskBsn(`${bestand}, regel ${regel}: ${wie}${reden} — ${gevolg}`),
    });
  };

  /** The household of a row, or undefined (refused) when the id is missing or not a pseudonym. */
  const huishoudenVan = (bestand: string, regel: number, veld: string | undefined): number | undefined => {
    const raw = (veld ?? '').trim();
    const id = raw === '' || opties.huishoudenVan === undefined ? raw : opties.huishoudenVan(raw);
    if (HuishoudenId.is(id)) return huishoudenNummer(huishoudens, id);
    const why =
      id === ''
        ? 'huishouden ontbreekt'
        : isBsn(id)
          ? 'huishouden is een BSN; gebruik een pseudoniem of --pseudonimiseer (de waarde wordt niet getoond)'
          : 'huishouden is geen geldig pseudoniem (1–64 tekens A-Z a-z 0-9 . _ : -, beginnend met een letter of cijfer)';
    weiger(bestand, regel, undefined, 'ONGELDIG', why);
    return undefined;
  };

  const lees = async (
    bestand: PeriodenBestand,
    onHeader: (header: CsvHeader) => void,
    onRow: (regel: number, fields: readonly string[]) => void,
  ): Promise<void> => {
    let seenHeader = false;
    // A line break may only sit in a column the import does not read (a remark).
    const unused = (header: CsvHeader) => (column: number) => {
      const name = header.columns[column]?.trim().toLowerCase();
      return name !== undefined && !(GEBRUIKT as readonly string[]).includes(name);
    };
    for await (const chunk of readCsv(bestand.stream, opties.maxRijBytes, unused)) {
      if (chunk.kind === 'header') {
        seenHeader = true;
        onHeader(chunk.header);
        continue;
      }
      for (const item of chunk.items) {
        rijen++;
        if (item.kind === 'bad') weiger(bestand.naam, item.line, undefined, 'ONLEESBAAR', item.reason);
        else onRow(item.line, item.fields);
      }
      opties.onVoortgang?.(rijen);
    }
    if (!seenHeader)
      throw new PeriodenBestandFout(`${bestand.naam}: geen kopregel met kolomnamen gevonden (het bestand is leeg)`);
  };

  // The periods file.
  const pNaam = opties.perioden.naam;
  let pk: Record<(typeof PERIODE_KOLOMMEN)[number], number> | undefined;
  await lees(
    opties.perioden,
    (header) => {
      pk = kolomIndex(header, PERIODE_KOLOMMEN, ['huishouden', 'begindatum'], pNaam);
    },
    (regel, fields) => {
      if (pk === undefined) return;
      const veld = (i: number): string => (i < 0 ? '' : (fields[i] ?? '').trim());
      const h = huishoudenVan(pNaam, regel, fields[pk.huishouden]);
      if (h === undefined) return;
      huishoudens.vlaggen[h] = (huishoudens.vlaggen[h] ?? 0) | HAS_PERIODS;
      const begin = dagVan(veld(pk.begindatum));
      if (begin === undefined) {
        weiger(
          pNaam,
          regel,
          h,
          'ONGELDIG',
          'begindatum ontbreekt of is geen datum (JJJJ-MM-DD of DD-MM-JJJJ, jaar 1990–2100)',
        );
        return;
      }
      const eindText = veld(pk.einddatum);
      const eind = eindText === '' ? undefined : dagVan(eindText);
      if (eindText !== '' && eind === undefined) {
        weiger(pNaam, regel, h, 'ONGELDIG', 'einddatum is geen datum (JJJJ-MM-DD of DD-MM-JJJJ, jaar 1990–2100)');
        return;
      }
      if (eind !== undefined && eind < begin) {
        weiger(pNaam, regel, h, 'ONGELDIG', 'einddatum ligt vóór begindatum');
        return;
      }
      let redenIndex = NONE;
      if (eind !== undefined) {
        const code = veld(pk.reden);
        if (code === '') {
          weiger(pNaam, regel, h, 'ONGELDIG', 'reden ontbreekt bij een einddatum');
          return;
        }
        const eindReden = eindRedenVan(code, opties.redenen);
        if (eindReden === undefined) {
          const shown = JSON.stringify(code.length > 40 ? `${code.slice(0, 40)}…` : code);
          weiger(
            pNaam,
            regel,
            h,
            'ONBEKENDE_REDEN',
            opties.redenen === undefined
              ? `onbekende redencode ${shown}: geef een reden (${EIND_REDENEN.join(', ')}) of een bestand met --redenen`
              : `onbekende redencode ${shown}: staat niet in ${opties.redenen.naam} en is geen reden van MEETREGELS §10`,
          );
          return;
        }
        redenIndex = EIND_REDENEN.indexOf(eindReden);
      }
      const regelingText = veld(pk.regeling);
      const regelingIndex = regelingText === '' ? NONE : REGELINGEN.indexOf(regelingText as Regeling);
      if (regelingText !== '' && regelingIndex < 0) {
        weiger(pNaam, regel, h, 'ONGELDIG', `regeling is niet ${REGELINGEN.join(', ')} of leeg`);
        return;
      }
      perioden.add(h, { begin, eind: eind ?? OPEN, reden: redenIndex, regeling: regelingIndex, regel });
    },
  );

  // The income file.
  const inkomstenBestand = opties.inkomsten;
  const iNaam = inkomstenBestand?.naam ?? '';
  if (inkomstenBestand !== undefined) {
    let ik: Record<(typeof INKOMEN_KOLOMMEN)[number], number> | undefined;
    await lees(
      inkomstenBestand,
      (header) => {
        ik = kolomIndex(header, INKOMEN_KOLOMMEN, INKOMEN_KOLOMMEN, iNaam);
      },
      (regel, fields) => {
        if (ik === undefined) return;
        const veld = (i: number): string => (fields[i] ?? '').trim();
        const h = huishoudenVan(iNaam, regel, fields[ik.huishouden]);
        if (h === undefined) return;
        if (((huishoudens.vlaggen[h] ?? 0) & HAS_PERIODS) === 0) {
          weiger(iNaam, regel, h, 'ZONDER_PERIODEN', 'het huishouden staat niet in het periodebestand');
          return;
        }
        const maand = maandVan(veld(ik.maand));
        if (maand === undefined) {
          weiger(iNaam, regel, h, 'ONGELDIG', 'maand ontbreekt of is geen maand (JJJJ-MM)');
          return;
        }
        const bron = BRONNEN.indexOf(veld(ik.bron) as Bron);
        if (bron < 0) {
          weiger(iNaam, regel, h, 'ONGELDIG', `bron is niet ${BRONNEN.join(' of ')}`);
          return;
        }
        const cent = centVan(veld(ik.bedrag));
        if (cent === undefined || cent > 1_000_000_000) {
          weiger(iNaam, regel, h, 'BEDRAG', 'bedrag is geen bedrag in euro (475, 475,50 of 475.50)');
          return;
        }
        inkomsten.add(h, { maand, bron, cent, regel });
      },
    );
  }

  // Derive, reconcile and record, round by round.
  const n = huishoudens.namen.length;
  perioden.groepeer(n);
  inkomsten.groepeer(n);
  const p = perioden.kolommen;
  const ink = inkomsten.kolommen;
  let verzoend = 0;
  let toegevoegd = 0;
  let ingetrokken = 0;

  const maxAttempts = Math.max(1, opties.maxAttempts ?? 20);
  const tel = (appended: readonly StoredEvent[]): void => {
    for (const stored of appended) {
      if (stored.event.type === 'GebeurtenisIngetrokken') ingetrokken++;
      else toegevoegd++;
    }
  };
  const weigerDoorDecider = (info: Info, w: Weigering): void => {
    const at = info.batch.findIndex((f) => f.eventId === w.feit.eventId);
    const line = info.regels[at] ?? -1;
    const regel = line < 0 ? info.eersteRegel : line;
    // An income fact of the batch comes from a line of the income file.
    const bestand = line >= 0 && w.feit.type === 'InkomstenOntvangen' ? iNaam : pNaam;
    weiger(bestand, regel, info.h, 'GEWEIGERD', w.bericht.replace(/^huishouden [^:]+: /, ''));
  };
  /** The slow path for what the fast one could not settle: recordFacts reads and decides again. */
  const viaRecordFacts = async (writes: readonly StreamWrite[], infos: readonly Info[]): Promise<void> => {
    const byStream = new Map(writes.map((w, i) => [w.stream, infos[i] as Info]));
    const result = await recordFacts(
      store,
      writes.flatMap((w) => w.events),
      { mode: 'all-or-nothing', chunkSize: Number.MAX_SAFE_INTEGER, maxAttempts },
    );
    for (const outcome of result.outcomes) {
      const info = byStream.get(outcome.stream);
      if (info === undefined) continue;
      if (outcome.status === 'accepted') {
        verzoend++;
        tel(outcome.appended);
      } else if (outcome.status === 'alreadyStored') verzoend++;
      else if (outcome.status === 'refused') weigerDoorDecider(info, outcome.weigering);
      else weiger(pNaam, info.eersteRegel, info.h, 'GELIJKTIJDIG', outcome.bericht.replace(/^huishouden [^:]+: /, ''));
    }
  };

  /** The households of [from, to) that may be reconciled (they have periods and were not skipped). */
  const kandidaten = (from: number, to: number): number[] => {
    const hs: number[] = [];
    for (let h = from; h < to; h++) {
      const vlag = huishoudens.vlaggen[h] ?? 0;
      if ((vlag & SKIPPED) === 0 && (vlag & HAS_PERIODS) !== 0) hs.push(h);
    }
    return hs;
  };

  /** A household's derived facts, or undefined when it is refused (overlap, income sum). */
  const afleiden = (h: number): readonly Afgeleid[] | undefined => {
    const pRows: Periode[] = [];
    for (const i of perioden.van(h)) {
      const eind = p.eind.at(i);
      const r = p.reden.at(i);
      const g = p.regeling.at(i);
      pRows.push({
        line: p.regel.at(i),
        begin: p.begin.at(i),
        eind: eind === OPEN ? undefined : eind,
        reden: r === NONE ? undefined : EIND_REDENEN[r],
        regeling: g === NONE ? undefined : REGELINGEN[g],
      });
    }
    const iRows: Inkomen[] = [];
    for (const i of inkomsten.van(h)) {
      iRows.push({
        line: ink.regel.at(i),
        maand: ink.maand.at(i),
        bron: BRONNEN[ink.bron.at(i)] ?? 'loondienst',
        cent: ink.cent.at(i),
      });
    }
    const id = huishoudens.namen.naam(h);
    if (!HuishoudenId.is(id)) return undefined;
    const afleiding = leidAf(id, pRows, iRows);
    if (afleiding.kind === 'feiten') return afleiding.feiten;
    const inIncome = iRows.some((r) => r.line === afleiding.line) && !pRows.some((r) => r.line === afleiding.line);
    weiger(
      inIncome ? iNaam : pNaam,
      afleiding.line,
      h,
      afleiding.reden.startsWith('de periode') ? 'OVERLAP' : 'BEDRAG',
      afleiding.reden,
    );
    return undefined;
  };

  // Whether the next round reads its households' streams first. After a round in which none of
  // them had a stream (a first import), the next rounds assume none has one and append with
  // expectedRevision no_stream: a household that has a stream after all is a conflict, read,
  // reconciled and decided again as any conflict is. The append checks the streams' revisions
  // anyway, so for a first import the read told nothing. With maxAttempts 1 a conflict goes to
  // recordFacts as it is, so then every round reads.
  let lezen = true;

  /**
   * Reads the households' streams (unless `lees` is false: then none is assumed), then derives,
   * reconciles and decides each: the writes of one append. Derived after the read, in one go:
   * the derived facts die young, before the next await, and only the batches live on until
   * their append is done.
   */
  const voorbereiden = async (hs: readonly number[], lees = true): Promise<Voorbereid> => {
    const streams = hs.map((h) => `huishouden-${huishoudens.namen.naam(h)}`);
    const histories: ReadonlyMap<string, readonly StoredEvent[]> = lees ? await store.readStreams(streams) : new Map();
    if (lees) lezen = maxAttempts <= 1 || [...histories.values()].some((history) => history.length > 0);
    const writes: StreamWrite[] = [];
    const infos: Info[] = [];
    for (const [i, h] of hs.entries()) {
      const feiten = afleiden(h);
      if (feiten === undefined) continue;
      const stream = streams[i] as string;
      const history = histories.get(stream) ?? [];
      const stored = history.map((e) => e.event);
      const v = verzoen(
        { bron: opties.bron, recordedAt, reden, metInkomsten: inkomstenBestand !== undefined },
        stored,
        feiten,
      );
      const first = perioden.van(h)[0];
      const info: Info = {
        h,
        batch: v.batch,
        regels: v.regels,
        eersteRegel: first === undefined ? 0 : p.regel.at(first),
      };
      // MEETREGELS §2: the household's batch decided whole against its stored history.
      const decided = v.batch.length === 0 ? right([]) : decide(stored, v.batch);
      if (isLeft(decided)) weigerDoorDecider(info, decided.left);
      else if (decided.right.length === 0) verzoend++;
      else {
        const last = history[history.length - 1];
        writes.push({
          stream,
          expectedRevision: last === undefined ? 'no_stream' : last.revision,
          events: decided.right,
        });
        infos.push(info);
      }
    }
    return { writes, infos };
  };

  /** Starts the append; its outcome (or error) is collected later by `afronden`. */
  const schrijven = (v: Voorbereid): Lopend => ({
    v,
    outcome:
      v.writes.length === 0
        ? Promise.resolve({ results: [] })
        : appendDecoded(store, v.writes).then(
            (results) => ({ results }),
            (error: unknown) => ({ error }),
          ),
  });

  /** Counts an append's outcome; returns the households another writer changed meanwhile. */
  const afronden = async (lopend: Lopend, laatstePoging: boolean): Promise<number[]> => {
    const { v } = lopend;
    const outcome = await lopend.outcome;
    if ('error' in outcome) {
      // An eventId held by another household's stream: recordFacts sorts out whose it is.
      if (!(outcome.error instanceof EventIdConflictError)) throw outcome.error;
      await viaRecordFacts(v.writes, v.infos);
      return [];
    }
    const conflicted: number[] = [];
    outcome.results.forEach((result, i) => {
      if (result.status === 'ok') {
        verzoend++;
        tel(result.appended);
      } else conflicted.push((v.infos[i] as Info).h);
    });
    if (conflicted.length > 0 && laatstePoging) {
      const left = new Set(conflicted);
      await viaRecordFacts(
        v.writes.filter((_, i) => left.has((v.infos[i] as Info).h)),
        v.infos.filter((info) => left.has(info.h)),
      );
      return [];
    }
    return conflicted;
  };

  /** Households another writer changed: read, reconciled and decided again, one round at a time. */
  const opnieuw = async (conflicted: number[]): Promise<void> => {
    let pending = conflicted;
    for (let attempt = 2; pending.length > 0; attempt++) {
      pending = await afronden(schrijven(await voorbereiden(pending)), attempt >= maxAttempts);
    }
  };

  // Pipelined: while one round's append runs in the store, the next round is read (other
  // households, other streams), reconciled and decided.
  let lopend: Lopend | undefined;
  for (let from = 0; from < n; from += perRonde) {
    const ronde = kandidaten(from, Math.min(n, from + perRonde));
    const volgende = ronde.length === 0 ? undefined : await voorbereiden(ronde, lezen);
    if (lopend !== undefined) {
      const conflicted = await afronden(lopend, maxAttempts <= 1);
      // Households with a stream after all: read again from now on.
      if (conflicted.length > 0) lezen = true;
      await opnieuw(conflicted);
    }
    lopend = volgende === undefined ? undefined : schrijven(volgende);
  }
  if (lopend !== undefined) await opnieuw(await afronden(lopend, maxAttempts <= 1));

  return {
    rijen,
    huishoudensVerzoend: verzoend,
    feitenToegevoegd: toegevoegd,
    feitenIngetrokken: ingetrokken,
    huishoudensOvergeslagen: overgeslagen,
    rijenOvergeslagen,
    rijBytes: perioden.bytes + inkomsten.bytes + huishoudens.namen.bytes + huishoudens.vlaggen.byteLength,
  };
};
