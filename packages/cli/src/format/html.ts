// `--format html`: one self-contained page for the council — the tables and an SVG trend chart
// per indicator. No external request of any kind: inline CSS, inline SVG, no scripts, no fonts,
// and a Content-Security-Policy that forbids loading anything should a text ever slip through.
// Every text is escaped (escapeHtml); figures also sit in data attributes for machines.
import { celTekst, heelGetal, isGetal, percentage } from './getallen.js';
import type { Cel, Eenheid, Grafiek, RapportModel, Sectie } from './model.js';

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const CSS = `
:root { color-scheme: light; --ink: #1d2733; --muted: #5b6775; --line: #d5dbe2; --accent: #0b5cad; --norm: #c2410c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f8fa; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 24px 32px 16px; }
h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: var(--muted); }
main { padding: 16px 32px 40px; display: grid; gap: 18px; max-width: 1200px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
h2 { font-size: 17px; margin: 0 0 12px; }
.body { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
table { border-collapse: collapse; min-width: 320px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
thead th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); }
td.num, td.tekst, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.hoofd td:first-child { font-weight: 600; }
tr.detail td { color: var(--muted); font-size: 13px; }
tr.detail td:first-child { padding-left: 26px; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 12px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.voetnoten { margin: 10px 0 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
footer { padding: 0 32px 32px; color: var(--muted); font-size: 12px; }
`;

const CHART = { width: 420, height: 210, left: 64, right: 16, top: 22, bottom: 30 } as const;

/** A round upper bound for the axis: 1, 2, 2.5 or 5 times a power of ten. */
const niceMax = (max: number): number => {
  if (max <= 0) return 1;
  let magnitude = 1;
  while (magnitude * 10 <= max) magnitude *= 10;
  while (magnitude > max) magnitude /= 10;
  for (const f of [1, 2, 2.5, 5, 10]) if (f * magnitude >= max) return f * magnitude;
  return 10 * magnitude;
};

const axisLabel = (value: number, eenheid: Eenheid): string =>
  eenheid === 'aandeel' ? percentage(value) : eenheid === 'euro' ? `€ ${heelGetal(value)}` : heelGetal(value);

const round1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/**
 * The axis of a chart: from 0 when the values lie spread out, else a band around them (issue 12:
 * a € 467 against a € 485 norm must be visible), on round numbers.
 */
export const asBereik = (values: readonly number[]): { readonly min: number; readonly max: number } => {
  const hi = Math.max(0, ...values);
  const lo = values.length === 0 ? 0 : Math.min(...values);
  if (lo <= 0 || hi - lo > 0.5 * hi) return { min: 0, max: niceMax(hi * 1.05) };
  const step = niceMax(Math.max((hi - lo) / 2, hi * 0.01));
  const min = Math.max(0, Math.floor((lo - step / 2) / step) * step);
  const max = Math.ceil((hi + step / 2) / step) * step;
  return { min, max: max > min ? max : min + step };
};

const chart = (grafiek: Grafiek, titel: string): string => {
  const { width, height, left, right, top, bottom } = CHART;
  const values = grafiek.punten.flatMap((p) => [p.gerealiseerd, p.norm]).filter((v): v is number => v !== null);
  const { min, max } = asBereik(values);
  const n = grafiek.punten.length;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (i: number): number => left + (n <= 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));
  const y = (v: number): number => top + plotHeight - ((v - min) / (max - min)) * plotHeight;
  const parts: string[] = [];
  for (const tick of [min, (min + max) / 2, max]) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round1(y(tick))}" y2="${round1(y(tick))}" stroke="#e3e8ee"/>`,
      `<text x="${left - 6}" y="${round1(y(tick) + 4)}" text-anchor="end">${escapeHtml(axisLabel(tick, grafiek.eenheid))}</text>`,
    );
  }
  grafiek.punten.forEach((p, i) => {
    parts.push(`<text x="${round1(x(i))}" y="${height - 10}" text-anchor="middle">${p.jaar}</text>`);
  });
  const line = (key: 'gerealiseerd' | 'norm', attrs: string): void => {
    let segment: string[] = [];
    const flush = (): void => {
      if (segment.length > 1) parts.push(`<polyline points="${segment.join(' ')}" fill="none" ${attrs}/>`);
      segment = [];
    };
    grafiek.punten.forEach((p, i) => {
      const v = p[key];
      if (v === null) flush();
      else segment.push(`${round1(x(i))},${round1(y(v))}`);
    });
    flush();
  };
  line('norm', 'stroke="#c2410c" stroke-width="2" stroke-dasharray="5 4"');
  line('gerealiseerd', 'stroke="#0b5cad" stroke-width="2.5"');
  grafiek.punten.forEach((p, i) => {
    if (p.norm !== null) {
      const label = `Norm ${p.jaar}: ${axisLabel(p.norm, grafiek.eenheid)}`;
      parts.push(
        `<rect class="norm" x="${round1(x(i) - 4)}" y="${round1(y(p.norm) - 4)}" width="8" height="8" fill="#c2410c" transform="rotate(45 ${round1(x(i))} ${round1(y(p.norm))})"><title>${escapeHtml(label)}</title></rect>`,
      );
    }
    if (p.gerealiseerd !== null) {
      const label = `Gerealiseerd ${p.jaar}: ${axisLabel(p.gerealiseerd, grafiek.eenheid)}`;
      parts.push(
        `<circle class="gerealiseerd" data-jaar="${p.jaar}" data-waarde="${p.gerealiseerd}" cx="${round1(x(i))}" cy="${round1(y(p.gerealiseerd))}" r="4" fill="#0b5cad"><title>${escapeHtml(label)}</title></circle>`,
      );
    }
  });
  // The Norm legend only where a norm is drawn.
  const heeftNorm = grafiek.punten.some((p) => p.norm !== null);
  parts.push(
    `<g class="legenda" transform="translate(${left + 4} 10)"><line x1="0" x2="16" y1="0" y2="0" stroke="#0b5cad" stroke-width="2.5"/><text x="20" y="4">Gerealiseerd</text>`,
    heeftNorm
      ? `<line x1="104" x2="120" y1="0" y2="0" stroke="#c2410c" stroke-width="2" stroke-dasharray="5 4"/><text x="124" y="4">Norm</text></g>`
      : '</g>',
  );
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`Trend: ${titel}`)}">${parts.join('')}</svg><figcaption>Trend per jaar (het eerste jaar is de nulsituatie)</figcaption></figure>`;
};

