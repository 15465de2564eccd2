// Runs pa11y (HTML_CodeSniffer) over many pages in one browser, for tests/browser/test_accessibility.py.
// Usage: node pa11y.mjs CONFIG.json URL...; prints [{url, issues}] as JSON. One browser for all the pages
// keeps the run to seconds: pa11y would otherwise start Chromium for each page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pa11y = require("pa11y");
// pa11y's own Puppeteer, so that the browser is the one pa11y is made for.
const puppeteer = createRequire(require.resolve("pa11y"))("puppeteer");

const [configPath, ...urls] = process.argv.slice(2);
const { chromeLaunchConfig, ...options } = JSON.parse(readFileSync(configPath, "utf-8"));
const browser = await puppeteer.launch(chromeLaunchConfig);
try {
  const results = [];
  for (const url of urls) {
    const { issues } = await pa11y(url, { ...options, browser });
    results.push({ url, issues });
  }
  process.stdout.write(JSON.stringify(results));
} finally {
  await browser.close();
}
