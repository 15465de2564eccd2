// "Find a council" with JavaScript: GOV.UK's accessible autocomplete over the search box, suggesting
// councils as the reader types and opening the one chosen. The suggestions come from the index at
// the form's data-find-url (`upheld.publication.finder`), matched and ranked exactly as the server's
// results page does. Without this script, or before the index has loaded, the box is a plain form
// whose Search button opens the results page.
import "../upheld/accessible-autocomplete.min.js"; // a UMD bundle: it sets window.accessibleAutocomplete

const [WHOLE, STARTS, WORD_STARTS, CONTAINS] = [0, 1, 2, 3];
const MAX_QUERY = 100;
const MAX_SUGGESTIONS = 12;
const GSS = /^[A-Z]\d{8}$/;
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$/;
const TIERS = { lower: "district, unitary council or borough", upper: "county council" };

// As the server's `normalise`: any case, "&" as "and", punctuation as spaces.
function normalise(text) {
  return text.toLocaleLowerCase("en-GB").replaceAll("&", " and ").split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean).join(" ");
}

function rank(name, query) {
  if (name === query) return WHOLE;
  if (name.startsWith(query)) return STARTS;
  if (` ${name}`.includes(` ${query}`)) return WORD_STARTS;
  return name.includes(query) ? CONTAINS : null;
}

function plural(count, noun) {
  return `${count.toLocaleString("en-GB")} ${noun}${count === 1 ? "" : "s"}`;
}

// The councils `query` finds in `index`, best first: [{ council, note }], as `Index.find` on the server.
function find(index, text) {
  const query = text.split(/\s+/).filter(Boolean).join(" ").slice(0, MAX_QUERY);
  if (!query) return [];
  const upper = query.toUpperCase();
  if (GSS.test(upper)) {
    return index.councils.filter((council) => council.codes.includes(upper)).map((council) => ({ council, note: "" }));
  }
  const postcode = POSTCODE.exec(upper.replace(/\s+/g, ""));
  if (postcode) {
    const district = postcode[1];
    return (index.postcodes[district] || []).map(([place, tier, count]) => ({
      council: index.councils[place],
      note: `${TIERS[tier]}: ${plural(count, "postcode")} in ${district}`,
    }));
  }
  const wanted = normalise(query);
  const found = [];
  for (const council of index.councils) {
    let best = null;
    let bestName = "";
    for (const name of council.names) {
      const r = rank(name, wanted);
      if (r !== null && (best === null || r < best || (r === best && name < bestName))) {
        best = r;
        bestName = name;
      }
    }
    if (best !== null) {
      const former = council.former[bestName];
      found.push({ council, rank: best, note: former ? `Formerly ${former}` : "" });
    }
  }
  return found.sort((a, b) => a.rank - b.rank); // stable: A–Z within each rank, as the index is
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function suggestion(found) {
  if (typeof found === "string") return escape(found);
  const { council, note } = found;
  const details = [council.official, note, council.to ? `figures to ${council.to}` : ""].filter(Boolean);
  return `${escape(council.name)} <span class="upheld-find__detail">${escape(details.join(". "))}</span>`;
}

function enhance(form) {
  const field = form.querySelector("[data-find-council-field]");
  const input = field && field.querySelector("input");
  if (!input || !window.accessibleAutocomplete) return;
  const source = new URL(form.dataset.findUrl, document.baseURI);
  let loading = null;
  const load = () => {
    loading = loading || fetch(source, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(`${source}: ${response.status}`);
      return response.json();
    });
    return loading;
  };
  const hint = document.getElementById(`${input.id}-hint`);
  const { id, value } = input;
  field.replaceChildren();
  window.accessibleAutocomplete({
    element: field,
    id,
    name: "q",
    defaultValue: value,
    minLength: 2,
    displayMenu: "overlay", // below the box; the Search button is beside it, never covered
    confirmOnBlur: false,
    source(query, populate) {
      load().then((index) => populate(find(index, query).slice(0, MAX_SUGGESTIONS)))
        .catch(() => { loading = null; populate([]); }); // the Search button still works
    },
    templates: {
      inputValue: (found) => (typeof found === "string" ? found : found ? found.council.name : ""),
      suggestion,
    },
    onConfirm(found) {
      // Addresses in the index are relative to it when the site is a static copy: resolve them against it.
      if (found && typeof found !== "string") window.location.assign(new URL(found.council.url, source));
    },
    tNoResults: () => "No council found: press Search for more help",
    tAssistiveHint: () => `${hint ? `${hint.textContent}. ` : ""}When suggestions appear, use the up and down `
      + "arrows to review them and Enter to open a council's page, or press Search to see every council found.",
  });
}

for (const form of document.querySelectorAll("[data-find-council]")) enhance(form);
