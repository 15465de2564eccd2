"""A letter as one self-contained HTML page: semantic markup, real tables, print styles for A4."""

from django.template.loader import render_to_string

from upheld.letters.content import Letter


def render_html(letter: Letter) -> str:
    return render_to_string("letters/letter.html", {"letter": letter})
