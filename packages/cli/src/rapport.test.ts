import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import {
  BronHash,
  herziening,
  type Jaarrapport,
  jaarrapport,
  replay,
  resolveParameters,
  sha256Van,
} from '@zelfredzaam/projections';
import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { demoGeschiedenis } from './demo/generator.js';
import { celTekst } from './format/getallen.js';
import { type Eenheid, getal, indicatorenVoor } from './format/model.js';
import { GEEN_NORMEN } from './normen.js';
import { berekenJaren, kennisdatumsVan, maakRapport, publicatiedag, type RapportVraag } from './rapport.js';

const VANDAAG = '2026-11-22';
const state = replay(demoGeschiedenis({ seed: 4, huishoudens: 400 }));

const text = (vraag: RapportVraag, formaat: 'json' | 'table' | 'md' | 'csv' | 'html' = 'json'): string => {
  const result = maakRapport(state, vraag, VANDAAG, { formaat, normen: GEEN_NORMEN });
  if (isLeft(result)) throw new Error(result.left.bericht);
  return result.right;
};

const params = (jaar: number, extra: Record<string, string | number> = {}) => {
  const resolved = resolveParameters({ jaar, ...extra }, VANDAAG);
  if (isLeft(resolved)) throw new Error(resolved.left.bericht);
  return resolved.right;
};

describe('maakRapport --format json', () => {
  it('is exactly the §5 object of the library for one year', () => {
    const json = JSON.parse(text({ jaren: [2014], reeks: false, vergelijk: false }));
    expect(json).toEqual(jaarrapport(state, params(2014)));
    expect(Object.keys(json)).toEqual([
      'jaar',
      'peildatum',
      'evaluatiedatum',
      'meetdatum',
      'kennisdatum',
      'hervattingsgrens',
      'volledigeUitstroom',
      'duurzaamheid',
      'cohort',
      'gedeeltelijkeUitstroom',
      'gemiddeldInkomen',
      'bijstandsbestand',
      'stroom',
      'participatie',
      'trajecten',
      'plaatsingen',
      'inBeeld',
      'langdurig',
      'minima',
      'schuldhulp',
      'allianties',
      'nietGemeten',
      'bron',
      'diagnose',
    ]);
  });

  it('passes --hervattingsgrens on (MEETREGELS §7.2 Langdurig)', () => {
    const json = JSON.parse(text({ jaren: [2014], reeks: false, vergelijk: false, hervattingsgrens: 90 }));
    expect(json.hervattingsgrens).toBe(90);
    expect(json.langdurig).toEqual(jaarrapport(state, params(2014, { hervattingsgrens: 90 })).langdurig);
    expect(json.langdurig.langdurig).toBeGreaterThanOrEqual(jaarrapport(state, params(2014)).langdurig.langdurig);
  });

  it('passes the §3 parameters on', () => {
    const extra = { peildatum: '2015-06-30', meetdatum: '2015-03-31', kennisdatum: '2015-02-01' };
    const json = JSON.parse(text({ jaren: [2014], reeks: false, vergelijk: false, ...extra }));
    expect(json).toEqual(jaarrapport(state, params(2014, extra)));
    expect(json.kennisdatum).toBe('2015-02-01');
  });

  it('is a list with --jaren, even of one year', () => {
    const list = JSON.parse(text({ jaren: [2012, 2013], reeks: true, vergelijk: false }));
    expect(list).toEqual([jaarrapport(state, params(2012)), jaarrapport(state, params(2013))]);
    expect(JSON.parse(text({ jaren: [2013], reeks: true, vergelijk: false }))).toHaveLength(1);
  });

  it('with --vergelijk is the library’s herziening: published on T, known now, the difference', () => {
    const json = JSON.parse(text({ jaren: [2014], reeks: false, vergelijk: true, kennisdatum: '2015-01-15' }));
    // As published on T: the evaluatiedatum defaulted to the day of publication (2.0: the
    // peildatum is Y-12-31, already past then).
    const published = resolveParameters({ jaar: 2014 }, '2015-01-15');
    if (isLeft(published)) throw new Error(published.left.bericht);
    expect(published.right.peildatum).toBe('2014-12-31');
    expect(published.right.evaluatiedatum).toBe('2015-01-15');
    const expected = herziening(state, published.right, '2015-01-15');
    if (isLeft(expected)) throw new Error(expected.left.bericht);
    expect(json).toEqual(expected.right);
    // Late registrations and retractions after T make the published and the restated figures differ.
    expect(json.gepubliceerd).not.toEqual(json.nu);
  });
});

