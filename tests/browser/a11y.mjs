// Checks an HTML pack in a real browser: Debian's Chromium driven by
// puppeteer-core (no browser download).  Prints TAP lines for
// tests/e2e/report_html.sh:
//   - the page makes no request but for its own file;
//   - at 1280 and 320 px wide the page does not scroll sideways (wide
//     tables scroll inside their own region), screenshots of both kept;
//   - axe-core finds no violation of WCAG 2.0, 2.1 or 2.2 at level A or AA.
// Usage: node a11y.mjs FILE.html OUTDIR [CHROMIUM]
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const [file, outdir, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
const url = pathToFileURL(file).href;
let failed = 0;
const ok = (name) => console.log(`ok - ${name}`);
const notOk = (name, ...why) => {
  failed++;
  console.log(`not ok - ${name}`);
  for (const w of why) console.log(`#   ${w}`);
};

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
try {
  const page = await browser.newPage();
  const foreign = [];
  page.on("request", (r) => {
    if (r.url() !== url) foreign.push(r.url());
  });
  for (const width of [1280, 320]) {
    await page.setViewport({ width, height: width === 320 ? 640 : 900 });
    await page.goto(url, { waitUntil: "load" });
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll <= client) ok(`${width} px: no horizontal scrolling (${scroll} <= ${client})`);
    else notOk(`${width} px: no horizontal scrolling`, `scrollWidth ${scroll} > clientWidth ${client}`);
    await page.screenshot({ path: `${outdir}/screen-${width}.png` });
    // The summary (tiles and the table of indicators) and the reach
    // section, as a reader scrolls to them.
    for (const id of ["summary", "reach"]) {
      if (await page.$(`#${id}`) === null) continue;
      await page.evaluate((i) => document.getElementById(i).scrollIntoView(), id);
      await page.screenshot({ path: `${outdir}/screen-${width}-${id}.png` });
    }
  }
  if (foreign.length === 0) ok("no request but the file itself");
  else notOk("no request but the file itself", ...foreign.slice(0, 5));

  // 200% zoom: a 640 px window at twice the scale must not scroll sideways.
  await page.setViewport({ width: 640, height: 900, deviceScaleFactor: 2 });
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
  const zoom = await page.evaluate(() =>
    document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  if (zoom) ok("text at 200%: no horizontal scrolling");
  else notOk("text at 200%: no horizontal scrolling");

  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations", "passes"],
    });
    return {
      version: r.testEngine.version,
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      })),
    };
  });
  console.log(`# axe-core ${result.version}: ${result.passes} rules passed, ` +
    `${result.violations.length} violated`);
  if (result.violations.length === 0) ok("axe-core: no WCAG 2.2 A or AA violation");
  else notOk("axe-core: no WCAG 2.2 A or AA violation",
    ...result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(", ")}`));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
