// Drawing one map: the shapes of one tier of councils (hexagons or boundaries) as SVG links,
// coloured by band, with hover, keyboard focus and a first tap on a touch screen reported to the page.
// Only attributes and classes are set (no inline styles), so the Content Security Policy holds.

const SVG = "http://www.w3.org/2000/svg";
const HEX_RADIUS = 10;
const ROOT3 = Math.sqrt(3);
const MARGIN = 6;

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

// Pointy-topped hexagons in an "odd-r" layout with rows counted upwards, as in the hexjson files.
function hexCentre([q, r]) {
  return [ROOT3 * HEX_RADIUS * (q + 0.5 * (r & 1)), -1.5 * HEX_RADIUS * r];
}

function hexPath([x, y]) {
  const corners = [];
  for (let k = 0; k < 6; k += 1) {
    const angle = (Math.PI / 180) * (60 * k - 30);
    corners.push(`${(x + HEX_RADIUS * Math.cos(angle)).toFixed(1)} ${(y + HEX_RADIUS * Math.sin(angle)).toFixed(1)}`);
  }
  return `M${corners.join("L")}Z`;
}

// The shapes to draw for one tier: [{code, d, centre}] and the view box they need.
export function hexShapes(layout) {
  const shapes = Object.entries(layout).map(([code, position]) => {
    const centre = hexCentre(position);
    return { code, d: hexPath(centre), centre };
  });
  const xs = shapes.map((s) => s.centre[0]);
  const ys = shapes.map((s) => s.centre[1]);
  const pad = HEX_RADIUS + MARGIN;
  const [left, top] = [Math.min(...xs) - pad, Math.min(...ys) - pad];
  const viewBox = [left, top, Math.max(...xs) + pad - left, Math.max(...ys) + pad - top];
  return { shapes, viewBox, outline: null };
}

export function boundaryShapes(boundaries, layer, year) {
  const start = Number(year.slice(0, 4));
  const shapes = boundaries.areas[layer]
    .filter(([, first, last]) => (first === null || first <= start) && (last === null || start <= last))
    .map(([code, , , d]) => ({ code, d, centre: null }));
  return { shapes, viewBox: boundaries.viewBox, outline: boundaries.outline };
}

// Draw `geometry` into `svg`. `areas` maps a shape's code to {council, matches, band, label}.
// Returns the drawn links, in drawing order, for keyboard navigation.
export function draw(svg, geometry, areas, shapeKey, onShow) {
  svg.replaceChildren();
  svg.setAttribute("viewBox", geometry.viewBox.map((n) => Number(n.toFixed(1))).join(" "));
  const backdrop = element("g", { "aria-hidden": "true" }, svg);
  if (geometry.outline) element("path", { d: geometry.outline, class: "upheld-map__outline" }, backdrop);
  const layer = element("g", {}, svg);
  const links = [];
  const drawn = new Set();
  for (const shape of geometry.shapes) {
    const area = areas.get(shape.code);
    if (!area && geometry.outline) continue; // a boundary of no council of the year: the outline stands for it
    if (!area || !area.matches) {
      const kind = area ? "upheld-map__filtered" : "upheld-map__context";
      element("path", { d: shape.d, class: kind, "aria-hidden": "true" }, backdrop);
      if (area) drawn.add(area.council.gss);
      continue;
    }
    const link = element("a", {
      href: area.council.url, class: "upheld-map__area", "aria-label": area.label, tabindex: "-1",
      "data-gss": area.council.gss, "data-band": String(area.band),
    }, layer);
    element("path", { d: shape.d, class: area.bandClass }, link);
    link.centre = shape.centre;
    link.council = area.council;
    links.push(link);
    drawn.add(area.council.gss);
  }
  const overlay = element("g", { class: "upheld-map__overlay", "aria-hidden": "true" }, svg);
  const halo = element("path", { class: "upheld-map__halo" }, overlay);
  const edge = element("path", { class: "upheld-map__edge" }, overlay);
  const show = (link, focused) => {
    const d = link ? link.firstChild.getAttribute("d") : "";
    for (const path of [halo, edge]) {
      if (d) path.setAttribute("d", d); else path.removeAttribute("d");
    }
    overlay.setAttribute("class", `upheld-map__overlay${focused ? " upheld-map__overlay--focus" : ""}`);
    onShow(link ? link.council : null);
  };
  roving(svg, links, show);
  return { links, drawn: [...drawn], shapeKey };
}

