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

describe('parseNormen', () => {
  it('reads a YAML list of indicator, jaar, waarde (and toelichting)', () => {
    const normen = ok(`
# Normen uit het beleidsplan
- indicator: volledigeUitstroom
  jaar: 2014
  waarde: 400
- indicator: duurzaamheid
  jaar: 2014
  waarde: 0.75
  toelichting: minimaal driekwart duurzaam
`);
    expect(normen.size).toBe(2);
    expect(normen.get('volledigeUitstroom', 2014)).toEqual({ waarde: 400 });
    expect(normen.get('duurzaamheid', 2014)).toEqual({ waarde: 0.75, toelichting: 'minimaal driekwart duurzaam' });
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
    expect(normen.get('gemiddeldInkomen', 2014)).toEqual({
      waarde: 485,
      toelichting: '€ 485 inclusief indexatie CBS 2014',
    });
  });

  it('names every mistake with its place', () => {
    expect(fouten('- indicator: uitstroom\n  jaar: 2014\n  waarde: 1')[0]).toMatch(
      /^norm 1: onbekende indicator "uitstroom"; kies uit volledigeUitstroom, duurzaamheid/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014}')).toEqual(['norm 1: geef óf waarde óf indexatie']);
    expect(fouten('- {indicator: cohort, jaar: 14, waarde: 3}')[0]).toMatch(
      /jaar moet een jaartal tussen 1990 en 2100/,
    );
    expect(fouten('- {indicator: duurzaamheid, jaar: 2014, waarde: 75}')[0]).toMatch(
      /is een aandeel: geef een getal tussen 0 en 1/,
    );
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: -1}')[0]).toMatch(/waarde moet een getal ≥ 0 zijn/);
    expect(fouten('- {indicator: cohort, jaar: 2014, waarde: 1, extra: 2}')).toEqual(['norm 1: onbekend veld "extra"']);
    expect(
      fouten('- {indicator: cohort, jaar: 2014, waarde: 1}\n- {indicator: cohort, jaar: 2014, waarde: 2}'),
    ).toEqual(['norm 2: cohort 2014 staat er al eerder in']);
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
- {indicator: inBeeld, jaar: 2020, waarde: 0.6}
- {indicator: langdurig, jaar: 2020, waarde: 9000}
- {indicator: minima, jaar: 2020, waarde: 5000}
- {indicator: schuldhulp, jaar: 2020, waarde: 0.8}
- {indicator: allianties, jaar: 2015, waarde: 50}
`);
    expect(normen.size).toBe(9);
    expect(normen.get('trajecten.VAK', 2014)).toEqual({ waarde: 72 });
    expect(normen.get('trajecten.Werk & Zorg', 2014)).toEqual({ waarde: 10 });
    expect(normen.get('allianties', 2015)).toEqual({ waarde: 50 });
    expect(fouten('- {indicator: schuldhulp, jaar: 2020, waarde: 84}')[0]).toMatch(/is een aandeel/);
    expect(fouten('- {indicator: inBeeld, jaar: 2020, waarde: 60}')[0]).toMatch(/is een aandeel/);
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
