"""Reading the team's answers: which rules fire, and what is still unanswered."""

from __future__ import annotations

from dataclasses import dataclass

from selector.domain.project import AnswerValue, Project
from selector.domain.questions import Condition, Question, Questionnaire, Rule


@dataclass(frozen=True)
class FiredRule:
    rule: Rule
    because: str  # the answers that made it fire, in words


def holds(condition: Condition, answer: AnswerValue | None) -> bool:
    """Whether one answer satisfies one condition; an unanswered question never does."""
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
    if isinstance(value, int | float):
        text = f"{value:,.0f}" if abs(value) >= 10_000 and value == int(value) else f"{value:g}"
        return f"{text} {question.unit}".strip()
    return labels.get(value, value)


def fired_rules(questionnaire: Questionnaire, project: Project) -> list[FiredRule]:
    """The rules whose every condition holds, in catalog order (deterministic)."""
    questions = {q.id: q for q in questionnaire.questions}
    out: list[FiredRule] = []
    for rule in questionnaire.rules:
        if all(holds(c, project.answers.get(c.question)) for c in rule.when):
            parts = [
                f"{_short(questions.get(c.question), c.question)}: "
                f"{describe_answer(questions.get(c.question), project.answers[c.question])}"
                for c in rule.when
            ]
            out.append(FiredRule(rule, "; ".join(parts)))
    return out


def _short(question: Question | None, fallback: str) -> str:
    if question is None:
        return fallback
    return question.label or question.text.rstrip("?").rstrip()


def unanswered(questionnaire: Questionnaire, project: Project) -> list[Question]:
    return [q for q in questionnaire.questions if q.id not in project.answers]
