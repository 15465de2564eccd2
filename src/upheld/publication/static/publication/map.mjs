// The interactive map page. Without this script the page is a form and a table; with it the form
// redraws the two maps (district tier and county councils) and the table in place, from the year's
// data.json, and the address keeps the choices so that a link shows the same map.
// Every figure and its base come formatted from the server: the map and the table print the same text.
// The table sorts by any column (sortable-table.mjs), and keeps the reader's order when it is redrawn.
import { boundaryShapes, draw, hexShapes } from "./map-draw.mjs";
import { makeSortable } from "./sortable-table.mjs";

const DEFAULTS = { measure: "uphold_rate", type: "", q: "", view: "hex" };
const PALETTE_SIZE = 5;

const root = document.querySelector("[data-upheld-map]");
const form = document.getElementById("map-controls");
const tableElement = document.querySelector("[data-map-table]");
const sorter = tableElement ? makeSortable(tableElement) : null;
if (root && form) start();

function fetchJson(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  });
}

function memo(load) {
  const cache = new Map();
  return (key) => {
    if (!cache.has(key)) cache.set(key, load(key));
    return cache.get(key);
  };
}

// The same matching as the server's `TableFilter`: one type (or all), and part of either name.
function matches(council, state) {
  if (state.type && council.type !== state.type) return false;
  const needle = state.q.split(/\s+/).filter(Boolean).join(" ").toLocaleLowerCase("en-GB");
  if (!needle) return true;
  return council.name.toLocaleLowerCase("en-GB").includes(needle)
    || council.official_name.toLocaleLowerCase("en-GB").includes(needle);
}

function bandOf(legend, value) {
  if (value === null) return -1;
  let band = 0;
  legend.forEach((entry, index) => { if (entry.from === null || value >= entry.from) band = index; });
  return band;
}

// Bands take the palette's colours spread from light to dark, however many bands there are.
function colourClass(legend, band) {
  if (band < 0) return "upheld-map__na";
  const step = legend.length > 1 ? (PALETTE_SIZE - 1) / (legend.length - 1) : 0;
  const colour = legend.length > 1 ? Math.round(band * step) + 1 : 3;
  return `upheld-map__band-${colour}`;
}

function readState() {
  const fields = new FormData(form);
  const value = (name) => (fields.get(name) || "").toString();
  return {
    year: value("year"),
    measure: value("measure") || DEFAULTS.measure,
    type: value("type"),
    q: value("q").trim(),
    view: value("view") || DEFAULTS.view,
  };
}

function queryString(state, keys) {
  const params = new URLSearchParams();
  for (const key of keys) if (state[key] && state[key] !== DEFAULTS[key]) params.set(key, state[key]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function text(node, value) {
  if (node) node.textContent = value;
}

function cell(tag, className, content) {
  const node = document.createElement(tag);
  node.className = className;
  if (content instanceof Node) node.appendChild(content); else node.textContent = content;
  return node;
}

// The table view: the same rows, cells and text as the server renders.
function renderTable(rows, measure, state, year) {
  const body = document.querySelector("[data-map-table-body]");
  const lines = rows.map((council) => {
    const figure = council.figures[measure.key];
    const row = document.createElement("tr");
    row.className = "govuk-table__row";
    row.dataset.gss = council.gss;
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = council.url;
    link.textContent = council.name;
    const header = cell("th", "govuk-table__header", link);
    header.scope = "row";
    const value = cell("td", "govuk-table__cell govuk-table__cell--numeric", figure.display);
    value.dataset.sortValue = figure.value === null ? "" : String(figure.value);
    const base = cell("td", "govuk-table__cell", figure.base);
    base.dataset.sortValue = String(figure.base_count);
    row.append(header, cell("td", "govuk-table__cell", council.type_label), value, base);
    return row;
  });
  if (!lines.length) {
    const row = document.createElement("tr");
    row.className = "govuk-table__row";
    const empty = cell("td", "govuk-table__cell", "No council matches. Try another name or type of council.");
    empty.colSpan = 4;
    row.appendChild(empty);
    lines.push(row);
  }
  body.replaceChildren(...lines);
  if (sorter) sorter.resort();
  const count = `${rows.length} council${rows.length === 1 ? "" : "s"}`;
  text(document.querySelector("[data-map-table-caption]"), `${measure.label}, ${year}: ${count}`);
  text(document.querySelector("[data-map-table-measure]"), measure.label);
}

function swatch(className) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "upheld-map-legend__swatch");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  for (const [key, value] of Object.entries({ x: 1, y: 1, width: 22, height: 22, class: className })) {
    rect.setAttribute(key, value);
  }
  svg.appendChild(rect);
  return svg;
}

