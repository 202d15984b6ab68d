"""The criteria library: what every candidate is judged on.

Ordinal criteria carry a descriptor for every level so that two evaluators mean the same thing
by "3"; quantitative criteria carry a unit and a value function so that a price or a number of
weeks becomes a comparable value between 0 (worst acceptable) and 1 (best).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from selector.domain.base import Name, Note, Number, Strict

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=64)]

Need = Literal[
    "openness",
    "modularity",
    "integration",
    "functional_fit",
    "cost",
    "time",
    "capability",
    "control_data",
    "vendor_viability",
    "security_compliance",
    "adoption_training",
    "data_quality_migration",
]
"""The tags a criterion can carry. The first three are the needs the users named first-class."""

FIRST_CLASS_NEEDS: tuple[Need, ...] = ("openness", "modularity", "integration")

Direction = Literal["benefit", "cost"]


class OrdinalScale(Strict):
    """A 0–5 scale with one descriptor per level, level 0 first."""

    kind: Literal["ordinal"]
    levels: list[Annotated[Note, Field(min_length=3)]] = Field(min_length=6, max_length=6)

    @property
    def low(self) -> float:
        return 0.0

    @property
    def high(self) -> float:
        return float(len(self.levels) - 1)

    def describe(self, value: float) -> str:
        """A value as a reader says it: "level 3"."""
        return f"level {value:g}"

    def unit_text(self) -> str:
        return f"level {self.low:g}–{self.high:g}"

    def descriptor(self, value: float) -> str:
        """The level's sentence, for the nearest whole level."""
        return self.levels[int(round(min(self.high, max(self.low, value))))]


