// Build the site's CSS (GOV.UK Frontend and the accessible autocomplete's styles) and copy
// GOV.UK Frontend's and the accessible autocomplete's scripts, with the source maps they name, into the
// package's static files. Run by `make` (npm run build); the output is not committed. The maps must be
// there: collectstatic hashes a file's name only once every file it names exists (upheld.site.static_storage).
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
for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copyFileSync(`node_modules/govuk-frontend/dist/govuk/${name}`, `${out}/${name}`);
}
copyFileSync("src/upheld/site/scss/init.mjs", `${out}/init.mjs`);
// A UMD bundle: imported by publication/find.mjs, it sets `accessibleAutocomplete` on the window.
for (const name of ["accessible-autocomplete.min.js", "accessible-autocomplete.min.js.map"]) {
  copyFileSync(`node_modules/accessible-autocomplete/dist/${name}`, `${out}/${name}`);
}
console.log(`built ${out}/upheld.css (${result.css.length} bytes)`);
