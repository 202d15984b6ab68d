"""Requirements gathering as data: the questions the team answers and the rules that read them.

Questions and rules live in TOML next to the criteria so consultants can change what is asked
and how answers move weights without touching code. Every rule says why, and where the idea
comes from, so each weight in a recommendation can be traced back to an answer and a source.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from selector.domain.base import Name, Note, Number, Reasonable, Strict
from selector.domain.criteria import Identifier

QuestionKind = Literal["choice", "multi", "number", "boolean", "text"]
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

    @model_validator(mode="after")
    def _choices_for_choice_kinds(self) -> Question:
        if self.kind in ("choice", "multi") and len(self.choices) < 2:
            raise ValueError(f"a {self.kind!r} question needs at least two choices")
        if self.kind not in ("choice", "multi") and self.choices:
            raise ValueError(f"a {self.kind!r} question takes no choices")
        return self


class Condition(Strict):
    """When a rule fires: one answer compared with a value. All conditions of a rule must hold."""

    question: Identifier
    equals: Annotated[str | int | float | bool, Reasonable] | None = None
    one_of: list[str] | None = None
    contains: str | None = None
    at_most: Number | None = None
    at_least: Number | None = None

    @model_validator(mode="after")
    def _exactly_one_test(self) -> Condition:
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
    """Make a threshold on a criterion a knock-out (minimum for benefit, maximum for cost)."""

    criterion: Identifier
    threshold: Number


class KnockOutEffect(Strict):
    """Rule a kind of solution out altogether (e.g. building in-house with no developers)."""

    solution_type: Literal["outsourced", "off_the_shelf", "custom", "bespoke"]


class Rule(Strict):
    """If the answers say this, then weights and must-haves change, for this reason."""

    id: Identifier
    when: list[Condition] = Field(min_length=1)
    weights: list[WeightEffect] = Field(default_factory=list)
    must_haves: list[MustHaveEffect] = Field(default_factory=list)
    knock_out: list[KnockOutEffect] = Field(default_factory=list)
    explanation: Annotated[Note, Field(min_length=10)]
    source: Note = ""

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        if not (self.weights or self.must_haves or self.knock_out):
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