describe('library JSON = CLI JSON (issue 12)', () => {
  it('on every generated history, year and kennisdatum (absolute or +N), bron included (property)', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis(),
        fc.integer({ min: 2010, max: 2017 }),
        fc.constantFrom(undefined, '+0', '+4', '+30', '2016-01-01'),
        (events, jaar, kennisdatum) => {
          const vraag: RapportVraag = {
            jaren: [jaar],
            reeks: false,
            vergelijk: false,
            ...(kennisdatum === undefined ? {} : { kennisdatum }),
          };
          const hash = new BronHash(kennisdatumsVan(vraag, VANDAAG));
          for (const e of events) hash.voegToe(e);
          const cli = maakRapport(replay(events), vraag, VANDAAG, {
            formaat: 'json',
            normen: GEEN_NORMEN,
            herkomst: { hash, versie: '9.9.9' },
          });
          const p = resolveParameters({ jaar, ...(kennisdatum === undefined ? {} : { kennisdatum }) }, VANDAAG);
          // A kennisdatum before 1 January of the year: both refuse it, with the same message.
          if (isLeft(p)) {
            expect(isLeft(cli) && cli.left.bericht).toBe(p.left.bericht);
            return;
          }
          if (isLeft(cli)) throw new Error(cli.left.bericht);
          expect(JSON.parse(cli.right)).toEqual(
            jaarrapport(replay(events), p.right, { sha256: sha256Van(events, p.right.kennisdatum), versie: '9.9.9' }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('publicatiedag', () => {
  it('is the kennisdatum’s date, in the Netherlands for an instant', () => {
    expect(publicatiedag('2015-03-01')).toBe('2015-03-01');
    expect(publicatiedag('2015-02-28T23:30:00Z')).toBe('2015-03-01');
    expect(publicatiedag('2015-06-30T21:59:00Z')).toBe('2015-06-30');
    expect(publicatiedag('x')).toBeUndefined();
  });
});

describe('berekenJaren', () => {
  it('also computes the year before the first, for its Nulsituatie', () => {
    const result = berekenJaren(state, { jaren: [2013, 2014], reeks: true, vergelijk: false }, VANDAAG);
    if (isLeft(result)) throw new Error(result.left.bericht);
    expect(result.right.vorige).toEqual(jaarrapport(state, params(2012)));
  });

  it('returns the projections’ objection to a parameter', () => {
    const result = berekenJaren(state, { jaren: [2014], reeks: false, vergelijk: false, kennisdatum: 'x' }, VANDAAG);
    expect(isLeft(result) && result.left.parameter).toBe('kennisdatum');
  });
});

describe('maakRapport in the documents’ layout', () => {
  it('renders every format from the same figures', () => {
    const vraag: RapportVraag = { jaren: [2013, 2014], reeks: true, vergelijk: false };
    const [r2013, r2014] = [jaarrapport(state, params(2013)), jaarrapport(state, params(2014))];
    const realised = (r: typeof r2013) => String(r.volledigeUitstroom.totaal);
    expect(text(vraag, 'table')).toMatch(new RegExp(`Gerealiseerd +${realised(r2013)} +${realised(r2014)}\\n`));
    expect(text(vraag, 'md')).toContain(`| Gerealiseerd | ${realised(r2013)} | ${realised(r2014)} |`);
    expect(text(vraag, 'csv')).toContain(
      `volledigeUitstroom,Gerealiseerd,aantal,${realised(r2013)},${realised(r2014)}`,
    );
    expect(text(vraag, 'html')).toContain(`data-kolom="2014" data-waarde="${realised(r2014)}"`);
  });

  it('shows the indicators of MEETREGELS §7.2 in every format, each with Nulsituatie, Norm and Gerealiseerd', () => {
    const vraag: RapportVraag = { jaren: [2013, 2014], reeks: true, vergelijk: false };
    const rapporten = [
      jaarrapport(state, params(2012)),
      jaarrapport(state, params(2013)),
      jaarrapport(state, params(2014)),
    ];
    // Read straight from the §7.3 keys of the JSON report, not through the layout's model.
    const checks: [string, Eenheid, (r: Jaarrapport) => number | null][] = [
      ['participatie', 'aantal', (r) => r.participatie.gestegen],
      ['trajecten.Workfast', 'aantal', (r) => r.trajecten.Workfast?.gestart ?? 0],
      ['plaatsingen.banenplan', 'aantal', (r) => r.plaatsingen.banenplan.inJaar],
      ['inBeeld', 'aandeel', (r) => r.inBeeld.aandeel],
      ['langdurig', 'aantal', (r) => r.langdurig.langdurig],
      ['minima', 'aantal', (r) => r.minima.huishoudens],
      ['schuldhulp', 'aandeel', (r) => r.schuldhulp.aandeelMinnelijkGeslaagd],
      ['allianties', 'aantal', (r) => r.allianties.totaal],
    ];
    const [table, md, csv, html] = (['table', 'md', 'csv', 'html'] as const).map((f) => text(vraag, f));
    const titels = new Map(indicatorenVoor(rapporten).map((i) => [i.id, i.titel]));
    const blok = (out: string, begin: string, eind: string): string => {
      const at = out.indexOf(begin);
      expect(at, begin).toBeGreaterThanOrEqual(0);
      const end = out.indexOf(eind, at + begin.length);
      return out.slice(at, end < 0 ? undefined : end + 1);
    };
    for (const [id, eenheid, waarde] of checks) {
      const titel = titels.get(id as never) ?? '';
      const [r2012, r2013, r2014] = rapporten.map(waarde);
      const shown = [r2012, r2013, r2014].map((v) => celTekst(getal(v ?? null, eenheid)));
      const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const t = blok(table ?? '', `${titel}\n`, '\n\n');
      expect(t, id).toMatch(
        new RegExp(
          `\\n {2}Nulsituatie +${esc(shown[0] ?? '')} +${esc(shown[1] ?? '')}\\n {4}gemeten of opgegeven +gemeten 2012 +gemeten 2013\\n {2}Norm\\n`,
        ),
      );
      expect(t, id).toMatch(new RegExp(`\\n {2}Gerealiseerd +${esc(shown[1] ?? '')} +${esc(shown[2] ?? '')}\\n`));
      const m = blok(md ?? '', `## ${titel}\n`, '\n## ');
      expect(m, id).toContain(
        `| Nulsituatie | ${shown[0]} | ${shown[1]} |\n| _gemeten of opgegeven_ | gemeten 2012 | gemeten 2013 |\n| Norm |  |  |\n| Gerealiseerd | ${shown[1]} | ${shown[2]} |\n| Behaald | — | — |`,
      );
      expect(csv, id).toContain(`\r\n${id},Gerealiseerd,${eenheid},${r2013 ?? ''},${r2014 ?? ''}\r\n`);
      const h = blok(html ?? '', `data-sectie="${id}"`, '</section>');
      expect(h, id).toContain(`data-rij="Gerealiseerd" data-kolom="2014" data-waarde="${r2014 ?? ''}"`);
      expect(h, id).toContain('<svg');
    }
  });
});
