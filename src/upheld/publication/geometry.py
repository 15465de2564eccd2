"""The map's shapes, derived once from the data the package ships and served as static files.

Sources (see `upheld/data/ATTRIBUTION.md`): the ONS UK TopoJSON 2014–2025 and
Open Innovations' hex maps. The browser should not have to decode TopoJSON or
carry Scotland, Wales and Northern Ireland, so this module keeps England's
council layers only, simplifies each shared arc once (neighbours still meet),
projects them (transverse Mercator about 2°W, as the Ordnance Survey grid
does) and writes compact SVG path data with integer coordinates:

- `map/boundaries.json`: the England outline and the `ltla` (districts,
  unitaries, metropolitan and London boroughs) and `cty` (county councils)
  areas, each as `[code, first year, last year, path]`; years are the ONS
  ones (an area with last year 2018 existed until 31 March 2019).
- `map/hexes.json`: each hex map's English hexes as `code: [q, r]`
  ("odd-r" layout, rows counted upwards, as in the hexjson files).

The derived files are committed beside the page's script, and
`tests/publication/test_map.py` checks they are what this module makes from
the sources. After changing a source: `python -m upheld.publication.geometry`.

A note on the hex maps: `uk-local-authority-districts-2025.hexjson`, despite
its name, places the districts of 2015–2019 (before the Dorset, Suffolk and
Somerset mergers), and the upper-tier map is of 2019–20 (no Dorset County
Council). `upheld.publication.map` therefore picks, for each year, the hex
map that places all of that year's councils, not the one named after it.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

from upheld import files

BOUNDARIES_SOURCE = "data/boundaries/uk-topo-2014-2025.json"
HEXMAPS_SOURCE = "data/hexmaps"
STATIC_DIR = Path(__file__).resolve().parent / "static" / "publication" / "map"
LAYERS = ("ltla", "cty")
ENGLAND = "E92000001"
CENTRAL_MERIDIAN = math.radians(-2.0)
HEIGHT = 1000  # map units from the north of Northumberland to the Isles of Scilly
TOLERANCE = 0.6  # map units an arc may move when simplified: under a pixel at the size it is drawn


def _package_file(name: str):
    return resources.files("upheld").joinpath(name)


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Spherical transverse Mercator: England keeps its familiar Ordnance Survey shape."""
    lam, phi = math.radians(lon) - CENTRAL_MERIDIAN, math.radians(lat)
    b = math.cos(phi) * math.sin(lam)
    x = 0.5 * math.log((1 + b) / (1 - b))
    y = math.atan2(math.tan(phi), math.cos(lam))
    return x, -y


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, keeping both ends so that arcs still join."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = -1.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length
                        else math.hypot(px - x1, py - y1))
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


class _Topology:
    """The source TopoJSON with its arcs decoded, projected and scaled to map units."""

    def __init__(self, topology: dict, areas: list[dict]):
        scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
        used = {_arc_index(i) for area in areas for ring in _rings(area) for i in ring}
        projected = {}
        for index in used:
            x = y = 0
            points = []
            for dx, dy in topology["arcs"][index]:
                x, y = x + dx, y + dy
                points.append(_project(x * scale[0] + translate[0], y * scale[1] + translate[1]))
            projected[index] = points
        xs = [x for points in projected.values() for x, _ in points]
        ys = [y for points in projected.values() for _, y in points]
        self.factor = HEIGHT / (max(ys) - min(ys))
        self.origin = (min(xs), min(ys))
        self.width = math.ceil((max(xs) - min(xs)) * self.factor)
        self.arcs = {index: _simplify([self._scale(p) for p in points], TOLERANCE)
                     for index, points in projected.items()}

    def _scale(self, point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - self.origin[0]) * self.factor, (point[1] - self.origin[1]) * self.factor

    def path(self, area: dict) -> str:
        """SVG path data, relative moves between integer points; rings too small to see are left out."""
        parts = []
        for ring in _rings(area):
            points: list[tuple[int, int]] = []
            for i in ring:
                arc = self.arcs[_arc_index(i)]
                for x, y in (arc if i >= 0 else arc[::-1])[1 if points else 0:]:
                    point = (round(x), round(y))
                    if not points or point != points[-1]:
                        points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) < 3:
                continue
            steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(points, points[1:], strict=False)]
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
        return "".join(parts).replace(" -", "-")


def _arc_index(i: int) -> int:
    return i if i >= 0 else ~i


def _rings(area: dict) -> list[list[int]]:
    if area["type"] == "Polygon":
        return area["arcs"]
    if area["type"] == "MultiPolygon":
        return [ring for polygon in area["arcs"] for ring in polygon]
    return []


def boundaries() -> dict:
    topology = json.loads(_package_file(BOUNDARIES_SOURCE).read_text(encoding="utf-8"))
    english = {layer: [area for area in topology["objects"][layer]["geometries"]
                       if area["properties"]["areacd"].startswith("E")] for layer in LAYERS}
    outline = [area for area in topology["objects"]["ctry"]["geometries"] if area["properties"]["areacd"] == ENGLAND]
    shapes = _Topology(topology, outline + [area for areas in english.values() for area in areas])
    return {
        "source": "Office for National Statistics, UK TopoJSON 2014-2025 (Open Government Licence v3.0; "
                  "contains OS data © Crown copyright and database right 2025)",
        "viewBox": [0, 0, shapes.width, HEIGHT],
        "outline": shapes.path(outline[0]),
        "areas": {layer: [[area["properties"]["areacd"], area["properties"].get("start"),
                           area["properties"].get("end"), shapes.path(area)]
                          for area in sorted(areas, key=lambda area: area["properties"]["areacd"])]
                  for layer, areas in english.items()},
    }


def hexes() -> dict:
    layouts = {}
    for source in sorted(_package_file(HEXMAPS_SOURCE).iterdir(), key=lambda entry: entry.name):
        if not source.name.endswith(".hexjson"):
            continue
        hexjson = json.loads(source.read_text(encoding="utf-8"))
        if hexjson["layout"] != "odd-r":
            raise ValueError(f"{source.name}: the map draws odd-r hex maps only, not {hexjson['layout']}")
        layouts[source.name.removesuffix(".hexjson")] = {
            code: [hexagon["q"], hexagon["r"]] for code, hexagon in sorted(hexjson["hexes"].items())
            if code.startswith("E")
        }
    return {"source": "Open Innovations, hexmaps (MIT licence)", "layout": "odd-r", "layouts": layouts}


def derived_files() -> dict[str, str]:
    """The static files' names and their exact text."""
    return {name: json.dumps(make(), separators=(",", ":"), ensure_ascii=False) + "\n"
            for name, make in (("boundaries.json", boundaries), ("hexes.json", hexes))}


def write(directory: Path = STATIC_DIR) -> None:
    files.make_folder(directory)
    for name, text in derived_files().items():
        files.write_atomically(directory / name, text)
        print(f"wrote {directory / name} ({len(text.encode()):,} bytes)")


def load(name: str) -> dict:
    """A derived file as the site serves it (the server matches councils to shapes with it)."""
    return json.loads((STATIC_DIR / name).read_text(encoding="utf-8"))


if __name__ == "__main__":
    write()
