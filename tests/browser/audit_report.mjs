// Loads tacit's HTML audit report in headless chromium and checks what a reader sees: one row per
// repository with the scores of the json-lines output, the error row, both SVG charts, each repository's
// trend (a sparkline with the scores of its json-lines `history`, a drill-down table of the points), a drill-down that
// opens with the repository's rule statuses, sorting by score both ways, the filter, the print view, zero
// console errors and zero network requests (the Content-Security-Policy forbids them; a request would be
// seen here first).
//
// usage: node audit_report.mjs CHROMIUM REPORT.html REPORT.jsonl [SCREENSHOT.png]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [chromium, htmlPath, jsonlPath, screenshot] = process.argv.slice(2);
const expected = readFileSync(jsonlPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const url = pathToFileURL(htmlPath).href;
  const consoleErrors = [];
  const requests = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
    if (request.url() === url) request.continue(); else request.abort();
  });
  await page.goto(url, { waitUntil: 'load' });

  // One row per repository, in the order audited, with the scores of the json-lines output.
  const rows = await page.$$eval('#repositories tbody tr.repo', (trs) => trs.map((tr) => ({
    name: tr.dataset.name, score: tr.dataset.score, level: tr.dataset.level, error: tr.classList.contains('error-row'),
  })));
  check(rows.length === expected.length, `rows: ${rows.length}, expected ${expected.length}`);
  expected.forEach((repo, i) => {
    const row = rows[i] || {};
    check(row.name === repo.repository, `row ${i}: name ${row.name}, expected ${repo.repository}`);
    if (repo.error) {
      check(row.error === true, `row ${i}: ${repo.repository} should be an error row`);
    } else {
      check(row.score === String(repo.score), `row ${i}: score ${row.score}, expected ${repo.score}`);
      check(row.level === String(repo.level), `row ${i}: level ${row.level}, expected ${repo.level}`);
    }
  });
  const scored = expected.filter((repo) => !repo.error);
  check(expected.some((repo) => repo.error), 'the run should hold an error row');

  // The charts: ten buckets of the distribution, one cell per pillar and scored repository.
  check(await page.$$eval('#distribution rect.bucket', (r) => r.length) === 10, 'distribution: 10 buckets');
  const cells = await page.$$eval('#pillars rect.cell', (r) => r.length);
  check(cells === scored.length * 5, `pillars chart: ${cells} cells, expected ${scored.length * 5}`);

  // The trend: one sparkline per scored repository, its points the json-lines history (oldest first) then the
  // current score; the repository with a dated history has a real trend, and its drill-down lists the points.
  for (const repo of scored) {
    const index = expected.indexOf(repo);
    const svg = `#repositories tr.repo[data-index="${index}"] svg.trend`;
    check(Array.isArray(repo.history), `${repo.repository}: json-lines has no history`);
    const want = [...(repo.history || []).filter((p) => !p.error).map((p) => p.score), repo.score].join(' ');
    const got = await page.$eval(svg, (el) => el.dataset.scores).catch(() => null);
    check(got === want, `${repo.repository}: sparkline scores ${got}, expected ${want}`);
    const dots = await page.$$eval(`${svg} circle.point`, (c) => c.length);
    check(dots === want.split(' ').length, `${repo.repository}: ${dots} sparkline points, expected ${want.split(' ').length}`);
  }
  const trending = expected.find((repo) => repo.repository === 'trending');
  check(trending && trending.history.length === 2, `trending: ${trending && trending.history.length} earlier points, expected 2`);
  check(trending && typeof trending.history_note === 'string', 'trending: a note says the history is shorter than a year');
  check(trending && trending.history[0].score < trending.score, 'trending: the score rose since the first commit');
  const trendingIndex = expected.indexOf(trending);
  await page.click(`#repositories tr.repo[data-index="${trendingIndex}"] button.open`);
  const trendRows = await page.$$eval(`#detail-${trendingIndex} .trend-table tbody tr`, (trs) => trs.length);
  check(trendRows === 3, `trending drill-down: ${trendRows} trend rows, expected 3 (two commits and now)`);
  await page.click(`#repositories tr.repo[data-index="${trendingIndex}"] button.open`);

  // A drill-down opens, showing the repository's rules with their statuses.
  const first = scored[0];
  const index = expected.indexOf(first);
  const detail = `#detail-${index}`;
  check(await page.$eval(detail, (el) => el.hidden) === true, 'a drill-down is closed at first');
  await page.click(`#repositories tr.repo[data-index="${index}"] button.open`);
  check(await page.$eval(detail, (el) => !el.hidden && el.getBoundingClientRect().height > 0), 'the drill-down opens');
  const statuses = await page.$$eval(`${detail} tr.rule`, (trs) => trs.map((tr) => tr.dataset.status));
  check(JSON.stringify(statuses) === JSON.stringify(first.rules.map((rule) => rule.status)),
    `drill-down statuses ${statuses} differ from the json-lines ones`);

  // Sorting by score: descending, then ascending; the error row sorts last, then first.
  const scoreOrder = async () => page.$$eval('#repositories tbody tr.repo', (trs) => trs.map((tr) => tr.dataset.score));
  await page.click('#repositories th[data-key="score"]');
  const down = scored.map((repo) => repo.score).sort((a, b) => b - a).map(String);
  check(JSON.stringify((await scoreOrder()).filter((s) => s !== '')) === JSON.stringify(down), 'sorted by score, descending');
  check((await scoreOrder()).at(-1) === '', 'the error row sorts last, descending');
  await page.click('#repositories th[data-key="score"]');
  check(JSON.stringify((await scoreOrder()).filter((s) => s !== '')) === JSON.stringify([...down].reverse()),
    'sorted by score, ascending');
  // Each drill-down row still follows its repository.
  check(await page.$$eval('#repositories tbody tr.repo', (trs) => trs.every((tr) => {
    const next = tr.nextElementSibling;
    return next && next.id === `detail-${tr.dataset.index}`;
  })), 'drill-down rows move with their repository');

  // The filter.
  await page.type('#filter', first.repository);
  const visible = await page.$$eval('#repositories tbody tr.repo', (trs) => trs.filter((tr) => !tr.hidden).length);
  const matching = expected.filter((repo) => repo.repository.toLowerCase().includes(first.repository.toLowerCase())).length;
  check(visible === matching, `filter: ${visible} rows shown, expected ${matching}`);
  check(await page.$eval('#shown', (el) => el.textContent) === String(matching), 'filter: the count shown');
  await page.$eval('#filter', (el) => { el.value = ''; el.dispatchEvent(new Event('input')); });

  // Printed: every drill-down shows, the controls do not.
  await page.emulateMediaType('print');
  const printed = await page.$$eval('#repositories tr.detail', (trs) => trs.every((tr) => getComputedStyle(tr).display !== 'none'));
  check(printed, 'printed, every drill-down shows');
  check(await page.$eval('.controls', (el) => getComputedStyle(el).display === 'none'), 'printed, no controls');
  await page.emulateMediaType('screen');

  // Self-contained: a Content-Security-Policy that forbids loading anything, no external reference.
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  check(csp.includes("default-src 'none'"), `CSP: ${csp}`);
  const html = readFileSync(htmlPath, 'utf8');
  check(!/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html), 'no external src or href');
  check(!/@import|@font-face|url\(/i.test(html), 'no CSS import, font or url()');
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  check(requests.length === 0, `network requests: ${requests.join(' ')}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`audit-report: ${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`audit-report: ${expected.length} repositories, every check passed`);
