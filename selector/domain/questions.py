"""Requirements gathering as data: the questions the team answers and the rules that read them.

Questions and rules live in TOML next to the criteria so consultants can change what is asked
and how answers move weights without touching code. Every rule says why, and where the idea
comes from, so each weight in a recommendation can be traced back to an answer and a source.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from selector.domain.base import Name, Note, Number, Reasonable, Strict
from selector.domain.criteria import Identifier
from selector.domain.vendors import SystemKind

QuestionKind = Literal["choice", "multi", "number", "boolean", "text", "date"]
Section = Literal["context", "integration"]


class Choice(Strict):
    value: Identifier
    label: Annotated[Name, Field(min_length=1)]


class Question(Strict):
    """A question put to the team, with the reason it matters shown next to it."""

    id: Identifier
    label: Name = ""
    """A few words naming the question in reasons ("Go-live deadline"); defaults to the text."""
    section: Section
    text: Annotated[Note, Field(min_length=5)]
    why: Annotated[Note, Field(min_length=5)]
    kind: QuestionKind
    choices: list[Choice] = Field(default_factory=list)
    unit: Name = ""
    minimum: Number | None = None
    maximum: Number | None = None
    source: Note = ""
    answered_by: Annotated[
        str, Field(pattern=r"^(|business_areas|readiness:[a-z][a-z0-9_]*)$")
    ] = ""
    """Where the answer comes from when the team has already said it elsewhere, so it is not
    asked twice: `business_areas` (the ids of the business areas in scope) or
    `readiness:ITEM` (yes when that readiness item is answered yes or partly)."""

    @model_validator(mode="after")
    def _choices_for_choice_kinds(self) -> Question:
        if self.kind in ("choice", "multi") and len(self.choices) < 2:
            raise ValueError(f"a {self.kind!r} question needs at least two choices")
        if self.kind not in ("choice", "multi") and self.choices:
            raise ValueError(f"a {self.kind!r} question takes no choices")
        return self


class Condition(Strict):
    """When a rule fires: one answer compared with a value, or a kind of system the team must
    integrate (`has_system = "erp"`). All conditions of a rule must hold."""

    question: Identifier | None = None
    equals: Annotated[str | int | float | bool, Reasonable] | None = None
    one_of: list[str] | None = None
    contains: str | None = None
    at_most: Number | None = None
    at_least: Number | None = None
    has_system: SystemKind | None = None

    @model_validator(mode="after")
    def _exactly_one_test(self) -> Condition:
        if self.has_system is not None:
            if self.question is not None or any(
                t is not None
                for t in (self.equals, self.one_of, self.contains, self.at_most, self.at_least)
            ):
                raise ValueError("`has_system` stands alone: no question, no other test")
            return self
        if self.question is None:
            raise ValueError("a condition names a `question` (or tests `has_system`)")
        tests = [self.equals, self.one_of, self.contains, self.at_most, self.at_least]
        if sum(t is not None for t in tests) != 1:
            raise ValueError(
                "a condition needs exactly one of equals, one_of, contains, at_most, at_least"
            )
        return self


class WeightEffect(Strict):
    """Multiply a criterion's (or a whole group's) weight: >1 raises it, <1 lowers it."""

    target: Identifier
    factor: float = Field(gt=0, le=10)


class MustHaveEffect(Strict):
    """Make a threshold on a criterion a knock-out (minimum for benefit, maximum for cost).

    The line is either fixed (`threshold`) or derived from a number the team gave
    (`from_answer`): that number times `times`, or, with `steps`, the level of the last step
    whose lower bound the number reaches ([[0, 2], [1, 3], [5, 4]]: no developers → level 2,
    1–4 → level 3, 5 or more → level 4). The derivation is shown in the trace.
    """

    criterion: Identifier
    threshold: Number | None = None
    from_answer: Identifier | None = None
    times: Number | None = Field(default=None, gt=0, le=100)
    steps: list[list[Number]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fixed_or_derived(self) -> MustHaveEffect:
        if (self.threshold is None) == (self.from_answer is None):
            raise ValueError("give either a fixed `threshold` or `from_answer` to derive it from")
        if self.from_answer is None and (self.times is not None or self.steps):
            raise ValueError("`times` and `steps` derive a threshold `from_answer`")
        if self.from_answer is not None and (self.times is None) == (not self.steps):
            raise ValueError("derive the threshold with either `times` or `steps`, not both")
        previous = None
        for step in self.steps:
            if len(step) != 2:
                raise ValueError("each step is [lowest answer, threshold]")
            if previous is not None and step[0] <= previous:
                raise ValueError("steps must rise: each lowest answer above the one before")
            previous = step[0]
        return self


FactName = Literal[
    "deployment",
    "run_by",
    "data_location",
    "licence",
    "api_styles",
    "identity_standards",
    "hosting_regions",
    "languages",
    "certifications",
    "integrations",
    "modules",
]
"""The vendor facts a must-have can require. `run_by` (provider, partner, customer) and
`data_location` (hosting regions, plus `own_infrastructure` when the customer runs it) are
derived from the deployment and hosting regions."""


class FactRequirement(Strict):
    """A must-have on a listed vendor fact: "identity standards include SAML".

    `includes` must all be listed; of `any_of` at least one. `$country` stands for the
    organisation's own country. When the offering's list does not say (unknown fact, or an
    incomplete list), the fact is *not evidenced*: `not_evidenced` decides whether that excludes.
    """

    fact: FactName
    includes: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list
    )
    any_of: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list
    )
    not_evidenced: Literal["exclude", "keep"] = "keep"

    @model_validator(mode="after")
    def _says_something(self) -> FactRequirement:
        if not (self.includes or self.any_of):
            raise ValueError("a fact must-have needs `includes` or `any_of`")
        return self

    @property
    def claim_key(self) -> str:
        """The name a vendor's answer to this must-have is recorded under in the project's
        claims: `fact:languages=sv+da`, `fact:api_styles~rest/odata` (`=` all of, `~` any of)."""
        key = f"{FACT_CLAIM_PREFIX}{self.fact}"
        if self.includes:
            key += "=" + "+".join(self.includes)
        if self.any_of:
            key += "~" + "/".join(self.any_of)
        return key


FACT_CLAIM_PREFIX = "fact:"
FACT_ANSWER_VALUES = {"yes": 1.0, "partly": 0.5, "no": 0.0}
"""A vendor's answer to a fact must-have, as a claim's value."""


def claimed_fact(key: str) -> str | None:
    """The fact a claim key names (`fact:languages=sv+da` → `languages`), else None."""
    if not key.startswith(FACT_CLAIM_PREFIX):
        return None
    name = re.split(r"[=~]", key[len(FACT_CLAIM_PREFIX):], maxsplit=1)[0]
    return name if name in get_args(FactName) else None


class KnockOutEffect(Strict):
    """Rule a kind of solution out altogether (e.g. building in-house with no developers)."""

    solution_type: Literal["outsourced", "off_the_shelf", "custom", "bespoke"]


class Rule(Strict):
    """If the answers say this, then weights and must-haves change, for this reason."""

    id: Identifier
    when: list[Condition] = Field(min_length=1)
    weights: list[WeightEffect] = Field(default_factory=list)
    must_haves: list[MustHaveEffect] = Field(default_factory=list)
    facts: list[FactRequirement] = Field(default_factory=list)
    knock_out: list[KnockOutEffect] = Field(default_factory=list)
    explanation: Annotated[Note, Field(min_length=10)]
    source: Note = ""

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        if not (self.weights or self.must_haves or self.facts or self.knock_out):
            raise ValueError("a rule must change a weight, set a must-have or knock something out")
        return self


class ReadinessItem(Strict):
    """A checklist item that, left undone, is a known way for CRM projects to fail."""

    id: Identifier
    text: Annotated[Note, Field(min_length=5)]
    why: Annotated[Note, Field(min_length=5)]
    risk: Annotated[Note, Field(min_length=5)]
    action: Annotated[Note, Field(min_length=5)]
    weight: float = Field(default=1.0, gt=0, le=5)
    owner: Annotated[str, Field(max_length=100)] = ""
    """Who typically owns the action (a role: "executive sponsor", "IT architect")."""
    source: Annotated[Note, Field(min_length=3)]


class Questionnaire(Strict):
    """Everything asked of a team: context questions, rules, and the readiness checklist."""

    questions: list[Question] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    readiness: list[ReadinessItem] = Field(default_factory=list)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)
