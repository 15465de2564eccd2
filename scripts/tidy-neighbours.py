"""Tidy ONS's statistical nearest neighbours workbook into the CSV the package ships.

    python scripts/tidy-neighbours.py localauthoritynearestneighboursengland.xlsx \
        > src/upheld/data/neighbours/nearest-neighbours.csv

The workbook ("Lower and upper tier local authority statistical nearest
neighbours and distances, England", ONS, 1 October 2025) lists every council's
neighbours, nearest first, in tables 1 (lower tier) and 3 (upper tier), and the
relative distances between councils in tables 2 and 4. The CSV keeps each
council's NEAREST neighbours of each tier with their distance: one row per
council, tier and rank.
"""

import csv
import sys

import openpyxl

NEAREST = 15
TABLES = {"lower": ("Table 1", "Table 2"), "upper": ("Table 3", "Table 4")}


def rows(sheet):
    """The table's rows after its header row (the one starting with a code column)."""
    found = False
    for row in sheet.iter_rows(values_only=True):
        if found and row[0]:
            yield row
        found = found or (isinstance(row[0], str) and row[0].endswith("local authority code"))


def main(path: str) -> None:
    book = openpyxl.load_workbook(path, read_only=True)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["tier", "gss", "name", "rank", "neighbour_gss", "distance"])
    for tier, (neighbours_table, distances_table) in TABLES.items():
        header = next(r for r in book[distances_table].iter_rows(values_only=True) if r[0] and r[0].endswith("code"))
        distances = {row[0]: dict(zip(header[2:], row[2:], strict=True)) for row in rows(book[distances_table])}
        for code, name, *neighbours in rows(book[neighbours_table]):
            for rank, neighbour in enumerate(neighbours[:NEAREST], start=1):
                out.writerow([tier, code, name, rank, neighbour, f"{distances[code][neighbour]:.4f}"])


if __name__ == "__main__":
    main(sys.argv[1])
