// Issue 5: the HTML report renders in headless Chromium (Debian's `chromium`) with the right
// figures, makes no request of any kind, runs no script (not even one hidden in a norm text),
// and leaves a screenshot in tests/.artifacts/report.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jaarrapport } from '../packages/projections/src/index.js';
import { ROOT, runCli } from './support/cli-run.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HOSTILE =
  '<script>window.__pwned = 1</script><img src="http://example.invalid/x.png" onerror="window.__pwned = 2">';

let work: string;
let context: BrowserContext;
let page: Page;
let figures: Jaarrapport[];
const requests: string[] = [];
let pageUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} ontbreekt: apt-get install -y chromium (zie .ci/run)`);
  work = mkdtempSync(join(tmpdir(), 'zelfredzaam-html-'));
  writeFileSync(
    join(work, 'normen.yaml'),
    [
      '- indicator: volledigeUitstroom',
      '  jaar: 2014',
      '  waarde: 40',
      `  toelichting: '${HOSTILE}'`,
      '- indicator: gemiddeldInkomen',
      '  jaar: 2015',
      '  indexatie: {basis: 475, indexOud: 100, indexNieuw: 102.1}',
      '  toelichting: inclusief indexatie CBS 2014',
      '- indicator: allianties',
      '  jaar: 2015',
      '  waarde: 50',
      '- indicator: trajecten.VAK',
      '  jaar: 2014',
      '  waarde: 8',
      '',
    ].join('\n'),
  );
  const demo = ['demo', '--store', 'memory:', '--huishoudens', '400', '--seed', '21', '--normen', 'normen.yaml'];
  const html = await runCli([...demo, '--format', 'html'], { cwd: work });
  expect(html.code, html.stderr).toBe(0);
  writeFileSync(join(work, 'report.html'), html.stdout);
  const json = await runCli([...demo, '--format', 'json'], { cwd: work });
  expect(json.code, json.stderr).toBe(0);
  figures = JSON.parse(json.stdout);

  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  context.on('request', (request) => requests.push(request.url()));
  page = context.pages()[0] ?? (await context.newPage());
  pageUrl = pathToFileURL(join(work, 'report.html')).href;
  await page.goto(pageUrl);
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const cell = (indicator: string, row: string, year: number) =>
  page.locator(`section[data-sectie="${indicator}"] td[data-rij="${row}"][data-kolom="${year}"]`);

describe('the HTML report in headless Chromium', () => {
  it('shows the realised figures of the JSON report, per indicator and year', async () => {
    for (const r of figures) {
      const checks: [string, number | null, string][] = [
        ['volledigeUitstroom', r.volledigeUitstroom.totaal, String(r.volledigeUitstroom.totaal)],
        ['duurzaamheid', r.duurzaamheid.aandeelDuurzaam, ''],
        ['cohort', r.cohort.aanHetWerk, String(r.cohort.aanHetWerk)],
        ['gedeeltelijkeUitstroom', r.gedeeltelijkeUitstroom.aandeel, ''],
        ['gemiddeldInkomen', r.gemiddeldInkomen.gemiddeldEuro, `€ ${r.gemiddeldInkomen.gemiddeldEuro}`],
        ['bijstandsbestand', r.bijstandsbestand.opPeildatum, ''],
        // MEETREGELS §7.2
        ['participatie', r.participatie.gestegen, String(r.participatie.gestegen)],
        ['trajecten.Workfast', r.trajecten.Workfast?.gestart ?? 0, String(r.trajecten.Workfast?.gestart ?? 0)],
        ['plaatsingen.sroi', r.plaatsingen.sroi.inJaar, String(r.plaatsingen.sroi.inJaar)],
        ['inBeeld', r.inBeeld.aandeel, ''],
        ['langdurig', r.langdurig.langdurig, ''],
        ['minima', r.minima.huishoudens, String(r.minima.huishoudens)],
        ['schuldhulp', r.schuldhulp.aandeelMinnelijkGeslaagd, ''],
        ['allianties', r.allianties.totaal, String(r.allianties.totaal)],
      ];
      for (const [indicator, value, text] of checks) {
        const td = cell(indicator, 'Gerealiseerd', r.jaar);
        expect(await td.getAttribute('data-waarde')).toBe(value === null ? '' : String(value));
        if (text !== '') expect(await td.textContent()).toBe(text);
      }
      const share = r.duurzaamheid.aandeelDuurzaam ?? 0;
      expect(await cell('duurzaamheid', 'Gerealiseerd', r.jaar).textContent()).toBe(
        `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}%`,
      );
      // §4.8 in its own section: beginstand + instroom − uitstroom = eindstand.
      const stroom = (rij: string) =>
        page.locator(`section[data-sectie="stroom"] td[data-rij="${rij}"][data-kolom="${r.jaar}"]`);
      expect(await stroom('Eindstand (31 december)').getAttribute('data-waarde')).toBe(String(r.stroom.eindstand));
      expect(await stroom('Instroom').getAttribute('data-waarde')).toBe(String(r.stroom.instroom.totaal));
    }
    // The Nulsituatie is the realised figure of the year before.
    expect(figures.map((r) => r.jaar)).toEqual([2012, 2013, 2014, 2015]);
    expect(await cell('volledigeUitstroom', 'Nulsituatie', 2013).textContent()).toBe(
      String(figures[0]?.volledigeUitstroom.totaal),
    );
    expect(await cell('volledigeUitstroom', 'Norm', 2014).textContent()).toBe('40');
    expect(await cell('gemiddeldInkomen', 'Norm', 2015).textContent()).toBe('€ 485');
    expect(await cell('allianties', 'Norm', 2015).textContent()).toBe('50');
    expect(await cell('trajecten.VAK', 'Norm', 2014).textContent()).toBe('8');
    // MEETREGELS §9: Behaald per indicator and year; the € 485 norm against a lower realised income.
    const totaal2014 = figures[2]?.volledigeUitstroom.totaal ?? 0;
    expect(await cell('volledigeUitstroom', 'Behaald', 2014).textContent()).toBe(totaal2014 >= 40 ? 'ja' : 'nee');
    const inkomen2015 = figures[3]?.gemiddeldInkomen.gemiddeldEuro ?? 0;
    expect(await cell('gemiddeldInkomen', 'Behaald', 2015).textContent()).toBe(inkomen2015 >= 485 ? 'ja' : 'nee');
    expect(await cell('cohort', 'Behaald', 2014).textContent()).toBe('—');
    expect(await page.locator('section[data-sectie="stroom"] h2').textContent()).toBe(
      'Verloop van het bijstandsbestand',
    );
    expect(await page.locator('section[data-sectie="verantwoording"] h2').textContent()).toBe('Verantwoording');
  });

  it('fits each chart’s axis to its data and shows the Norm legend only where a norm exists', async () => {
    const legend = (id: string) => page.locator(`section[data-sectie="${id}"] svg g.legenda text`).allTextContents();
    expect(await legend('gemiddeldInkomen')).toEqual(['Gerealiseerd', 'Norm']);
    expect(await legend('cohort')).toEqual(['Gerealiseerd']);
    // The income chart does not start at € 0: its lowest tick lies below the lowest value, near it.
    const ticks = await page
      .locator('section[data-sectie="gemiddeldInkomen"] svg > text[text-anchor="end"]')
      .allTextContents();
    const euros = ticks.map((t) => Number(t.replace(/[€\s.]/g, '')));
    const waarden = figures.map((r) => r.gemiddeldInkomen.gemiddeldEuro ?? 0);
    expect(euros[0]).toBeGreaterThan(0);
    expect(euros[0]).toBeLessThanOrEqual(Math.min(...waarden));
    // And the points are drawn inside the plot: the highest and lowest are apart on screen.
    const ys = await page
      .locator('section[data-sectie="gemiddeldInkomen"] svg circle.gerealiseerd')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('cy'))));
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(10);
  });

  it('draws a trend chart per indicator, with a point per year', async () => {
    // Every section but the dates, the flow, the source and the Verantwoording is an indicator
    // (§4, and §7 with a section per soort).
    const sections = await page.locator('section[data-sectie]').count();
    expect(sections).toBeGreaterThanOrEqual(20);
    expect(await page.locator('section[data-sectie] svg').count()).toBe(sections - 4);
    const points = page.locator('section[data-sectie="volledigeUitstroom"] svg circle.gerealiseerd');
    expect(await points.count()).toBe(5);
    expect(await points.nth(4).getAttribute('data-waarde')).toBe(String(figures[3]?.volledigeUitstroom.totaal));
  });

  it('shows a hostile norm text as text and runs nothing', async () => {
    const note = page.locator('section[data-sectie="volledigeUitstroom"] .voetnoten li');
    expect(await note.textContent()).toBe(`Norm 2014: ${HOSTILE}`);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => '__pwned' in globalThis)).toBe(false);
  });

  it('made no request but for the page itself, and leaves a screenshot', async () => {
    expect(requests).toEqual([pageUrl]);
    const artifacts = join(ROOT, 'tests/.artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    expect(existsSync(join(artifacts, 'report.png'))).toBe(true);
  });
});