const dataValue = (cel: Cel): string =>
  cel.soort === 'getal'
    ? cel.waarde === null
      ? ''
      : String(cel.waarde)
    : cel.soort === 'tekst'
      ? cel.tekst
      : cel.soort === 'nb'
        ? 'n.b.'
        : '';

const table = (sectie: Sectie): string => {
  const head = sectie.kolommen.map((k) => `<th class="num" scope="col">${escapeHtml(k)}</th>`).join('');
  const rows = sectie.rijen
    .map((rij) => {
      const cells = rij.cellen
        .map((cel, i) => {
          const attrs = `data-rij="${escapeHtml(rij.label)}" data-kolom="${escapeHtml(sectie.kolommen[i] ?? '')}" data-waarde="${escapeHtml(dataValue(cel))}"`;
          return `<td class="${isGetal(cel) ? 'num' : 'tekst'}" ${attrs}>${escapeHtml(celTekst(cel))}</td>`;
        })
        .join('');
      return `<tr class="${rij.niveau === 1 ? 'detail' : 'hoofd'}"><td>${escapeHtml(rij.label)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th scope="col"></th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
};

const section = (sectie: Sectie, extra: (sectie: Sectie) => string): string => {
  const notes =
    sectie.voetnoten.length === 0
      ? ''
      : `<ul class="voetnoten">${sectie.voetnoten.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  const figure = sectie.grafiek === undefined ? '' : chart(sectie.grafiek, sectie.titel);
  return `<section id="${escapeHtml(sectie.id)}" data-sectie="${escapeHtml(sectie.id)}"><h2>${escapeHtml(sectie.titel)}</h2><div class="body">${table(sectie)}${figure}</div>${notes}${extra(sectie)}</section>`;
};

export interface HtmlOptions {
  /** A line under the title, e.g. where the figures come from. */
  readonly ondertitel?: string;
  /** More HTML at the end of a section (the verklaring of its counts: `report --met-verklaring`). */
  readonly naSectie?: (sectie: Sectie) => string;
  /** More HTML after the last section, and more CSS. */
  readonly naSecties?: string;
  readonly css?: string;
}

/** The report as one self-contained HTML page. */
export const formatHtml = (model: RapportModel, options: HtmlOptions = {}): string => {
  const subtitle = options.ondertitel === undefined ? '' : `<p>${escapeHtml(options.ondertitel)}</p>`;
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.titel)}</title>
<style>${CSS}${options.css ?? ''}</style>
</head>
<body>
<header><h1>${escapeHtml(model.titel)}</h1>${subtitle}</header>
<main>
${model.secties.map((s) => section(s, options.naSectie ?? (() => ''))).join('\n')}${options.naSecties ?? ''}
</main>
<footer>Berekend met zelfredzaam; hoe, staat onder Verantwoording. n.b. betekent: niet bekend (niet geregistreerd, of een jaar dat nog moet komen). Een streepje (–) betekent: niet te bepalen (bijvoorbeeld 0/0).</footer>
</body>
</html>
`;
};
