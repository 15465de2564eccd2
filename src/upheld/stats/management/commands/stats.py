import csv
import json

from django.core.management.base import BaseCommand, CommandError

from upheld.stats.annual import year_statistics
from upheld.stats.code_returns import council_records
from upheld.years import ReportingYear


def flatten(obj: dict, prefix: str = "") -> dict:
    """Nested JSON keys become `received: Housing`-style CSV columns."""
    flat = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}: "))
        else:
            flat[name] = "" if value is None else value
    return flat


def text_report(record: dict) -> str:
    """A plain-text summary for a person at a terminal."""
    def rate(value):
        return "-" if value is None else f"{value}%"

    authority = record["authority"]
    lines = [f"{authority['name']} ({authority['gss']}, {authority['type']}), {record['year']}"]
    for table in ("received", "decisions"):
        lines.append(f"  {table}: " + ", ".join(f"{k} {v}" for k, v in record[table].items()))
    similar = record["similar_authorities"]
    lines += [
        f"  uphold rate {rate(record['uphold_rate'])} of {record['detailed_investigations']} detailed"
        f" investigations (similar authorities {rate(similar['uphold_rate'])})",
        f"  remedied by the Ombudsman {record['remedied']['by ombudsman']}, satisfactorily by the"
        f" authority {record['remedied']['satisfactory by authority']}",
        f"  compliance {rate(record['compliance']['rate'])} of {record['compliance']['outcomes']} outcomes",
        f"  satisfactory remedy rate {rate(record['satisfactory_remedy_rate'])}",
        f"  upheld per 100,000 residents {record['upheld_per_100k'] if record['upheld_per_100k'] is not None else '-'}",
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print a year's statistics for every council, or one (--authority), as text, JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="reporting year, e.g. 2017-18")
        parser.add_argument("--authority", help="GSS code (current or former) of one council")
        parser.add_argument("--json", action="store_true", help="print JSON (same as --format json)")
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text")

    def handle(self, *args, **options):
        try:
            year = ReportingYear.parse(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        statistics = year_statistics(year)
        try:
            councils = statistics.select(options["authority"])
        except LookupError as error:
            raise CommandError(str(error)) from None
        records = council_records(statistics, councils)
        output_format = "json" if options["json"] else options["format"]
        if output_format == "json":
            self.stdout.write(json.dumps(records[0] if options["authority"] else records, indent=2,
                                         ensure_ascii=False))
        elif output_format == "csv":
            rows = [flatten(record) for record in records]
            writer = csv.DictWriter(self.stdout, fieldnames=list(rows[0]) if rows else ["authority: gss"],
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            self.stdout.write("\n\n".join(text_report(record) for record in records))
