"""Readable citations for the source documents the questions and rules rest on.

Catalogs cite the five source documents by file name (`002_cdc28874619e9642.txt`), which is
precise for a consultant and meaningless to a decision maker; everything the advisor hands to a
view cites them by what they are instead. Web addresses are left as they are.
"""

from __future__ import annotations

import re

SOURCE_DOCUMENTS = {
    "000": "Swedish article on CRM success factors",
    "001": "Chinese article on ten CRM key factors",
    "002": "Danish article on four kinds of CRM",
    "003": "English article on CRM implementation steps",
    "004": "English article on CRM strategy and data",
}

_SEED = re.compile(r"(?:seed:)?(00[0-4])_[0-9a-f]{16}\.txt")


def cite(source: str) -> str:
    """`seed:002_….txt` or `002_….txt`, anywhere in `source`, → a readable citation."""
    return _SEED.sub(lambda m: f"{SOURCE_DOCUMENTS[m.group(1)]} ({m.group(1)})", source)
