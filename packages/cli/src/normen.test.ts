// The normen file (MEETREGELS §9, rule version 2.0).
import { describe, expect, it } from 'vitest';
import { parseNormen } from './normen.js';

const ok = (text: string) => {
  const parsed = parseNormen(text);
  if ('fouten' in parsed) throw new Error(parsed.fouten.join('; '));
  return parsed.normen;
};

const fouten = (text: string): readonly string[] => {
  const parsed = parseNormen(text);
  return 'fouten' in parsed ? parsed.fouten : [];
};

const norm = (jaar: number, rest: object = {}) => ({
  richting: 'minimaal',
  van: jaar,
  tot: jaar,
  cumulatief: false,
  ...rest,
});

describe('parseNormen', () => {
  it('reads a YAML list of indicator, jaar, waarde or aandeel (and toelichting)', () => {
    const normen = ok(`
# Normen uit het beleidsplan
- indicator: volledigeUitstroom
  jaar: 2014
  waarde: 400
- indicator: duurzaamheid
  jaar: 2014
  aandeel: 0.75
  toelichting: minimaal driekwart duurzaam
`);
    expect(normen.size).toBe(2);
    expect(normen.get('volledigeUitstroom', 2014)).toEqual(norm(2014, { waarde: 400 }));
    expect(normen.get('duurzaamheid', 2014)).toEqual(
      norm(2014, { aandeel: 0.75, toelichting: 'minimaal driekwart duurzaam' }),
    );
    expect(normen.get('volledigeUitstroom', 2015)).toBeUndefined();
  });

  it('reads JSON, as a list or under "normen"', () => {
    const list = ok('[{"indicator": "cohort", "jaar": 2013, "waarde": 200}]');
    expect(list.get('cohort', 2013)?.waarde).toBe(200);
    const object = ok('{"normen": [{"indicator": "bijstandsbestand", "jaar": 2015, "waarde": 3800}]}');
    expect(object.get('bijstandsbestand', 2015)?.waarde).toBe(3800);
    expect(ok('[]').size).toBe(0);
  });

  it('computes a norm with CBS indexation (MEETREGELS §4.6): 475 · 102.1 / 100 = 484.975 → 485', () => {
    const normen = ok(`
- indicator: gemiddeldInkomen
  jaar: 2014
  indexatie: { basis: 475, indexOud: 100, indexNieuw: 102.1 }
  toelichting: € 485 inclusief indexatie CBS 2014
`);
    expect(normen.get('gemiddeldInkomen', 2014)).toEqual(
      norm(2014, { waarde: 485, toelichting: '€ 485 inclusief indexatie CBS 2014' }),
    );
  });

  it('2.0: nulsituatie (with its jaar), richting, a count norm on a share indicator, periode with cumulatief', () => {
    const normen = ok(`
- {indicator: volledigeUitstroom, jaar: 2014, waarde: 400, nulsituatie: {waarde: 390, jaar: 2013}}
- {indicator: gedeeltelijkeUitstroom, jaar: 2014, waarde: 385}
- {indicator: gedeeltelijkeUitstroom, jaar: 2015, aandeel: 0.12}
- {indicator: bijstandsbestand, jaar: 2014, waarde: 4000, richting: maximaal}
- {indicator: langdurig, jaar: 2020, richting: afname, toelichting: Afname}
- {indicator: plaatsingen.banenplan, periode: 2015-2018, waarde: 1000, cumulatief: true}
- {indicator: cohort, jaar: 2013, nulsituatie: 200}
`);
    expect(normen.get('volledigeUitstroom', 2014)).toEqual(norm(2014, { waarde: 400 }));
    expect(normen.nulsituatie('volledigeUitstroom', 2014)).toEqual({ waarde: 390, jaar: 2013 });
    expect(normen.get('gedeeltelijkeUitstroom', 2014)).toEqual(norm(2014, { waarde: 385 }));
    expect(normen.get('gedeeltelijkeUitstroom', 2015)).toEqual(norm(2015, { aandeel: 0.12 }));
    expect(normen.get('bijstandsbestand', 2014)?.richting).toBe('maximaal');
    expect(normen.get('langdurig', 2020)).toEqual(norm(2020, { richting: 'afname', toelichting: 'Afname' }));
    for (const jaar of [2015, 2016, 2017, 2018]) {
      expect(normen.get('plaatsingen.banenplan', jaar)).toEqual({
        richting: 'minimaal',
        waarde: 1000,
        van: 2015,
        tot: 2018,
        cumulatief: true,
      });
    }
    expect(normen.get('plaatsingen.banenplan', 2019)).toBeUndefined();
    expect(normen.get('cohort', 2013)).toBeUndefined();
    expect(normen.nulsituatie('cohort', 2013)).toEqual({ waarde: 200 });
  });

  it('names every mistake with its place', () => {
    expect(fouten('- indicator: uitstroom\n  jaar: 2014\n  waarde: 1')[0]).toMatch(
      /^norm 1: onbekende indicator "uitstroom"; kies uit volledigeUitstroom, duurzaamheid/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014}')).toEqual([
      'norm 1: geef een waarde, aandeel, indexatie, richting toename/afname of nulsituatie',
    ]);
    expect(fouten('- {indicator: cohort, waarde: 3}')).toEqual(['norm 1: geef óf jaar óf periode']);
    expect(fouten('- {indicator: cohort, jaar: 14, waarde: 3}')[0]).toMatch(
      /jaar moet een jaartal tussen 1990 en 2100/,
    );
    expect(fouten('- {indicator: cohort, periode: 2018-2015, waarde: 3}')[0]).toMatch(/^norm 1: periode moet/);
    expect(fouten('- {indicator: duurzaamheid, jaar: 2014, aandeel: 75}')[0]).toMatch(
      /aandeel is een getal tussen 0 en 1/,
    );
    expect(fouten('- {indicator: gedeeltelijkeUitstroom, jaar: 2014, waarde: 0.12}')[0]).toMatch(
      /waarde van gedeeltelijkeUitstroom is een aantal huishoudens; een aandeel geef je met aandeel/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014, aandeel: 0.5}')[0]).toMatch(/cohort heeft geen aandeel/);
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: 3, richting: meer}')[0]).toMatch(
      /richting moet minimaal, maximaal, toename of afname zijn/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: 3, richting: toename}')[0]).toMatch(
      /richting toename vergelijkt met de nulsituatie/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: 3, cumulatief: true}')[0]).toMatch(
      /cumulatief vraagt om een periode en een waarde/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: -1}')[0]).toMatch(/waarde moet een getal ≥ 0 zijn/);
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: 1, extra: 2}')).toEqual(['norm 1: onbekend veld "extra"']);
    expect(
      fouten('- {indicator: cohort, jaar: 2014, waarde: 1}\n- {indicator: cohort, periode: 2013-2015, waarde: 2}'),
    ).toEqual(['norm 2: cohort 2014 heeft al eerder een norm']);
    expect(
      fouten('- {indicator: gemiddeldInkomen, jaar: 2014, indexatie: {basis: 475, indexOud: 0, indexNieuw: 1}}')[0],
    ).toMatch(/^norm 1: indexatie: indexOud: verwacht een decimaal getal dat niet 0 is/);
    expect(fouten('- 3')[0]).toMatch(/^norm 1: verwacht een object/);
    expect(fouten('indicator: cohort')).toEqual([
      'verwacht een lijst van normen, of een object met de sleutel "normen" en zo’n lijst',
    ]);
  });

  it('knows the indicators of MEETREGELS §7.2, a soort of Trajecten as trajecten.SOORT', () => {
    const normen = ok(`
- {indicator: participatie, jaar: 2014, waarde: 200, toelichting: "Zwolle doel 2.2.2"}
- {indicator: trajecten.VAK, jaar: 2014, waarde: 72}
- {indicator: trajecten.Werk & Zorg, jaar: 2014, waarde: 10}
- {indicator: plaatsingen.banenplan, jaar: 2015, waarde: 1000}
- {indicator: inBeeld, jaar: 2020, aandeel: 0.6}
- {indicator: langdurig, jaar: 2020, waarde: 9000}
- {indicator: minima, jaar: 2020, waarde: 5000}
- {indicator: schuldhulp, jaar: 2020, aandeel: 0.8}
- {indicator: allianties, jaar: 2015, waarde: 50}
`);
    expect(normen.size).toBe(9);
    expect(normen.get('trajecten.VAK', 2014)).toEqual(norm(2014, { waarde: 72 }));
    expect(normen.get('trajecten.Werk & Zorg', 2014)).toEqual(norm(2014, { waarde: 10 }));
    expect(normen.get('allianties', 2015)).toEqual(norm(2015, { waarde: 50 }));
    expect(fouten('- {indicator: schuldhulp, jaar: 2020, aandeel: 84}')[0]).toMatch(/aandeel is een getal/);
    expect(fouten('- {indicator: "trajecten.", jaar: 2014, waarde: 1}')[0]).toMatch(
      /onbekende indicator "trajecten\."; kies uit .* of trajecten\.SOORT/,
    );
    expect(fouten(`- {indicator: "trajecten.${'x'.repeat(41)}", jaar: 2014, waarde: 1}`)[0]).toMatch(
      /onbekende indicator/,
    );
    expect(fouten('- {indicator: plaatsingen, jaar: 2014, waarde: 1}')[0]).toMatch(/onbekende indicator/);
  });

  it('reports unreadable YAML or JSON with its line', () => {
    expect(fouten('- indicator: cohort\n  jaar: [2014\n')[0]).toMatch(
      /^regel \d+, kolom \d+: geen geldige JSON of YAML/,
    );
    expect(fouten('{"normen": [}')[0]).toMatch(/geen geldige JSON of YAML/);
  });
});
