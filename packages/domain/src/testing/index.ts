// Public entry point `@zelfredzaam/domain/testing`: arbitraries for property tests.
export {
  type GeschiedenisOptions,
  geldigeGeschiedenis,
  type HistoryOptions,
  huishoudenGeschiedenis,
  huishoudenId,
  uuidFrom,
  werkgeverGeschiedenis,
  werkgeverId,
  willekeurigFeit,
  zesMaandenNa,
} from './arbitraries.js';