function centreOf(link) {
  if (!link.centre) {
    const box = link.getBBox();
    link.centre = [box.x + box.width / 2, box.y + box.height / 2];
  }
  return link.centre;
}

// The nearest link in the direction of an arrow key, favouring those straight ahead.
function neighbour(links, from, [dx, dy]) {
  const [x, y] = centreOf(from);
  let best = null;
  let bestScore = Infinity;
  for (const link of links) {
    if (link === from) continue;
    const [cx, cy] = centreOf(link);
    const ahead = (cx - x) * dx + (cy - y) * dy;
    const aside = Math.abs((cx - x) * dy - (cy - y) * dx);
    if (ahead <= 0) continue;
    const score = ahead + 2.5 * aside;
    if (score < bestScore) [best, bestScore] = [link, score];
  }
  return best;
}

const ARROWS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

// One tab stop per map (the last council visited); arrows, Home and End move between councils.
// The listeners are added once per map; each drawing replaces the links and the overlay they act on.
function roving(svg, links, show) {
  if (links.length) links[0].setAttribute("tabindex", "0");
  const first = !svg.upheldMap;
  svg.upheldMap = { links, show };
  if (!first) return;
  const areaOf = (event) => (event.target.closest ? event.target.closest("a.upheld-map__area") : null);
  let touched = null; // the council a finger came down on
  let armed = null; // the council whose figure a first tap showed
  svg.addEventListener("keydown", (event) => {
    const current = areaOf(event);
    const { links: all } = svg.upheldMap;
    if (!current) return;
    let next = null;
    if (ARROWS[event.key]) next = neighbour(all, current, ARROWS[event.key]);
    else if (event.key === "Home") [next] = all;
    else if (event.key === "End") next = all[all.length - 1];
    else return;
    event.preventDefault();
    if (!next) return;
    current.setAttribute("tabindex", "-1");
    next.setAttribute("tabindex", "0");
    next.focus();
  });
  svg.addEventListener("focusin", (event) => {
    const link = areaOf(event);
    if (!link) return;
    for (const other of svg.upheldMap.links) other.setAttribute("tabindex", other === link ? "0" : "-1");
    svg.upheldMap.show(link, true);
  });
  svg.addEventListener("focusout", () => svg.upheldMap.show(null, false));
  svg.addEventListener("mouseover", (event) => {
    const link = areaOf(event);
    if (link) svg.upheldMap.show(link, false);
  });
  svg.addEventListener("mouseleave", () => {
    const focused = svg.upheldMap.links.find((link) => link === document.activeElement);
    svg.upheldMap.show(focused || null, Boolean(focused));
    armed = null;
  });
  // A touch screen has no hover: the first tap on a council shows its figure, a second tap on the same council
  // opens its page. The council is the one the finger came down on (the readout may have moved the map by the
  // time the click arrives). Mouse, pen and keyboard (a click with no taps: `detail` 0) open it at once.
  svg.addEventListener("pointerdown", (event) => {
    touched = event.pointerType === "touch" ? areaOf(event) : null;
  });
  svg.addEventListener("click", (event) => {
    const link = touched;
    touched = null;
    if (!link || event.detail === 0 || !svg.upheldMap.links.includes(link)) return;
    event.preventDefault();
    if (link === armed) {
      window.location.assign(link.getAttribute("href"));
      return;
    }
    armed = link;
    svg.upheldMap.show(link, false);
  });
}
