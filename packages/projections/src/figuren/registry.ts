// The figures of MEETREGELS §4 and §7.2, in the order of the §5 object. The verklaring (§8)
// loops over this list; a figure is added by adding its module here.
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

export const FIGUREN: readonly Figuur[] = [
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
];
