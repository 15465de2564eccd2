// Start GOV.UK Frontend's components. A module file rather than an inline
// script, so the Content Security Policy can forbid inline scripts.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
