"""The one place the UI asks the advisor for anything computed.

The TUI computes no scores: every number on screen comes from `advise`, `stakeholder_view` or
`next_pair`, and every cited source goes through `cite`. Keeping the imports here lets the rest
of the UI stay unaware of how the advisor is packaged.
"""

from __future__ import annotations

from selector.advisor import advise, cite, next_pair, stakeholder_view

__all__ = ["advise", "cite", "next_pair", "stakeholder_view"]
