"""Reading public pages in tests: tables by caption, headings, the title, links and the visible text."""

from html.parser import HTMLParser

from tests.letters.test_html import Tables


class Page(HTMLParser):
    """What the tests read from a page: its tables by caption, headings, title, links and visible text."""

    def __init__(self, html: str):
        super().__init__()
        self.html = html
        self.tables = {caption: table for caption, table in Tables(html).tables.items()}
        self.headings: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.title = ""
        self._open: list[str] = []
        self._text: list[str] = []
        self._heading: str | None = None
        self.feed(html)
        self.text = " ".join(" ".join(self._text).split())

    def handle_starttag(self, tag, attrs):
        if tag in {"h1", "h2", "h3", "title"}:
            self._heading, self._buffer = tag, ""
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag == self._heading:
            if tag == "title" and "svg" not in self._open[:-1]:
                self.title = " ".join(self._buffer.split())
            elif tag != "title":
                self.headings.append((tag, " ".join(self._buffer.split())))
            self._heading = None
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data):
        if self._heading:
            self._buffer += data
        self._text.append(data)

    def rows(self, caption: str) -> list[list[str]]:
        return [[" ".join(cell.split()) for cell in row] for row in self.tables[caption]["rows"]]

    def h1s(self) -> list[str]:
        return [text for tag, text in self.headings if tag == "h1"]


def get_page(client, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return Page(response.content.decode())

