// Sortable tables, as a progressive enhancement. The server renders each table in a meaningful order and
// marks that column with aria-sort; this module makes every column heading with data-sort-type
// ("text" or "number") a button that sorts the rows by it, ascending and then descending, sets aria-sort
// on that heading (and removes it from the others) and says the new order in a polite live region.
// A cell sorts by its data-sort-value where it has one (a number; empty for "not applicable", which
// always goes last) and by its text otherwise. Ties keep their current order.
const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

function value(row, column, type) {
  const cell = row.cells[column];
  if (!cell) return null;
  const raw = cell.dataset.sortValue !== undefined ? cell.dataset.sortValue : cell.textContent.trim();
  if (type !== "number") return raw;
  return raw === "" || Number.isNaN(Number(raw)) ? null : Number(raw);
}

function compare(a, b, type, direction) {
  if (a === null || b === null) return (a === null) - (b === null); // not applicable last, either way
  const order = type === "number" ? a - b : collator.compare(a, b);
  return direction === "ascending" ? order : -order;
}

export function makeSortable(table) {
  const headings = [...table.tHead.rows[0].cells];
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  table.after(status);
  let current = null; // { column, type, direction } once the reader has sorted

  function sortRows() {
    if (!current) return;
    const body = table.tBodies[0];
    const rows = [...body.rows].filter((row) => row.cells.length === headings.length);
    if (rows.length < 2) return;
    const keyed = rows.map((row, index) => ({ row, index, key: value(row, current.column, current.type) }));
    keyed.sort((a, b) => compare(a.key, b.key, current.type, current.direction) || a.index - b.index);
    body.append(...keyed.map(({ row }) => row));
  }

  function sortBy(column, type, label) {
    const direction = current && current.column === column && current.direction === "ascending"
      ? "descending" : "ascending";
    current = { column, type, direction };
    headings.forEach((heading, index) => {
      if (index === column) heading.setAttribute("aria-sort", direction);
      else heading.removeAttribute("aria-sort");
    });
    sortRows();
    status.textContent = `Sorted by ${label}, ${direction}`;
  }

  headings.forEach((heading, column) => {
    const type = heading.dataset.sortType;
    if (!type) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "upheld-sort__button";
    button.append(...heading.childNodes);
    heading.append(button);
    const label = button.textContent.trim();
    button.addEventListener("click", () => sortBy(column, type, label));
  });

  // For tables whose rows are re-rendered (the map's): put the new rows in the reader's order.
  return { resort: sortRows };
}

for (const table of document.querySelectorAll("table[data-sortable]:not([data-sortable-manual])")) {
  makeSortable(table);
}
