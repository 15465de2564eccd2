// Build the site's CSS (GOV.UK Frontend and the accessible autocomplete's styles) and copy
// GOV.UK Frontend's and the accessible autocomplete's scripts into the package's static files.
// Run by `make` (npm run build); the output is not committed.
import { compile } from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const out = "src/upheld/site/static/upheld";
mkdirSync(out, { recursive: true });
const result = compile("src/upheld/site/scss/upheld.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(`${out}/upheld.css`, result.css);
copyFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk-frontend.min.js`);
copyFileSync("src/upheld/site/scss/init.mjs", `${out}/init.mjs`);
// A UMD bundle: imported by publication/find.mjs, it sets `accessibleAutocomplete` on the window.
copyFileSync("node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js",
  `${out}/accessible-autocomplete.min.js`);
console.log(`built ${out}/upheld.css (${result.css.length} bytes)`);
