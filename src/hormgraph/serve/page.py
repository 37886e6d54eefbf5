"""The query page: page.html beside this module, filled with the bundled queries."""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from string import Template

from hormgraph.query import PREFIX_IRIS, bundled_queries

#: Where the endpoint answers, and where the page sends its queries.
ENDPOINT = "/sparql"


def query_page() -> str:
    """The query page: a form, the bundled queries to start from, results as a table; no
    external scripts, styles or fonts, so it works offline."""
    bundled = {name: {"question": q.question, "text": q.text}
               for name, q in bundled_queries().items()}
    return _template().substitute(
        endpoint=ENDPOINT.lstrip("/"),
        prefixes=escape(", ".join(f"{name}:" for name in PREFIX_IRIS)),
        bundled=_script_json(bundled),
        namespaces=_script_json(PREFIX_IRIS),
    )


def _script_json(value: object) -> str:
    # Escaping "<" keeps the data from closing its <script> element.
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _template() -> Template:
    return Template(files("hormgraph.serve").joinpath("page.html").read_text(encoding="utf-8"))