// The key: each band with its range and how many councils shown fall in it. A band's button picks
// out its councils on the maps (a cue that does not rely on telling colours apart).
function renderLegend(measure, counts, filtered, state, onPick) {
  const list = document.querySelector("[data-map-legend]");
  const entries = measure.legend.map((entry, band) => ({ band, label: entry.label, className: colourClass(measure.legend, band) }));
  entries.push({ band: -1, label: measure.not_applicable, className: "upheld-map__na" });
  const items = entries.map(({ band, label, className }) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "upheld-map-legend__band";
    button.dataset.band = String(band);
    button.setAttribute("aria-pressed", String(state.band === band));
    const n = counts.get(band) || 0;
    const words = cell("span", "", `${label} `);
    words.appendChild(cell("span", "upheld-map-legend__count", `(${n} council${n === 1 ? "" : "s"})`));
    button.append(swatch(className), words);
    button.addEventListener("click", () => onPick(state.band === band ? null : band));
    item.appendChild(button);
    return item;
  });
  if (filtered) {
    const item = document.createElement("li");
    item.className = "upheld-map-legend__note";
    item.append(swatch("upheld-map__filtered"), document.createTextNode("Not matching the type or name chosen"));
    items.push(item);
  }
  list.replaceChildren(...items);
}

function start() {
  const loadData = memo((year) => fetchJson(root.dataset.dataUrl.replace(`/${root.dataset.year}/`, `/${year}/`)));
  const loadHexes = memo(() => fetchJson(root.dataset.hexesUrl));
  const loadBoundaries = memo(() => fetchJson(root.dataset.boundariesUrl));
  const readout = root.querySelector("[data-map-readout]");
  const hint = readout.textContent;
  const csvLink = document.querySelector("[data-map-csv]");
  const csvBase = csvLink ? csvLink.getAttribute("href").split("?")[0] : "";
  const firstYear = root.dataset.year;
  let state = { ...readState(), band: null };
  let drawing = 0;

  root.hidden = false;
  for (const node of document.querySelectorAll("[data-map-only]")) node.hidden = false;
  for (const node of document.querySelectorAll("[data-map-submit]")) node.hidden = true;


  async function render() {
    const ticket = ++drawing;
    root.setAttribute("aria-busy", "true");
    const [data, hexes, boundaries] = await Promise.all([
      loadData(state.year), loadHexes(), state.view === "boundary" ? loadBoundaries() : null]);
    if (ticket !== drawing) return; // a later choice has overtaken this one
    const measure = data.measures.find((m) => m.key === state.measure) || data.measures[0];
    const describe = (council) => `${council.name}, ${data.type_phrases[council.type]}: `
      + council.figures[measure.key].text;
    const rows = data.councils.filter((council) => matches(council, state));
    const counts = new Map();
    const shown = [];
    for (const tier of Object.keys(data.tiers)) {
      const key = state.view === "boundary" ? "shape" : "hex";
      const areas = new Map();
      for (const council of data.councils) {
        if (council.tier !== tier || !council[key]) continue;
        const band = bandOf(measure.legend, council.figures[measure.key].value);
        areas.set(council[key], {
          council, band, bandClass: colourClass(measure.legend, band),
          matches: matches(council, state), label: describe(council),
        });
      }
      const geometry = state.view === "boundary"
        ? boundaryShapes(boundaries, data.layers[tier], data.year)
        : hexShapes(hexes.layouts[data.hexmaps[tier]]);
      const svg = root.querySelector(`[data-map-tier="${tier}"]`);
      const drawn = draw(svg, geometry, areas, key, (council) => {
        text(readout, council ? describe(council) : hint);
      });
      for (const link of drawn.links) {
        const band = Number(link.dataset.band);
        counts.set(band, (counts.get(band) || 0) + 1);
        link.classList.toggle("upheld-map__area--picked", state.band === band);
      }
      shown.push(...drawn.drawn);
    }
    root.classList.toggle("upheld-map--picking", state.band !== null);
    const missing = rows.filter((council) => !shown.includes(council.gss));
    const missingNote = root.querySelector("[data-map-missing]");
    missingNote.hidden = !missing.length;
    text(missingNote, missing.length ? `Not drawn on this map: ${missing.map((c) => c.name).join(", ")}.` : "");
    renderTable(rows, measure, state, data.year);
    renderLegend(measure, counts, rows.length < data.councils.length, state, (band) => {
      state.band = band;
      render();
    });
    for (const node of document.querySelectorAll("[data-map-year-label]")) text(node, data.year);
    text(root.querySelector("[data-map-measure-label]"), measure.label);
    document.title = document.title.replace(/\d{4}-\d{2}/, data.year);
    if (csvLink) {
      csvLink.href = csvBase.replace(`/${firstYear}/`, `/${data.year}/`) + queryString(state, ["type", "q", "measure"]);
    }
    const path = window.location.pathname.replace(/\/map\/(\d{4}-\d{2}\/)?$/, `/map/${data.year}/`);
    try {
      window.history.replaceState(null, "", path + queryString(state, ["measure", "type", "q", "view"]));
    } catch (error) {
      // A page opened from disk (the static export) may not rewrite its address; the map still works.
    }
    root.removeAttribute("aria-busy");
    root.dataset.ready = data.year;
  }

  let typing = 0;
  const update = () => {
    state = { ...readState(), band: null };
    render().catch(failed);
  };
  form.addEventListener("change", update);
  form.addEventListener("input", (event) => {
    if (event.target.name !== "q") return;
    window.clearTimeout(typing);
    typing = window.setTimeout(update, 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });

  function failed(error) {
    text(readout, "The map could not be drawn. The table below has every figure.");
    root.removeAttribute("aria-busy");
    throw error;
  }
  render().catch(failed);
}
