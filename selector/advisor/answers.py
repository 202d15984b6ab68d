"""Reading the team's answers: what they say, what follows from them, and which rules fire.

Some answers are derived: a go-live *date* becomes the number of weeks from the project's date
(so rules on weeks keep working), and the team's list of systems answers "which kinds of system
must be integrated". Each derived answer carries the sentence that says how it was derived, so
the trace of a rule shows the team's own facts.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from selector.advisor import wording
from selector.domain.project import AnswerValue, Project
from selector.domain.questions import Condition, MustHaveEffect, Question, Questionnaire, Rule


@dataclass(frozen=True)
class Answer:
    value: AnswerValue
    text: str  # the answer as the team would say it, with a derivation where there is one


@dataclass(frozen=True)
class FiredRule:
    rule: Rule
    because: str  # the answers that made it fire, in words


def answers(questionnaire: Questionnaire, project: Project, as_of: dt.date) -> dict[str, Answer]:
    """Every answer the rules may read, the derived ones included."""
    questions = {q.id: q for q in questionnaire.questions}
    out = {
        qid: Answer(value, describe_answer(questions.get(qid), value))
        for qid, value in project.answers.items()
        if not (isinstance(value, float) and not math.isfinite(value))
    }
    for q in questionnaire.questions:
        if q.id not in out and q.answered_by:
            derived = _answered_elsewhere(q, project)
            if derived is not None:
                out[q.id] = derived
    date = project.answers.get("go_live_date")
    if isinstance(date, dt.date) and "go_live_weeks" not in project.answers:
        weeks = max(0, math.ceil((date - as_of).days / 7))
        out["go_live_weeks"] = Answer(weeks, wording.derived_weeks(weeks, date, as_of))
    return out


def _answered_elsewhere(question: Question, project: Project) -> Answer | None:
    """An answer the team gave in another part of the project (business areas, readiness)."""
    if question.answered_by == "business_areas":
        choices = {c.value for c in question.choices}
        areas = [a for a in project.business_areas if a.in_scope and a.id in choices]
        if not areas:
            return None
        return Answer([a.id for a in areas], wording.from_business_areas([a.name for a in areas]))
    item = question.answered_by.removeprefix("readiness:")
    answer = project.readiness.get(item)
    if answer is None or answer == "unknown":
        return None
    return Answer(answer in ("yes", "partly"), wording.from_readiness(answer))


def holds(condition: Condition, answer: AnswerValue | None, project: Project) -> bool:
    """Whether one condition holds; an unanswered question never does."""
    if condition.has_system is not None:
        return any(s.kind == condition.has_system for s in project.systems)
    if answer is None:
        return False
    if condition.equals is not None:
        return answer == condition.equals
    if condition.one_of is not None:
        return isinstance(answer, str) and answer in condition.one_of
    if condition.contains is not None:
        return isinstance(answer, list) and condition.contains in answer
    is_number = isinstance(answer, int | float) and not isinstance(answer, bool)
    if condition.at_most is not None:
        return is_number and answer <= condition.at_most  # type: ignore[operator]
    if condition.at_least is not None:
        return is_number and answer >= condition.at_least  # type: ignore[operator]
    return False


def describe_answer(question: Question | None, value: AnswerValue) -> str:
    """An answer as the team would say it: choice labels rather than ids, units on numbers."""
    if question is None:
        return str(value)
    labels = {c.value: c.label for c in question.choices}
    if isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return f"{wording.number(value)} {question.unit}".strip()
    return labels.get(value, value)


def short_label(question: Question | None, fallback: str) -> str:
    if question is None:
        return fallback
    return question.label or question.text.rstrip("?").rstrip()


def fired_rules(
    questionnaire: Questionnaire, project: Project, given: dict[str, Answer]
) -> list[FiredRule]:
    """The rules whose every condition holds, in catalog order (deterministic)."""
    questions = {q.id: q for q in questionnaire.questions}
    out: list[FiredRule] = []
    for rule in questionnaire.rules:
        if not all(
            holds(c, given[c.question].value if c.question in given else None, project)
            for c in rule.when
        ):
            continue
        parts = []
        for c in rule.when:
            if c.has_system is not None:
                parts.append(wording.systems_of_kind(project.systems, c.has_system))
            else:
                parts.append(
                    f"{short_label(questions.get(c.question), c.question)}: "
                    f"{wording.clause(given[c.question].text)}"
                )
        out.append(FiredRule(rule, "; ".join(dict.fromkeys(parts))))
    return out


@dataclass(frozen=True)
class DerivedThreshold:
    threshold: float
    how: str  # how the line follows from the team's number, in words


def derive_threshold(
    effect: MustHaveEffect, given: dict[str, Answer], questions: dict[str, Question]
) -> DerivedThreshold | None:
    """The must-have line a rule sets: fixed, or worked out from one of the team's numbers."""
    if effect.threshold is not None:
        return DerivedThreshold(effect.threshold, "")
    answer = given.get(effect.from_answer or "")
    if answer is None or isinstance(answer.value, bool) or not isinstance(
        answer.value, int | float
    ):
        return None
    number = float(answer.value)
    question = questions.get(effect.from_answer or "")
    label = short_label(question, effect.from_answer or "")
    plain = f"{wording.number(number)} {question.unit if question else ''}".strip()
    if effect.times is not None:
        line = number * effect.times
        return DerivedThreshold(line, wording.derived_times(label, plain, effect.times))
    chosen = None
    for k, (lowest, level) in enumerate(effect.steps):
        if number >= lowest:
            upper = effect.steps[k + 1][0] if k + 1 < len(effect.steps) else None
            chosen = (lowest, upper, level)
    if chosen is None:
        return None
    lowest, upper, level = chosen
    return DerivedThreshold(level, wording.derived_step(label, plain, lowest, upper))


def unanswered(questionnaire: Questionnaire, project: Project) -> list[Question]:
    """Questions with no answer; a question answered through another (a date for weeks) counts
    as answered."""
    given = set(answers(questionnaire, project, dt.date(2000, 1, 1)))
    # the deadline is one question asked two ways: weeks or a date; ask it once
    given.add("go_live_date")
    return [q for q in questionnaire.questions if q.id not in given]
