// Public entry point `@zelfredzaam/domain/testing`: arbitraries for property tests.
export {
  type GeschiedenisOptions,
  geldigeGeschiedenis,
  type HistoryOptions,
  huishoudenGeschiedenis,
  huishoudenId,
  uuidFrom,
  willekeurigFeit,
  zesMaandenNa,
} from './arbitraries.js';
