// The figures of MEETREGELS §4 and §7.2. The report (telling.ts), the restatement, the live
// report, the verklaring (§8) and the formatters loop over this list; a figure is added by
// adding its module here. The verklaring lists cells in this order; the §5 object and the
// documents list the figures in section order (IN_RAPPORT).
import { allianties } from './allianties.js';
import { bijstandsbestand } from './bijstandsbestand.js';
import { cohort } from './cohort.js';
import { duurzaamheid } from './duurzaamheid.js';
import type { Figuur } from './figuur.js';
import { gedeeltelijkeUitstroom } from './gedeeltelijkeUitstroom.js';
import { gemiddeldInkomen } from './gemiddeldInkomen.js';
import { inBeeld } from './inBeeld.js';
import { langdurig } from './langdurig.js';
import { minima } from './minima.js';
import { participatie } from './participatie.js';
import { plaatsingen } from './plaatsingen.js';
import { schuldhulp } from './schuldhulp.js';
import { stroom } from './stroom.js';
import { trajecten } from './trajecten.js';
import { volledigeUitstroom } from './volledigeUitstroom.js';

export const FIGUREN = [
  volledigeUitstroom,
  duurzaamheid,
  cohort,
  gedeeltelijkeUitstroom,
  gemiddeldInkomen,
  bijstandsbestand,
  participatie,
  trajecten,
  plaatsingen,
  inBeeld,
  langdurig,
  minima,
  schuldhulp,
  allianties,
  stroom,
] as const satisfies readonly Figuur[];

const sectieNummer = (sectie: string): number => {
  const [hoofd = '0', sub = '0'] = sectie.split('.');
  return Number(hoofd) * 1000 + Number(sub);
};

/** The registry's indices in the order of the §5 object: by MEETREGELS section (same section: registry order). */
export const RAPPORT_VOLGORDE: readonly number[] = FIGUREN.map((_, i) => i).sort(
  (a, b) => sectieNummer((FIGUREN[a] as Figuur).sectie) - sectieNummer((FIGUREN[b] as Figuur).sectie) || a - b,
);

/** The figures in the order of the §5 object and of the documents. */
export const IN_RAPPORT: readonly Figuur[] = RAPPORT_VOLGORDE.map((i) => FIGUREN[i] as Figuur);
