"""Whether the figures are demonstration data, and the words every document made from them carries.

One place decides it: the `DemoDataset` row that `upheld demo` writes when it generates the synthetic
casework. The site's banner (`context_processors.synthetic_data`), the letters in every format, the case
spreadsheets sent with them, the emails that send them and the scrutiny packs all ask here. A PDF or a
spreadsheet travels without the site's banner, so each says so itself: on every page, in its metadata.
"""

from __future__ import annotations

from upheld.demo.models import DemoDataset

DEMONSTRATION = "Demonstration data"
KEYWORDS = ("demonstration data", "synthetic figures")


def demo_dataset() -> DemoDataset | None:
    """The demonstration data the database holds (the newest generated), or None when its figures are real."""
    return DemoDataset.objects.order_by("-generated").first()


def is_demonstration() -> bool:
    return demo_dataset() is not None


def notice(what: str) -> str:
    """"Demonstration data — synthetic figures, not a real ombudsman letter", for `what` "a real ombudsman
    letter": the line a document made from demonstration data carries on every page."""
    return f"{DEMONSTRATION} — synthetic figures, not {what}"
