// Issue 17 point 5: a normen file's toelichting is printed in every report, so a BSN in it (plain
// or written in groups) is refused, never echoed; so is a text that is not well-formed Unicode.
import { describe, expect, it } from 'vitest';
import { parseNormen } from './normen.js';

const fouten = (text: string): readonly string[] => {
  const parsed = parseNormen(text);
  return 'fouten' in parsed ? parsed.fouten : [];
};

describe('normen: no BSN in a toelichting or anywhere in a message', () => {
  it('refuses a toelichting holding a BSN, plain or formatted, without showing it', () => {
    for (const toelichting of ['klant 123456782', 'klant 1234.56.782', 'klant 111 222 333']) {
      const found = fouten(`- {indicator: participatie, jaar: 2014, waarde: 200, toelichting: "${toelichting}"}`);
      expect(found, toelichting).toHaveLength(1);
      expect(found[0]).toContain('toelichting bevat een BSN');
      expect(found.join('').replace(/\D/g, '')).not.toContain('123456782');
      expect(found.join('').replace(/\D/g, '')).not.toContain('111222333');
    }
  });

  it('refuses a lone surrogate; an ordinary toelichting with numbers passes', () => {
    expect(fouten('- {indicator: participatie, jaar: 2014, waarde: 200, toelichting: "x \\ud800"}')[0]).toContain(
      'Unicode',
    );
    expect(
      fouten('- {indicator: participatie, jaar: 2014, waarde: 200, toelichting: "Zwolle doel 2.2.2, 385 huishoudens"}'),
    ).toEqual([]);
  });

  it('an unknown indicator that is a BSN is not echoed', () => {
    const found = fouten('- {indicator: "1234.56.782", jaar: 2014, waarde: 200}');
    expect(found).toHaveLength(1);
    expect(found[0]).not.toContain('1234.56.782');
  });
});
