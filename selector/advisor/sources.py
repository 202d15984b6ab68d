"""Readable citations for the source documents the questions and rules rest on.

Catalogs cite the five source documents by file name (`002_cdc28874619e9642.txt`), which is
precise for a consultant and meaningless to a decision maker; everything the advisor hands to a
view cites them by what they are instead. Web addresses are left as they are.
"""

from __future__ import annotations

import re

SOURCE_DOCUMENTS = {
    "000": "Swedish article on why CRM projects fail and how to succeed",
    "001": "Chinese article on ten key factors for CRM success",
    "002": "Danish article on the four kinds of CRM system (after Business Link)",
    "003": "English article on the steps of a CRM implementation",
    "004": "English article on CRM as a strategy, data quality and planning",
}

_SEED = re.compile(r"(?:seed:)?(00[0-4])_[0-9a-f]{16}\.txt")


def cite(source: str) -> str:
    """`seed:002_….txt` or `002_….txt`, anywhere in `source`, → a readable citation."""
    return _SEED.sub(lambda m: f"{SOURCE_DOCUMENTS[m.group(1)]} (source {m.group(1)})", source)