class QuantitativeScale(Strict):
    """A measured quantity with a unit, turned into a value by a piecewise-linear function.

    `worst` and `best` bound the value function: anything at or beyond `worst` is worth 0, at or
    beyond `best` worth 1. Optional `points` bend the line (e.g. the first weeks of delay cost
    little, later ones a lot); each point is [quantity, value in 0..1].
    """

    kind: Literal["quantitative"]
    unit: Annotated[Name, Field(min_length=1)]
    worst: Number
    best: Number
    points: list[list[Number]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _bounds_differ(self) -> QuantitativeScale:
        if self.worst == self.best:
            raise ValueError("worst and best must differ, otherwise every value scores the same")
        low, high = sorted((self.worst, self.best))
        previous = 0.0
        for point in sorted(self.points, key=lambda p: abs(p[0] - self.worst) if p else 0):
            if len(point) != 2:
                raise ValueError("each value-function point is [quantity, value]")
            if not 0.0 <= point[1] <= 1.0:
                raise ValueError(f"value-function point {point}: the value must be within 0..1")
            if not low < point[0] < high:
                raise ValueError(f"value-function point {point}: the quantity must lie between "
                                 f"worst ({self.worst:g}) and best ({self.best:g})")
            if point[1] < previous:
                raise ValueError(f"value-function point {point}: values must rise from worst "
                                 "towards best")
            previous = point[1]
        return self

    def midpoint(self) -> float:
        """The quantity worth 0.5: what an unscored candidate counts as."""
        a, b = self.worst, self.best
        for _ in range(60):
            middle = (a + b) / 2
            if self.value(middle) < 0.5:
                a = middle
            else:
                b = middle
        return (a + b) / 2

    @property
    def low(self) -> float:
        return min(self.worst, self.best)

    @property
    def high(self) -> float:
        return max(self.worst, self.best)

    def describe(self, value: float) -> str:
        """A quantity with its unit and thousands separators: "12 weeks"; a money unit puts
        the currency first: "EUR 1,070 per user-year"."""
        currency, _, rest = self.unit.partition(" ")
        if len(currency) == 3 and currency.isupper() and currency.isalpha() and rest:
            return f"{currency} {format_number(value)} {rest}"
        return f"{format_number(value)} {self.unit}"

    def unit_text(self) -> str:
        return self.unit

    def value(self, quantity: float) -> float:
        """Value in 0..1 of a quantity, clamped at the bounds."""
        xs = [self.worst, *(p[0] for p in self.points), self.best]
        ys = [0.0, *(p[1] for p in self.points), 1.0]
        pairs = sorted(zip(xs, ys, strict=True))
        if quantity <= pairs[0][0]:
            return pairs[0][1]
        if quantity >= pairs[-1][0]:
            return pairs[-1][1]
        for (x0, y0), (x1, y1) in zip(pairs, pairs[1:], strict=False):
            if x0 <= quantity <= x1:
                if x1 == x0:
                    return y1
                return y0 + (y1 - y0) * (quantity - x0) / (x1 - x0)
        return pairs[-1][1]


Scale = Annotated[OrdinalScale | QuantitativeScale, Field(discriminator="kind")]


def format_number(value: float) -> str:
    """Numbers as a report prints them: thousands separators, no needless decimals,
    a real minus sign."""
    if value == int(value) or abs(value) >= 100:
        text = f"{abs(value):,.0f}"
    else:
        text = f"{abs(value):,.2f}".rstrip("0").rstrip(".")
    return ("−" if value < 0 else "") + text


class Criterion(Strict):
    """One thing candidates are compared on, described in the user's words."""

    id: Identifier
    name: Annotated[Name, Field(min_length=2)]
    description: Annotated[Note, Field(min_length=10)]
    direction: Direction
    tags: list[Need] = Field(min_length=1)
    scale: Scale
    examples: list[Note] = Field(default_factory=list)
    computed: Literal["licence_per_user_month", "total_per_user_year"] | None = None
    """Set for criteria whose value the cost model works out for the team's own seats and
    horizon from an offering's prices and cost estimate; vendor files do not score them."""

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: list[Need]) -> list[Need]:
        if len(set(tags)) != len(tags):
            raise ValueError("a tag is listed twice")
        return tags

    @model_validator(mode="after")
    def _scale_agrees_with_direction(self) -> Criterion:
        scale = self.scale
        if isinstance(scale, QuantitativeScale):
            if self.direction == "cost" and scale.worst < scale.best:
                raise ValueError("a cost criterion's scale needs worst above best (less is better)")
            if self.direction == "benefit" and scale.worst > scale.best:
                raise ValueError("a benefit criterion's scale needs worst below best "
                                 "(more is better)")
        return self

    def in_range(self, value: float) -> bool:
        """Whether a score lies on this criterion's scale (quantities may not be negative)."""
        if isinstance(self.scale, OrdinalScale):
            return self.scale.low <= value <= self.scale.high
        return value >= 0.0

    def describe(self, value: float) -> str:
        """A value on this criterion's scale, as every view shows it."""
        return self.scale.describe(value)

    def threshold_text(self, threshold: float) -> str:
        """A must-have line in words: "at least level 3", "at most 12 weeks"."""
        bound = "at least" if self.direction == "benefit" else "at most"
        return f"{bound} {self.scale.describe(threshold)}"

    def scale_text(self) -> str:
        """What the scale is, for a message: "the 0–5 scale", "EUR per user-month (not
        negative)"."""
        if isinstance(self.scale, OrdinalScale):
            return f"the {self.scale.low:g}–{self.scale.high:g} scale"
        return f"the scale of {self.scale.unit} (not negative)"


class CriteriaGroup(Strict):
    """A branch of the criteria tree; stakeholders weight groups, requirements weight criteria."""

    id: Identifier
    name: Annotated[Name, Field(min_length=2)]
    description: Annotated[Note, Field(min_length=10)]
    order: int = Field(default=100, ge=0)
    """Where the group appears in the tree (lower first); ties sort by id."""
    criteria: list[Criterion] = Field(min_length=1)


class CriteriaLibrary(Strict):
    """The whole tree, as assembled from every criteria file of every catalog."""

    groups: list[CriteriaGroup]

    def criteria(self) -> list[Criterion]:
        return [c for g in self.groups for c in g.criteria]

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria():
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def group_of(self, criterion_id: str) -> CriteriaGroup:
        for g in self.groups:
            if any(c.id == criterion_id for c in g.criteria):
                return g
        raise KeyError(criterion_id)

    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria()]

    def group_ids(self) -> list[str]:
        return [g.id for g in self.groups]
