"""Step 3 · Needs & requirements: MoSCoW per criterion, must-have lines, and who asked.

A must-have is a knock-out, so its threshold is entered on the criterion's own scale and the
level descriptor is shown as it is typed: "at least level 3" must mean the same to everyone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Input,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    Tree,
)

from selector.catalog.fact_values import allowed_values, fact_value_problem
from selector.domain import Criterion, NeedItem, OrdinalScale, Requirement
from selector.domain.project import FactMustHave
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.text import distinct_names, lit, said
from selector.tui.widgets.checklist import CheckList
from selector.tui.widgets.form import ConfirmScreen, FormField, FormScreen
from selector.tui.widgets.list_editor import ListEditor
from selector.tui.widgets.validation import Check, InRange, model_errors

PRIORITIES = (("must", "Must"), ("should", "Should"), ("could", "Could"), ("wont", "Won't"))
BADGE = {"must": ("M", "bold red"), "should": ("S", "yellow"), "could": ("C", "cyan"),
         "wont": ("W", "dim")}


def scale_range(criterion: Criterion) -> tuple[float | None, float | None]:
    if isinstance(criterion.scale, OrdinalScale):
        return 0.0, 5.0
    return 0.0, None


def threshold_words(criterion: Criterion, threshold: float | None) -> Text:
    """What a threshold means on the criterion's scale, in words (shown next to the field)."""
    if threshold is None:
        return Text("No threshold: the criterion only weighs in the score.", style="dim")
    side = "at least" if criterion.direction == "benefit" else "at most"
    scale = criterion.scale
    if isinstance(scale, OrdinalScale):
        level = math.ceil(threshold) if criterion.direction == "benefit" else math.floor(threshold)
        level = max(0, min(5, level))
        return Text.assemble((f"{side} level {threshold:g}: ", "bold"), scale.levels[level])
    return Text.assemble((f"{side} {threshold:g} {scale.unit}", "bold"))


class CriteriaTree(Tree):
    """The criteria by group; m/s/c/w set the highlighted criterion's priority from here.

    Labels longer than the tree is wide end in "…" (a Tree would cut them off silently).
    """

    BINDINGS = [
        Binding("m", "priority('must')", "Must"),
        Binding("s", "priority('should')", "Should"),
        Binding("c", "priority('could')", "Could"),
        Binding("w", "priority('wont')", "Won't"),
    ]

    @dataclass
    class PrioritySet(Message):
        criterion_id: str
        priority: str

    @dataclass
    class Resized(Message):
        pass

    def action_priority(self, value: str) -> None:
        node = self.cursor_node
        if node is None or not node.data:
            self.app.notify("Move to a criterion (not a group) to set its priority.",
                            markup=False)
            return
        self.post_message(self.PrioritySet(str(node.data), value))

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def label_width(self, depth: int = 1) -> int:
        """Cells a label at `depth` may use: the width less the guides and the scrollbar."""
        return max(8, self.size.width - 4 * depth - 4)


