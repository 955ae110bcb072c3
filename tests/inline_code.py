"""Finds what the Content-Security-Policy refuses in a page: inline style (a ``style``
attribute or a ``<style>`` element), inline script (a ``<script>`` with a body, an ``on…``
handler) and ``javascript:`` links. A ``<script type="application/json">`` holds data and is let
be. Pages must carry their looks in the static CSS and their behaviour in the static JavaScript."""

from __future__ import annotations

from html.parser import HTMLParser

# Script elements that carry data, never run (``json_script``): the policy lets them be.
DATA_TYPES = {"application/json", "application/ld+json"}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script_line: int | None = None
        self._script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        names = {name for name, _value in attrs}
        if tag == "style":
            self.found.append(f"line {line}: a <style> element")
        if "style" in names:
            self.found.append(f"line {line}: a style attribute on <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"line {line}: an {name} handler on <{tag}>")
            if (
                name in {"href", "src", "action", "formaction"}
                and (value or "").strip().lower()[:11] == "javascript:"
            ):
                self.found.append(f"line {line}: a javascript: address on <{tag}>")
        script_type = (dict(attrs).get("type") or "").strip().lower()
        if tag == "script" and script_type not in DATA_TYPES:
            self._script_line = line
            self._script_text = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script_line = None

    def handle_data(self, data: str) -> None:
        if self._script_line is not None:
            self._script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_line is not None:
            if self._script_text.strip():
                self.found.append(f"line {self._script_line}: a <script> with a body")
            self._script_line = None


def inline_code(html: str) -> list[str]:
    """Where ``html`` holds inline style or script, one line each; empty when it holds none."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
