// The council of a case with JavaScript: GOV.UK's accessible autocomplete over the form's select of some 400
// councils, suggesting them as the caseworker types a name or a GSS code. The select stays in the page,
// hidden, and is what the form sends: the autocomplete selects in it the council chosen. Without this script
// the select is a plain one that works as it is (`casework.forms.CaseForm`).
import "../upheld/accessible-autocomplete.min.js"; // a UMD bundle: it sets window.accessibleAutocomplete

for (const select of document.querySelectorAll("select[data-autocomplete]")) {
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: "", // not the prompt ("Choose a council") when none is chosen yet; the council when one is
    minLength: 2,
    showNoOptionsFound: true,
    tNoResults: () => "No council found: try its name or GSS code",
  });
}