class NeedsStep(Step):
    number = 3
    focus_names: ClassVar[dict[str, str]] = {
        "criteria-tree": "the criteria tree", "priority": "the priority",
        "threshold": "the must-have threshold", "requested-by": "who asked for it",
        "req-note": "the note", "needs": "the needs list"}

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self.criterion_id: str | None = None
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static(Text("3 · Needs & requirements", style="bold"), classes="step-title")
        with TabbedContent(id="needs-tabs"):
            with TabPane("Criteria", id="tab-criteria"), Horizontal(classes="columns"):
                yield CriteriaTree("Criteria", id="criteria-tree")
                with VerticalScroll(id="criterion-detail"):
                    yield Static("", id="crit-name", classes="detail-title")
                    yield Static("", id="crit-desc")
                    yield Static(Text("Priority", style="bold"), classes="field-label")
                    with RadioSet(id="priority"):
                        for value, label in PRIORITIES:
                            yield RadioButton(label, id=f"prio-{value}")
                    yield Static(Text("Must-have threshold", style="bold"),
                                 classes="field-label")
                    yield Input(id="threshold", placeholder="on the criterion's scale",
                                compact=True)
                    yield Static("", id="threshold-words")
                    yield Static("", id="threshold-error", classes="field-error")
                    yield Static(Text("Who asked for it", style="bold"), classes="field-label")
                    yield CheckList(id="requested-by", classes="form-multi")
                    yield Static(Text("Note", style="bold"), classes="field-label")
                    yield Input(id="req-note", placeholder="why it matters to the team",
                                compact=True)
            with TabPane("Must-haves on facts", id="tab-facts"):
                yield ListEditor("Facts every offering must list",
                                 ["Fact", "Must list", "Not evidenced", "Asked by"],
                                 empty="A must-have on a vendor fact (a): \"identity standards "
                                       "include SAML\", \"hosted in the EU\", \"a Swedish UI\", "
                                       "\"a connector for our ERP\". Checked per offering.",
                                 fit=(1.6, 2.6, 1.3, 1.6), id="fact-musts")
                yield Static("", id="fact-musts-note", classes="muted")
            with TabPane("Needs list", id="tab-needs"):
                yield ListEditor("Functions to automate",
                                 ["Function", "Business area", "Requested by", "Criterion"],
                                 empty="List the functions each area wants automated (a), and "
                                       "who asked for each.", fit=(3.0, 2.0, 2.0, 2.0),
                                 id="needs")

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        self._fill_tree()
        self._fill_needs()
        self._fill_fact_musts()
        self._show_detail()

    def _label(self, criterion: Criterion) -> Text:
        req = self.session.project.requirements.get(criterion.id)
        priority = req.priority if req else "should"
        badge, style = BADGE[priority]
        suffix = Text()
        if req and req.priority == "must" and req.threshold is not None:
            suffix.append(f" ≥{req.threshold:g}" if criterion.direction == "benefit"
                          else f" ≤{req.threshold:g}", style="red")
        if req and req.priority == "must" and req.threshold is None:
            suffix.append(" ⚠ no threshold", style="bold red")
        width = self.query_one(CriteriaTree).label_width()
        name = Text(criterion.name)
        room = width - 4 - suffix.cell_len
        if name.cell_len > room:
            name.truncate(max(3, room), overflow="ellipsis")
        return Text.assemble((f"[{badge}] ", style), name, suffix)

    @on(CriteriaTree.Resized)
    def _resized(self) -> None:
        self._fill_tree()

    @on(CriteriaTree.PrioritySet)
    def _priority_key(self, event: CriteriaTree.PrioritySet) -> None:
        self.set_priority(event.criterion_id, event.priority)

    def _fill_tree(self) -> None:
        tree = self.query_one("#criteria-tree", Tree)
        library = self.session.catalog.library
        if tree.root.children and len(tree.root.children) == len(library.groups):
            room = tree.label_width(0)
            for group_node, group in zip(tree.root.children, library.groups, strict=True):
                name = Text(group.name, style="bold")
                if name.cell_len > room:
                    name.truncate(room, overflow="ellipsis")
                group_node.set_label(name)
                for node in group_node.children:
                    node.set_label(self._label(library.criterion(str(node.data))))
            return
        tree.clear()
        tree.show_root = False
        room = tree.label_width(0)
        for i, group in enumerate(library.groups):
            name = Text(group.name, style="bold")
            if name.cell_len > room:
                name.truncate(room, overflow="ellipsis")
            node = tree.root.add(name, data=None, expand=i == 0)
            for criterion in group.criteria:
                node.add_leaf(self._label(criterion), data=criterion.id)
        tree.root.expand()
        if self.criterion_id is None and library.groups:
            self.criterion_id = library.groups[0].criteria[0].id
            # the cursor starts on the criterion the detail pane shows, so m/s/c/w act on it
            first = tree.root.children[0].children[0]
            self.call_after_refresh(tree.move_cursor, first, animate=False)

    def _show_detail(self) -> None:
        cid = self.criterion_id
        detail = self.query_one("#criterion-detail")
        if cid is None:
            detail.display = False
            return
        detail.display = True
        criterion = self.session.catalog.library.criterion(cid)
        group = self.session.catalog.library.group_of(cid)
        req = self.session.project.requirements.get(cid) or Requirement()
        self._loading = True
        try:
            self.query_one("#crit-name", Static).update(
                Text.assemble((criterion.name, "bold"), (f"  ({group.name})", "dim")))
            unit = ("levels 0–5" if isinstance(criterion.scale, OrdinalScale)
                    else criterion.scale.unit)
            direction = "higher is better" if criterion.direction == "benefit" \
                else "lower is better"
            self.query_one("#crit-desc", Static).update(
                Text.assemble(criterion.description, (f"\nScale: {unit}, {direction}.", "dim")))
            self.query_one(f"#prio-{req.priority}", RadioButton).value = True
            low, high = scale_range(criterion)
            threshold = self.query_one("#threshold", Input)
            threshold.validators = [InRange(low, high)]
            threshold.value = "" if req.threshold is None else f"{req.threshold:g}"
            self.query_one("#threshold-words", Static).update(
                threshold_words(criterion, req.threshold))
            self._threshold_error("")
            people = self.query_one("#requested-by", SelectionList)
            people.clear_options()
            labels = distinct_names(self.session.project.stakeholders)
            people.add_options([(lit(labels[s.id]), s.id, s.id in req.requested_by)
                                for s in self.session.project.stakeholders])
            self.query_one("#req-note", Input).value = req.note
        finally:
            self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False

    def _fill_needs(self) -> None:
        p = self.session.project
        names = {s.id: s.name for s in p.stakeholders}
        areas = {a.id: a.name for a in p.business_areas}
        criteria = {c.id: c.name for c in self.session.catalog.library.criteria()}
        self.query_one("#needs", ListEditor).set_rows([
            (lit(n.function), lit(areas.get(n.business_area, n.business_area)),
             lit(", ".join(names.get(w, w) for w in n.requested_by)),
             lit(criteria.get(n.criterion or "", n.criterion or "")))
            for n in p.needs])

    # ----------------------------------------------------------------- requirement edits
    @on(Tree.NodeHighlighted, "#criteria-tree")
    def _highlight(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data and event.node.data != self.criterion_id:
            self.criterion_id = str(event.node.data)
            self._show_detail()

    def _update(self, **changes: object) -> None:
        assert self.criterion_id is not None
        p = self.session.project
        req = p.requirements.get(self.criterion_id) or Requirement()
        data = req.model_dump()
        data.update(changes)
        new = Requirement.model_validate(data)
        if new == (p.requirements.get(self.criterion_id) or Requirement()):
            return  # nothing changed (showing a criterion is not editing it)
        p.requirements = {**p.requirements, self.criterion_id: new}
        self.changed(f"requirement {self.criterion_id}")
        self._fill_tree()

    @on(RadioSet.Changed, "#priority")
    def _priority(self, event: RadioSet.Changed) -> None:
        if self._loading or self.criterion_id is None:
            return
        self._set_priority((event.pressed.id or "").removeprefix("prio-"))

    def set_priority(self, criterion_id: str, value: str) -> None:
        """Set a criterion's priority from the keyboard (m/s/c/w in the criteria tree)."""
        if criterion_id != self.criterion_id:
            self.criterion_id = criterion_id
            self._show_detail()
        self._loading = True
        try:
            self.query_one(f"#prio-{value}", RadioButton).value = True
        finally:
            self.call_after_refresh(self._loaded)
        self._set_priority(value)

    def _set_priority(self, value: str) -> None:
        self._update(priority=value)
        if value == "must":
            self._threshold_error("" if self._current_threshold() is not None else
                                  "a must-have needs a threshold (the line a candidate may not "
                                  "cross)")

    def _current_threshold(self) -> float | None:
        assert self.criterion_id is not None
        req = self.session.project.requirements.get(self.criterion_id)
        return req.threshold if req else None

    def _threshold_error(self, message: str) -> None:
        error = self.query_one("#threshold-error", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-shown")

    @on(Input.Changed, "#threshold")
    def _threshold_typing(self, event: Input.Changed) -> None:
        if self._loading or self.criterion_id is None:
            return
        criterion = self.session.catalog.library.criterion(self.criterion_id)
        raw = event.value.strip()
        if not raw:
            self._threshold_error("")
            self.query_one("#threshold-words", Static).update(threshold_words(criterion, None))
            return
        result = event.validation_result
        if result is not None and not result.is_valid:
            self._threshold_error("; ".join(result.failure_descriptions))
            return
        self._threshold_error("")
        self.query_one("#threshold-words", Static).update(
            threshold_words(criterion, float(raw)))

    @on(Input.Submitted, "#threshold")
    @on(Input.Blurred, "#threshold")
    def _threshold_commit(self, event: Input.Submitted | Input.Blurred) -> None:
        if self._loading or self.criterion_id is None:
            return
        raw = event.input.value.strip()
        if not raw:
            self._update(threshold=None)
            return
        result = event.input.validate(raw)
        if result is not None and not result.is_valid:
            return  # the problem is shown next to the field; the saved value stays
        self._update(threshold=float(raw))

    @on(SelectionList.SelectedChanged, "#requested-by")
    def _people(self, event: SelectionList.SelectedChanged) -> None:
        if self._loading or self.criterion_id is None:
            return
        self._update(requested_by=list(event.selection_list.selected))

    @on(Input.Submitted, "#req-note")
    @on(Input.Blurred, "#req-note")
    def _note(self, event: Input.Submitted | Input.Blurred) -> None:
        if self._loading or self.criterion_id is None:
            return
        self._update(note=event.input.value.strip())

    # ----------------------------------------------------------------- needs list
    @on(ListEditor.Add, "#needs")
    def _add_need(self, event: ListEditor.Add) -> None:
        self._need_form(None)

    @on(ListEditor.Edit, "#needs")
    def _edit_need(self, event: ListEditor.Edit) -> None:
        self._need_form(event.index)

    @on(ListEditor.Remove, "#needs")
    def _remove_need(self, event: ListEditor.Remove) -> None:
        p = self.session.project
        need = p.needs[event.index]

        def confirmed(yes: bool | None) -> None:
            if yes:
                p.needs = [n for i, n in enumerate(p.needs) if i != event.index]
                self.changed("need removed")
                self._fill_needs()

        self.app.push_screen(ConfirmScreen("Delete?", said(f"Delete the need {need.function}?"),
                                           yes="Delete", no="Keep"), confirmed)

    def _need_form(self, index: int | None) -> None:
        p = self.session.project
        old = p.needs[index] if index is not None else None
        fields = [
            FormField("function", "Function to automate", old.function if old else "",
                      required=True, placeholder="e.g. Pipeline forecasting by region",
                      validators=[Check(lambda v: len(v.strip()) >= 2,
                                        "at least 2 characters")]),
            FormField("business_area", "Business area", old.business_area if old else None,
                      kind="select", choices=[(a.name, a.id) for a in p.business_areas]),
            FormField("requested_by", "Requested by", old.requested_by if old else [],
                      kind="multi",
                      choices=[(label, sid)
                               for sid, label in distinct_names(p.stakeholders).items()]),
            FormField("criterion", "Criterion it depends on (optional)",
                      old.criterion if old else None, kind="select",
                      choices=[(c.name, c.id) for c in self.session.catalog.library.criteria()]),
        ]

        def clean(values: dict[str, object]) -> dict[str, object]:
            return {"function": values["function"],
                    "business_area": values["business_area"] or "",
                    "requested_by": values["requested_by"] or [],
                    "criterion": values["criterion"]}

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            item = NeedItem.model_validate(clean(values))
            if index is None:
                p.needs = [*p.needs, item]
            else:
                p.needs = [item if i == index else n for i, n in enumerate(p.needs)]
            self.changed("need")
            self._fill_needs()
            if index is None:
                self.query_one("#needs", ListEditor).select(len(p.needs) - 1)

        self.app.push_screen(FormScreen("Edit need" if old else "Add need", fields,
                                        check=lambda v: model_errors(NeedItem, clean(v))), done)

    # ----------------------------------------------------------------- fact must-haves
    def _fill_fact_musts(self) -> None:
        p = self.session.project
        words = advice.wording()
        names = distinct_names(p.stakeholders)
        rows = []
        for m in p.must_haves:
            required = words.fact_required(m.fact, m.includes, m.any_of)
            rows.append((words.FACT_NAMES.get(m.fact, m.fact), lit(required),
                         Text("excludes", style="red") if m.not_evidenced == "exclude"
                         else Text("kept, flagged", style="yellow"),
                         lit(", ".join(names.get(w, w) for w in m.requested_by))))
        self.query_one("#fact-musts", ListEditor).set_rows(rows)
        self.query_one("#fact-musts-note", Static).update(Text(
            "Checked against each offering's facts in the catalog: a fact the catalog lists "
            "without the value fails; a fact it does not state (or lists only in part) is "
            "\"not evidenced\", and the last column says what that does. Step 7 shows every "
            "offering these exclude and why; RFP answers (step 5) can settle what is not "
            "evidenced.", style="dim"))

    @on(ListEditor.Add, "#fact-musts")
    def _add_fact_must(self, event: ListEditor.Add) -> None:
        event.stop()
        words = advice.wording()
        facts = [(words.FACT_NAMES[f], f) for f in FACT_ORDER]

        def chosen(values: dict[str, object] | None) -> None:
            if values and values.get("fact"):
                self._fact_must_form(None, str(values["fact"]))

        self.app.push_screen(FormScreen(
            "Add a must-have on a fact", [FormField(
                "fact", "Which fact must every offering list?", "identity_standards",
                kind="select", required=True, choices=facts,
                help="Next: the values it must list, and what a fact the catalog does not "
                     "state does.")], submit_label="Next"), chosen)

    @on(ListEditor.Edit, "#fact-musts")
    def _edit_fact_must(self, event: ListEditor.Edit) -> None:
        event.stop()
        musts = self.session.project.must_haves
        if 0 <= event.index < len(musts):
            self._fact_must_form(event.index, musts[event.index].fact)

    @on(ListEditor.Remove, "#fact-musts")
    def _remove_fact_must(self, event: ListEditor.Remove) -> None:
        event.stop()
        p = self.session.project
        index = event.index
        if not 0 <= index < len(p.must_haves):
            return
        name = advice.wording().fact_question(p.must_haves[index].fact,
                                              p.must_haves[index].includes,
                                              p.must_haves[index].any_of)

        def confirmed(yes: bool | None) -> None:
            if yes:
                p.must_haves = [m for i, m in enumerate(p.must_haves) if i != index]
                self.changed("fact must-have removed")
                self._fill_fact_musts()

        self.app.push_screen(ConfirmScreen("Delete?", said(f"Delete the must-have “{name}”?"),
                                           yes="Delete", no="Keep"), confirmed)

    def _fact_must_form(self, index: int | None, fact: str) -> None:
        p = self.session.project
        old = p.must_haves[index] if index is not None else None
        words = advice.wording()
        allowed = allowed_values(fact)
        people = [(label, sid) for sid, label in distinct_names(p.stakeholders).items()]
        if allowed is not None:
            choices = [(words.value_name(v, fact), v) for v in allowed]
            values = [
                FormField("includes", "Must list all of", list(old.includes) if old else [],
                          kind="multi", choices=choices),
                FormField("any_of", "…or at least one of", list(old.any_of) if old else [],
                          kind="multi", choices=choices),
            ]
        else:
            example = FACT_EXAMPLES.get(fact, "")
            if fact == "integrations" and p.systems:
                example = "e.g. " + ", ".join(s.name for s in p.systems[:3])
            values = [
                FormField("includes", "Must list all of (separate with commas)",
                          ", ".join(old.includes) if old else "", placeholder=example,
                          help=FACT_HELP.get(fact, "")),
                FormField("any_of", "…or at least one of (separate with commas)",
                          ", ".join(old.any_of) if old else "", placeholder=example),
            ]
        fields = [
            *values,
            FormField("not_evidenced", "When the catalog does not state it",
                      old.not_evidenced if old else "keep", kind="select", required=True,
                      choices=[("keep the offering, marked not evidenced", "keep"),
                               ("exclude the offering", "exclude")]),
            FormField("requested_by", "Asked for by", list(old.requested_by) if old else [],
                      kind="multi", choices=people),
            FormField("note", "Why (shown in the report)", old.note if old else "",
                      placeholder="e.g. single sign-on through our Entra ID uses SAML"),
        ]

        def listed(value: object) -> list[str]:
            if isinstance(value, list):
                return [str(v) for v in value]
            return [v.strip() for v in str(value or "").split(",") if v.strip()]

        def build(values: dict[str, object]) -> dict[str, object]:
            return {"fact": fact, "includes": listed(values["includes"]),
                    "any_of": listed(values["any_of"]),
                    "not_evidenced": values["not_evidenced"] or "keep",
                    "requested_by": values["requested_by"] or [],
                    "note": str(values["note"] or "")}

        def check(values: dict[str, object]) -> dict[str, str]:
            data = build(values)
            for key in ("includes", "any_of"):
                for value in data[key]:  # type: ignore[union-attr]
                    problem = fact_value_problem(fact, value)
                    if problem:
                        return {key: problem}
            if not data["includes"] and not data["any_of"]:
                return {"includes": "give at least one value it must list"}
            return model_errors(FactMustHave, data)

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            item = FactMustHave.model_validate(build(values))
            if index is None:
                p.must_haves = [*p.must_haves, item]
            else:
                p.must_haves = [item if i == index else m for i, m in enumerate(p.must_haves)]
            self.changed("fact must-have")
            self._fill_fact_musts()
            if index is None:
                self.query_one("#fact-musts", ListEditor).select(len(p.must_haves) - 1)

        title = words.FACT_NAMES.get(fact, fact)
        self.app.push_screen(FormScreen(f"Must-have: {title}", fields, check=check,
                                        intro=FACT_INTRO.get(fact, "")), done)


FACT_ORDER = ("identity_standards", "api_styles", "deployment", "run_by", "data_location",
              "hosting_regions", "languages", "integrations", "certifications", "licence",
              "modules")
FACT_EXAMPLES = {
    "licence": "e.g. AGPL-3.0-or-later, LGPL-3.0-only",
    "hosting_regions": "e.g. eu, se, $country",
    "data_location": "e.g. eu, $country, own_infrastructure",
    "languages": "e.g. sv, da, zh-Hans",
    "certifications": "e.g. iso27001, soc2",
    "integrations": "e.g. IFS Cloud, Visma Net, or a kind: erp",
    "modules": "e.g. Marketing, Service",
}
FACT_HELP = {
    "hosting_regions": "Country codes in lower case, eu for any EU/EEA country, $country for "
                       "your organisation's own country.",
    "data_location": "eu, a country code or $country; own_infrastructure: a deployment you "
                     "run, so you choose where the data lives.",
    "languages": "Language codes: sv Swedish, da Danish, no Norwegian, fi Finnish, de German, "
                 "zh Chinese (zh-Hans simplified).",
    "integrations": "A product name finds its connector (\"IFS\" matches \"IFS Cloud\"); a "
                    "kind (erp, accounting, email …) any connector of that kind.",
    "certifications": "iso27001, iso27017, iso27018, iso27701, soc1, soc2, c5, pci_dss, hipaa, "
                      "hds, tisax, csa_star, mlps …",
}
FACT_INTRO = {
    "run_by": "Who runs it follows from the deployment: the provider (SaaS, private cloud), a "
              "partner (hosted by a partner) or the customer (self-hosted, on premises).",
    "data_location": "Where data can live follows from the hosting regions, plus "
                     "own_infrastructure when the customer runs it.",
}
