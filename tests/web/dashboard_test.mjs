// The dashboard in a real browser: Playwright (npm playwright-core) driving
// Debian's chromium headless over `kabar serve` on a store of the examples.
// Loads the page, checks every view drew, filters by actor, opens an event
// and checks its evidence is highlighted in the article; screenshots go to
// ARTIFACTS. Exit 77 (ctest SKIPPED) without chromium or Node 20.
//
//   node tests/web/dashboard_test.mjs KABAR SOURCE_DIR ARTIFACTS_DIR
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [kabar, src, artifacts] = process.argv.slice(2);
if (!kabar || !src || !artifacts) {
  console.error("usage: node dashboard_test.mjs KABAR SOURCE_DIR ARTIFACTS_DIR");
  process.exit(2);
}
const chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
if (!chromiumPath) {
  console.log("SKIPPED: Debian's chromium is not installed (scripts/setup installs it)");
  process.exit(77);
}
if (Number(process.versions.node.split(".")[0]) < 20) {
  console.log(`SKIPPED: playwright-core needs Node 20 or later, this is ${process.versions.node}`);
  process.exit(77);
}
const { chromium } = await import("playwright-core");

let failures = 0;
const check = (name, ok, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  if (!ok) failures++;
};

mkdirSync(artifacts, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "kabar-dashboard-"));
const db = join(work, "k.db");
const ingest = spawnSync(kabar, ["ingest", join(src, "examples"), "--db", db], {
  encoding: "utf8",
  env: { ...process.env, KABAR_CACHE_DIR: join(work, "cache") },
});
check("ingest the examples", ingest.status === 0, ingest.stderr.trim().split("\n").pop());

const server = spawn(kabar, ["serve", "--db", db, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
const base = await new Promise((resolve, reject) => {
  let err = "";
  server.stderr.on("data", (d) => {
    err += d;
    const m = err.match(/serving .* on (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`kabar serve exited ${code}: ${err}`)));
  setTimeout(() => reject(new Error(`kabar serve did not start: ${err}`)), 10000);
});

let browser;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const outside = [], consoleErrors = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector("#status")?.dataset.count, null, { timeout: 15000 });
  const total = Number(await page.getAttribute("#status", "data-count"));
  check("all events loaded", total > 20, `${total} events`);
  const shaded = await page.locator("#map path.country.has-events").count();
  const points = await page.locator("#map circle.point").count();
  check("map: countries shaded and places as points", shaded >= 3 && points >= 3, `${shaded} countries, ${points} points`);
  const bars = await page.locator("#timeline rect.bar").count();
  check("timeline: bars by QuadClass", bars >= 3, `${bars} bars`);
  const nodes = await page.locator("#network g.node").count();
  const edges = await page.locator("#network path.edge").count();
  check("network: actors and pairs", nodes >= 4 && edges >= 2, `${nodes} actors, ${edges} pairs`);
  const rows = await page.locator("#events tbody tr").count();
  check("table: one row per event", rows === Math.min(total, 500), `${rows} rows`);
  await page.screenshot({ path: join(artifacts, "dashboard-overview.png"), fullPage: true });

  // Filter: events with a Russian actor on either side.
  await page.fill("#filters input[name=actor]", "RUS");
  await page.click("#apply");
  await page.waitForFunction((t) => document.querySelector("#status")?.dataset.count !== String(t), total, { timeout: 15000 });
  const filtered = Number(await page.getAttribute("#status", "data-count"));
  check("filter narrows the events", filtered > 0 && filtered < total, `${filtered} of ${total}`);
  const sides = await page.$$eval("#events tbody tr", (trs) => trs.map((tr) => [tr.cells[1].textContent, tr.cells[2].textContent]));
  check("every filtered row has RUS as source or target", sides.length === filtered &&
    sides.every(([s, t]) => s.startsWith("RUS") || t.startsWith("RUS")), JSON.stringify(sides.slice(0, 3)));
  await page.screenshot({ path: join(artifacts, "dashboard-filtered.png"), fullPage: true });

  // Open the first event: the article with its evidence highlighted.
  const sentence = await page.textContent("#events tbody tr:first-child td:last-child");
  await page.click("#events tbody tr:first-child");
  await page.waitForSelector("#reader-panel:not([hidden]) #reader-text .evidence", { timeout: 15000 });
  const evidence = (await page.$$eval("#reader-text .evidence", (s) => s.map((e) => e.textContent))).join(" ");
  check("the event's evidence is highlighted", evidence.length > 0, JSON.stringify(evidence));
  const words = evidence.split(/\s+/).filter((w) => w.length > 2);
  check("the highlighted evidence is in the event's sentence", words.length > 0 && words.every((w) => sentence.includes(w)),
    `${JSON.stringify(words)} in ${JSON.stringify(sentence.slice(0, 120))}`);
  const actors = await page.locator("#reader-text .actor").count();
  const places = await page.locator("#reader-text .place").count();
  check("actors and places marked in the article", actors >= 2 && places >= 1, `${actors} actors, ${places} places`);
  const whyText = await page.textContent("#why");
  check("why it was coded: pattern and dictionary line", /pattern/.test(whyText) && /\.txt:\d+/.test(whyText), whyText.slice(0, 160));
  const readerText = await page.textContent("#reader-text");
  check("the article text is shown whole", readerText.includes(sentence.slice(0, 30)));
  await page.screenshot({ path: join(artifacts, "dashboard-event.png"), fullPage: true });

  check("nothing fetched from elsewhere", outside.length === 0, outside.slice(0, 3).join(", "));
  check("no script errors", consoleErrors.length === 0, consoleErrors.slice(0, 3).join(" | "));
} catch (err) {
  check("browser session", false, err.message);
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : `all dashboard checks passed; screenshots in ${artifacts}`);
process.exit(failures ? 1 : 0);
