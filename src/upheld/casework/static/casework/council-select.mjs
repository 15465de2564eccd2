// The council of a case with JavaScript: GOV.UK's accessible autocomplete over the form's select of some 400
// councils, suggesting them as the caseworker types a name or a GSS code. The select stays in the page,
// hidden, and is what the form sends: the autocomplete selects in it the council chosen. Without this script
// the select is a plain one that works as it is (`casework.forms.CaseForm`).
import "../upheld/accessible-autocomplete.min.js"; // a UMD bundle: it sets window.accessibleAutocomplete

// What the select's description says (its error message, say): the box that replaces it says it too.
function description(select) {
  return (select.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent.trim()).filter(Boolean).join(". ");
}

for (const select of document.querySelectorAll("select[data-autocomplete]")) {
  const described = description(select);
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: "", // not the prompt ("Choose a council") when none is chosen yet; the council when one is
    minLength: 2,
    showNoOptionsFound: true,
    tNoResults: () => "No council found: try its name or GSS code",
    tAssistiveHint: () => `${described ? `${described}. ` : ""}Type the council's name or GSS code; when `
      + "suggestions appear, use the up and down arrows to review them and Enter to choose one.",
  });
}
