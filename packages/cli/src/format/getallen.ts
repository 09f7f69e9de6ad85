// Figures written the Dutch way (4.100 · 76,9% · € 474), by hand rather than through Intl so
// the output does not depend on the ICU data a Node build happens to carry.
import type { Cel } from './model.js';

/** Shown for a figure that is undefined (a share of 0/0, an average over no months). */
export const ONBEPAALD = '–';

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** An integer with thousands separators: 4100 → "4.100", −1234 → "-1.234". */
export const heelGetal = (n: number): string => {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + groupThousands(String(Math.abs(rounded)));
};

/** A share (fraction) as a percentage with one decimal, as MEETREGELS §9 writes it: 0.7692 → "76,9%". */
export const percentage = (fraction: number): string => {
  const tenths = Math.round(Math.abs(fraction) * 1000);
  const sign = fraction < 0 && tenths > 0 ? '-' : '';
  return `${sign}${groupThousands(String(Math.floor(tenths / 10)))},${tenths % 10}%`;
};

/** Shown for a figure that is not known (MEETREGELS §5 nietGemeten, a future year). */
export const NIET_BEKEND = 'n.b.';

const signed = (text: string, n: number): string => (n > 0 ? `+${text}` : text);

/** A cell as text for people (table, md, html). */
export const celTekst = (cel: Cel): string => {
  switch (cel.soort) {
    case 'leeg':
      return '';
    case 'nb':
      return NIET_BEKEND;
    case 'tekst':
      return cel.tekst;
    case 'getal': {
      const { waarde, eenheid } = cel;
      if (waarde === null) return ONBEPAALD;
      const text =
        eenheid === 'aandeel'
          ? cel.verschil === true
            ? percentage(waarde).replace('%', ' procentpunt')
            : percentage(waarde)
          : eenheid === 'euro'
            ? waarde < 0
              ? `-€ ${heelGetal(-waarde)}`
              : `€ ${heelGetal(waarde)}`
            : heelGetal(waarde);
      return cel.verschil === true ? signed(text, waarde) : text;
    }
  }
};

/** True for cells that are right-aligned (figures). */
export const isGetal = (cel: Cel): boolean => cel.soort === 'getal' || cel.soort === 'nb';
