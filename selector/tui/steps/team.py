"""Step 1 · Team & objectives: who counts, which business areas, and what each must achieve.

Objectives carry a metric because results are measured against goals set before the project
(002_cdc28874619e9642.txt, 003_63a05c5ac8e35057.txt).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import Length
from textual.widgets import Static

from selector.domain import BusinessArea, Objective, Organisation, Stakeholder
from selector.tui.linked import follow, known_area_id, unmatched_areas
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.steps.context import parse_date
from selector.tui.text import distinct_names, lit, said
from selector.tui.widgets.form import ConfirmScreen, FormField, FormScreen
from selector.tui.widgets.list_editor import ListEditor
from selector.tui.widgets.validation import Check, id_validators, model_errors, slug, whole_number


class TeamStep(Step):
    number = 1
    focus_names: ClassVar[dict[str, str]] = {
        "stakeholders": "the stakeholders list", "areas": "the business areas list",
        "objectives": "the objectives of the highlighted area"}

    BINDINGS = [Binding("o", "organisation", "Project details")]

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self.area_index = 0

    def compose(self) -> ComposeResult:
        yield Static(Text("1 · Team & objectives", style="bold"), classes="step-title")
        yield Static("", id="team-summary", classes="summary")
        with Horizontal(classes="columns"):
            yield ListEditor("Stakeholders", ["Name", "Department", "Role"],
                             empty="Add everyone whose needs and weights count (a).",
                             fit=(3.0, 2.0, 3.0), id="stakeholders")
            with Vertical():
                yield ListEditor("Business areas", ["Area", "In scope", "Objectives"],
                                 empty="Add the areas the CRM serves (a).", fit=(1.0, 8, 10),
                                 id="areas")
                yield Static("", id="areas-note", classes="muted")
                yield ListEditor("Objectives of the area", ["Objective", "Metric", "Target"],
                                 empty="What should the area achieve, and how will you know?",
                                 fit=(3.0, 3.0, 2.0), id="objectives")

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        p = self.session.project
        org = p.organisation
        facts = [x for x in (org.industry, org.country,
                             f"{org.employees} employees" if org.employees else "") if x]
        summary = Text()
        summary.append("Project: ", style="bold")
        summary.append_text(lit(p.name or "(no name)"))
        if p.prepared_by:
            summary.append(" · prepared by ")
            summary.append_text(lit(p.prepared_by))
        summary.append(f" · dated {p.date.isoformat()}" if p.date else " · not dated yet")
        summary.append("   Organisation: ", style="bold")
        summary.append_text(lit(org.name or "(not set)"))
        if facts:
            summary.append_text(lit(" (" + ", ".join(facts) + ")"))
        summary.append("   o: edit", style="dim")
        self.query_one("#team-summary", Static).update(summary)
        self.query_one("#stakeholders", ListEditor).set_rows(
            [(lit(s.name), lit(s.department), lit(s.role)) for s in p.stakeholders])
        self.query_one("#areas", ListEditor).set_rows(
            [(lit(a.name), "yes" if a.in_scope else "no", str(len(a.objectives)))
             for a in p.business_areas])
        unknown = unmatched_areas(p, self.session.catalog)
        note = self.query_one("#areas-note", Static)
        note.update(lit("The areas in scope answer step 2's question about scope. "
                        + (f"Not among the catalog's areas, so no rule weighs them: "
                           f"{', '.join(unknown)}." if unknown else ""), "dim"))
        self._refresh_objectives()

    def _refresh_objectives(self) -> None:
        areas = self.session.project.business_areas
        editor = self.query_one("#objectives", ListEditor)
        if not areas:
            editor.set_rows([])
            return
        self.area_index = min(self.area_index, len(areas) - 1)
        area = areas[self.area_index]
        title = editor.query_one(".list-title", Static)
        title.update(Text.assemble(("Objectives: ", "bold"), lit(area.name, "bold")))
        editor.set_rows([(lit(o.text), lit(o.metric), lit(o.target)) for o in area.objectives])

    @on(ListEditor.Highlighted, "#areas")
    def _area_highlighted(self, event: ListEditor.Highlighted) -> None:
        if event.index != self.area_index:
            self.area_index = event.index
            self._refresh_objectives()

    # ----------------------------------------------------------------- edit
    @on(ListEditor.Add)
    def _add(self, event: ListEditor.Add) -> None:
        self._open(event.editor.id or "", None)

    @on(ListEditor.Edit)
    def _edit(self, event: ListEditor.Edit) -> None:
        self._open(event.editor.id or "", event.index)

    @on(ListEditor.Remove)
    def _remove(self, event: ListEditor.Remove) -> None:
        p = self.session.project
        kind = event.editor.id
        index = event.index
        if kind == "stakeholders":
            name = distinct_names(p.stakeholders)[p.stakeholders[index].id]
        elif kind == "areas":
            name = p.business_areas[index].name
        else:
            if not p.business_areas:
                return
            name = p.business_areas[self.area_index].objectives[index].text

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(kind or "", index)

        self.app.push_screen(ConfirmScreen("Delete?", said(f"Delete {name}?"), yes="Delete",
                                           no="Keep"), confirmed)

    def _delete(self, kind: str, index: int) -> None:
        p = self.session.project
        if kind == "stakeholders":
            sid = p.stakeholders[index].id
            p.stakeholders = [s for i, s in enumerate(p.stakeholders) if i != index]
            p.weights = {k: v for k, v in p.weights.items() if k != sid}
            for req in p.requirements.values():
                if sid in req.requested_by:
                    req.requested_by = [w for w in req.requested_by if w != sid]
            for need in p.needs:
                if sid in need.requested_by:
                    need.requested_by = [w for w in need.requested_by if w != sid]
            for must in p.must_haves:
                if sid in must.requested_by:
                    must.requested_by = [w for w in must.requested_by if w != sid]
            self.changed("stakeholder removed", weights=True)
        elif kind == "areas":
            p.business_areas = [a for i, a in enumerate(p.business_areas) if i != index]
            follow(p, self.session.catalog, "business_areas")
            self.changed("business area removed")
        else:
            area = p.business_areas[self.area_index]
            area.objectives = [o for i, o in enumerate(area.objectives) if i != index]
            self.changed("objective removed")
        self.refresh_view()

    def _open(self, kind: str, index: int | None) -> None:
        p = self.session.project
        if kind == "stakeholders":
            self._stakeholder_form(index)
        elif kind == "areas":
            self._area_form(index)
        elif kind == "objectives" and p.business_areas:
            self._objective_form(index)
        elif kind == "objectives":
            self.app.notify("Add a business area first.", markup=False)

    def _stakeholder_form(self, index: int | None) -> None:
        p = self.session.project
        old = p.stakeholders[index] if index is not None else None
        taken = {s.id for s in p.stakeholders} - ({old.id} if old else set())
        fields = [
            FormField("name", "Name", old.name if old else "", required=True,
                      validators=[Length(1, 200, "1–200 characters")]),
            FormField("department", "Department", old.department if old else "",
                      placeholder="e.g. Sales"),
            FormField("role", "Role", old.role if old else "", placeholder="e.g. Head of sales"),
            FormField("id", "Short id" + (" (read-only)" if old else ""),
                      old.id if old else "", disabled=old is not None,
                      validators=id_validators(), placeholder="made from the name if empty",
                      help="Used in the project file to say who asked for what"
                           + ("; the id cannot change once created." if old else
                              "; it cannot change once created.")),
        ]

        def check(values: dict[str, object]) -> dict[str, str]:
            sid = str(values["id"] or "") or slug(str(values["name"]), taken, "person")
            if sid in taken:
                return {"id": f"{sid!r} is taken by another stakeholder"}
            return model_errors(Stakeholder, {**values, "id": sid})

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            sid = str(values["id"] or "") or slug(str(values["name"]), taken, "person")
            item = Stakeholder(id=sid, name=str(values["name"]),
                               department=str(values["department"]), role=str(values["role"]))
            same = [s for i, s in enumerate(p.stakeholders)
                    if i != index and s.name.strip().casefold() == item.name.strip().casefold()]
            if index is None:
                p.stakeholders = [*p.stakeholders, item]
            else:
                p.stakeholders = [item if i == index else s for i, s in enumerate(p.stakeholders)]
            self.changed("stakeholder")
            self.refresh_view()
            if index is None:
                self.query_one("#stakeholders", ListEditor).select(len(p.stakeholders) - 1)
            if same:
                self.app.notify(
                    said(f"{item.name} has the same name as another stakeholder ({same[0].id}). "
                         "If it is the same person, delete one of them; otherwise add a "
                         "department or role so the team can tell them apart."),
                    title="Duplicate name", severity="warning", markup=False, timeout=8)

        title = "Edit stakeholder" if old else "Add stakeholder"
        self.app.push_screen(FormScreen(title, fields, check=check), done)

    def _area_form(self, index: int | None) -> None:
        p = self.session.project
        old = p.business_areas[index] if index is not None else None
        taken = {a.id for a in p.business_areas} - ({old.id} if old else set())
        fields = [
            FormField("name", "Business area", old.name if old else "", required=True,
                      placeholder="e.g. Sales, Marketing, Customer service"),
            FormField("in_scope", "In scope of this CRM project", old.in_scope if old else True,
                      kind="bool"),
            FormField("id", "Short id" + (" (read-only)" if old else ""),
                      old.id if old else "", disabled=old is not None,
                      validators=id_validators(), placeholder="made from the name if empty",
                      help="The id cannot change once created." if old else
                           "Made from the name if empty; it cannot change once created."),
        ]

        catalog = self.session.catalog

        def new_id(values: dict[str, object]) -> str:
            """The id typed, else the catalog's id for a known area (so its rules weigh it),
            else one made from the name."""
            name = str(values["name"])
            return str(values["id"] or "") or known_area_id(name, catalog, taken) or \
                slug(name, taken, "area")

        def check(values: dict[str, object]) -> dict[str, str]:
            aid = new_id(values)
            if aid in taken:
                return {"id": f"{aid!r} is taken by another area"}
            return model_errors(BusinessArea, {**values, "id": aid})

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            aid = new_id(values)
            item = BusinessArea(id=aid, name=str(values["name"]),
                                in_scope=bool(values["in_scope"]),
                                objectives=list(old.objectives) if old else [])
            if index is None:
                p.business_areas = [*p.business_areas, item]
            else:
                p.business_areas = [item if i == index else a
                                    for i, a in enumerate(p.business_areas)]
            follow(p, self.session.catalog, "business_areas")
            self.changed("business area")
            if index is None:
                self.area_index = len(p.business_areas) - 1
            self.refresh_view()
            if index is None:
                self.query_one("#areas", ListEditor).select(len(p.business_areas) - 1)

        title = "Edit business area" if old else "Add business area"
        self.app.push_screen(FormScreen(title, fields, check=check), done)

    def _objective_form(self, index: int | None) -> None:
        area = self.session.project.business_areas[self.area_index]
        old = area.objectives[index] if index is not None else None
        fields = [
            FormField("text", "Objective", old.text if old else "", required=True,
                      placeholder="e.g. Shorter sales cycle",
                      validators=[Check(lambda v: len(v.strip()) >= 3,
                                        "at least 3 characters")]),
            FormField("metric", "Metric", old.metric if old else "",
                      placeholder="e.g. Median days from lead to won deal",
                      help="How you will know it happened (set before implementation)."),
            FormField("target", "Target", old.target if old else "",
                      placeholder="e.g. -20% within 12 months"),
        ]

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            item = Objective(text=str(values["text"]), metric=str(values["metric"]),
                             target=str(values["target"]))
            if index is None:
                area.objectives = [*area.objectives, item]
            else:
                area.objectives = [item if i == index else o
                                   for i, o in enumerate(area.objectives)]
            self.changed("objective")
            self.refresh_view()
            if index is None:
                self.query_one("#objectives", ListEditor).select(len(area.objectives) - 1)

        self.app.push_screen(FormScreen(
            said(f"Objective for {area.name}"), fields,
            check=lambda v: model_errors(Objective, v)), done)

    def action_organisation(self) -> None:
        p = self.session.project
        org = p.organisation
        fields = [
            FormField("project_name", "Project name", p.name, placeholder="e.g. Acme CRM 2026"),
            FormField("prepared_by", "Prepared by", p.prepared_by,
                      help="Shown on the report cover."),
            FormField("date", "Evaluation date", p.date.isoformat() if p.date else "",
                      placeholder="YYYY-MM-DD",
                      validators=[Check(lambda v: v == "" or parse_date(v) is not None,
                                        "a date like 2026-11-30 (year-month-day)")],
                      help="Every date in the result follows it (a go-live date counts its "
                           "weeks from here), so the report can be reproduced."),
            FormField("name", "Organisation", org.name),
            FormField("industry", "Industry", org.industry),
            FormField("country", "Country", org.country),
            FormField("employees", "Employees", "" if org.employees is None else org.employees,
                      input_type="integer",
                      validators=[Check(lambda v: v == "" or whole_number(v, 1),
                                        "a whole number of at least 1")]),
            FormField("description", "What the company does", org.description),
        ]

        def check(values: dict[str, object]) -> dict[str, str]:
            data = {k: values[k] for k in ("name", "industry", "country", "description")}
            employees = str(values["employees"] or "")
            if employees and not whole_number(employees, 1):
                return {"employees": "a whole number of at least 1"}
            if values["date"] and parse_date(str(values["date"])) is None:
                return {"date": "a date like 2026-11-30 (year-month-day)"}
            data["employees"] = int(employees) if employees else None
            return model_errors(Organisation, data)

        def done(values: dict[str, object] | None) -> None:
            if not values:
                return
            p.name = str(values["project_name"])
            p.prepared_by = str(values["prepared_by"])
            p.date = parse_date(str(values["date"])) if values["date"] else None
            p.organisation = Organisation(
                name=str(values["name"]), industry=str(values["industry"]),
                country=str(values["country"]),
                employees=int(str(values["employees"])) if values["employees"] else None,
                description=str(values["description"]))
            self.changed("organisation")
            self.refresh_view()

        self.app.push_screen(FormScreen("Project and organisation", fields, check=check), done)
