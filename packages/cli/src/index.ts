// Public entry point of @zelfredzaam/cli: the command as a function, and the report's pure
// formatters (§5 objects in, text out) for services that want the documents' layout. The demo
// generator has its own entry point, `@zelfredzaam/cli/demo`.

export { type Controle, controleer, createVerifier, type Schending } from '@zelfredzaam/replay';
export { run } from './cli.js';
export { EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE } from './errors.js';
export { csvVeld, formatCsv, neutraliseer } from './format/csv.js';
export { escapeHtml, formatHtml, type HtmlOptions } from './format/html.js';
export { escapeMarkdown, formatMarkdown } from './format/md.js';
export {
  type Cel,
  type Eenheid,
  INDICATOR_IDS,
  INDICATOREN,
  INDICATOREN_7_NA,
  INDICATOREN_7_VOOR,
  type Indicator,
  type IndicatorId,
  indicatorenVoor,
  isIndicatorId,
  jaarModel,
  type RapportModel,
  type Rij,
  type Sectie,
  TRAJECT_PREFIX,
  trajectIndicator,
  vergelijkModel,
} from './format/model.js';
export { formatTable } from './format/table.js';
export { GEEN_NORMEN, type Norm, type Normen, parseNormen } from './normen.js';
export type { Omgeving } from './omgeving.js';
export {
  MIN_SLEUTEL_BYTES,
  PSEUDONIEM_VELDEN,
  pseudoniem,
  pseudoniemSleutel,
  pseudonimiseerder,
  SLEUTEL_VARIABELE,
} from './pseudonimiseer.js';
export { FORMATEN, type Formaat, maakRapport, type RapportUit, type RapportVraag } from './rapport.js';
