"""Checking that every data cell of a page's tables names its header cells (WCAG 1.3.1, technique H43)."""

from html.parser import HTMLParser


class _Cells(HTMLParser):
    """Each table's head cells (id, first row, rows spanned) and data cells (`headers`, text), and every id."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: list[dict] = []
        self.ids: list[str] = []
        self._row = -1
        self._in_head = False
        self._cell: dict | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "table":
            self.tables.append({"head": {}, "head_rows": 0, "headers": set(), "cells": []})
            self._row = -1
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self.tables:
            self._row += 1
            if self._in_head:
                self.tables[-1]["head_rows"] += 1
        elif tag == "th" and self.tables:
            self.tables[-1]["headers"].add(attrs.get("id"))
            if self._in_head:
                self.tables[-1]["head"][attrs.get("id")] = range(self._row, self._row + int(attrs.get("rowspan", 1)))
        elif tag == "td" and self.tables:
            self._cell = {"headers": (attrs.get("headers") or "").split(), "text": ""}
            self.tables[-1]["cells"].append(self._cell)

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def unnamed_headers(page: str) -> list[str]:
    """What is wrong, cell by cell, in the tables with a head of more than one row and wherever a data cell
    has `headers`: a data cell whose `headers` miss a row of the head (a header from each row), name an id that
    is no header cell of its table, or an id used twice on the page."""
    found = _Cells(page)
    problems = [f"id {name!r} used twice" for name in {name for name in found.ids if found.ids.count(name) > 1}]
    for table in found.tables:
        for cell in table["cells"]:
            if table["head_rows"] < 2 and not cell["headers"]:
                continue  # one row of column headers: `scope` ties the cells to them
            unknown = [name for name in cell["headers"] if name not in table["headers"]]
            covered = {row for name in cell["headers"] for row in table["head"].get(name, ())}
            if unknown or covered != set(range(table["head_rows"])):
                problems.append(f"{cell['text']!r}: headers {cell['headers']}, unknown {unknown}, head rows {covered}")
    return problems
