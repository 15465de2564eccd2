"""A visitor's crawl of the live site: every address asked for on each of two hosts, links followed.

One `Crawler` per visitor (anonymous, or signed in as another council's user) and round. Each address
is asked for on every host in turn, with that host's own client (so a cache that ignores the host is
caught: the second host would get the first one's absolute addresses), each answer searched
(`Findings.check`), and the same-site links of each followed, breadth first, up to `MAX_ADDRESSES`.
"""

from __future__ import annotations

import contextlib
from collections import deque
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from tests.releases.surfaces import DELIBERATE, Findings, Surface, kind_of, links, readable, response_bytes

NOT_FOLLOWED = ("/static/", "/admin/", "/accounts/login/")  # files, the admin, and the sign-in page per `next`
MAX_ADDRESSES = 1500  # a page linking to ever new addresses (a query built from itself) stops the crawl here


class Crawler:
    """One visitor's round: `clients` by host, each signed in as the visitor (or not, for anonymous)."""

    def __init__(self, findings: Findings, clients: dict[str, Client], viewer: str, label: str):
        self.findings, self.clients, self.viewer, self.label = findings, clients, viewer, label
        self.seen: set[str] = set()
        self.view_names: set[str] = set()  # every URL pattern an address asked for resolved to

    def crawl(self, seeds: list[str]) -> None:
        queue = deque(dict.fromkeys(seeds))
        self.seen.update(queue)
        while queue:
            if len(self.seen) > MAX_ADDRESSES:
                self.findings.fail(f"more than {MAX_ADDRESSES} addresses: does a page link to ever new ones?",
                                   self.label)
                return
            for link in self.fetch(queue.popleft()):
                if link not in self.seen and not link.startswith(NOT_FOLLOWED):
                    self.seen.add(link)
                    queue.append(link)

    def fetch(self, url: str) -> list[str]:
        """Ask for `url` on every host; the same-site addresses the answers link or redirect to."""
        with contextlib.suppress(Resolver404):  # an address no pattern takes is a 404 like any other
            self.view_names.add(resolve(urlsplit(url).path).view_name)
        found: list[str] = []
        for host, client in self.clients.items():
            response = client.get(url)
            content = response_bytes(response)
            content_type = response.get("Content-Type", "")
            surface = Surface(f"GET {url}", kind_of(content_type), (self.label, self.viewer, host), self.viewer,
                              url, host)
            if response.status_code not in DELIBERATE:
                self.findings.fail(f"HTTP {response.status_code} (not a deliberate answer: it may hide a leak)",
                                   Surface(f"GET {url}: {content[:200]!r}", "", surface.context))
                continue
            headers = "".join(f"\n{name}: {value}" for name, value in response.items())  # a file's name, too
            if response.status_code in (301, 302, 303, 307, 308):
                self.findings.check(surface, headers)
                target = urlsplit(urljoin(url, response["Location"]))
                if target.netloc in ("", host):
                    found.append(target.path + (f"?{target.query}" if target.query else ""))
                continue
            text = readable(content, surface.kind)
            self.findings.check(surface, text + headers)
            if response.status_code == 200 and surface.kind == "text":
                found += links(text, content_type, url, host)
        return list(dict.fromkeys(found))
