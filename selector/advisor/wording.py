"""Every sentence the advisor says, worded once.

The terminal, the PDF and `rank` print these sentences as they are; they never build their own
from numbers. Keeping the wording in one module keeps the views in agreement and gives one place
to make the product's language plainer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from selector.domain.criteria import format_number
from selector.domain.project import SystemToIntegrate
from selector.domain.recommendation import Range

SYSTEM_KIND_NAMES = {
    "erp": "ERP",
    "accounting": "accounting",
    "web_portal": "website or customer portal",
    "ecommerce": "e-commerce",
    "email": "e-mail",
    "calendar": "calendar",
    "telephony": "telephony",
    "messaging": "messaging",
    "marketing": "marketing",
    "warehouse": "warehouse / logistics",
    "data_warehouse": "data warehouse / BI",
    "pos": "point of sale",
    "identity": "identity / directory",
    "document": "document management",
    "other": "other",
}

DEPLOYMENT_NAMES = {
    "saas": "SaaS",
    "private_cloud": "private cloud (run by the vendor)",
    "hosted_by_partner": "hosted by a partner",
    "self_hosted": "self-hosted",
    "on_premises": "on premises",
}

FACT_NAMES = {
    "deployment": "Deployment",
    "run_by": "Who runs it",
    "data_location": "Where data can live",
    "licence": "Licence",
    "api_styles": "API styles",
    "identity_standards": "Identity standards",
    "hosting_regions": "Hosting regions",
    "languages": "Languages",
    "certifications": "Certifications",
    "integrations": "Integrations",
    "modules": "Modules",
}

VALUE_NAMES = {
    "oauth2": "OAuth 2.0",
    "oidc": "OIDC",
    "saml": "SAML",
    "scim": "SCIM",
    "ldap": "LDAP",
    "rest": "REST",
    "odata": "OData",
    "graphql": "GraphQL",
    "soap": "SOAP",
    "json_rpc": "JSON-RPC",
    "xml_rpc": "XML-RPC",
    "bulk": "bulk API",
    "events": "events",
    "webhooks": "webhooks",
    "sdk": "SDK",
    "eu": "EU/EEA",
    "own_infrastructure": "infrastructure the customer chooses",
    "provider": "the provider",
    "partner": "a partner",
    "customer": "the customer",
    "iso27001": "ISO 27001",
    "iso27017": "ISO 27017",
    "iso27018": "ISO 27018",
    "iso27701": "ISO 27701",
    "soc1": "SOC 1",
    "soc2": "SOC 2",
    "c5": "BSI C5",
    "pci_dss": "PCI DSS",
    "hipaa": "HIPAA",
    "hds": "HDS",
    "tisax": "TISAX",
    "csa_star": "CSA STAR",
    "mlps": "China MLPS",
    "iso9001": "ISO 9001",
    "iso20000": "ISO 20000",
    "iso22301": "ISO 22301",
    "iso42001": "ISO 42001",
    "hitrust": "HITRUST",
    "fedramp": "FedRAMP",
    **DEPLOYMENT_NAMES,
}


def number(value: float) -> str:
    return format_number(value)


LANGUAGE_NAMES = {
    "en": "English", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "nb": "Norwegian",
    "nn": "Norwegian Nynorsk", "fi": "Finnish", "is": "Icelandic", "de": "German",
    "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "zh": "Chinese", "zh-Hans": "Chinese (simplified)",
    "zh-Hant": "Chinese (traditional)", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    "ru": "Russian", "tr": "Turkish", "cs": "Czech", "et": "Estonian", "lv": "Latvian",
    "lt": "Lithuanian", "hu": "Hungarian", "ro": "Romanian", "uk": "Ukrainian",
    "af": "Afrikaans", "bg": "Bulgarian", "bs": "Bosnian", "ca": "Catalan", "el": "Greek",
    "eo": "Esperanto", "eu": "Basque", "fa": "Persian", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "id": "Indonesian", "kk": "Kazakh", "ms": "Malay",
    "my": "Burmese", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "ta": "Tamil",
    "th": "Thai", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}
COUNTRY_NAMES = {
    "se": "Sweden", "dk": "Denmark", "no": "Norway", "fi": "Finland", "is": "Iceland",
    "de": "Germany", "at": "Austria", "ch": "Switzerland", "nl": "the Netherlands",
    "be": "Belgium", "fr": "France", "es": "Spain", "it": "Italy", "ie": "Ireland",
    "pl": "Poland", "cz": "Czechia", "gb": "the United Kingdom", "us": "the United States",
    "ca": "Canada", "cn": "China", "hk": "Hong Kong", "jp": "Japan", "in": "India",
    "sg": "Singapore", "au": "Australia", "br": "Brazil", "sa": "Saudi Arabia",
    "ae": "the United Arab Emirates", "kr": "South Korea", "za": "South Africa",
    "il": "Israel", "bh": "Bahrain",
}


def value_name(value: str, fact: str = "") -> str:
    """A fact's value in words: "SAML", "Swedish", "Germany", "EU/EEA"."""
    if fact == "languages":
        return LANGUAGE_NAMES.get(value, LANGUAGE_NAMES.get(value.split("-")[0], value))
    if fact in ("hosting_regions", "data_location") and value in COUNTRY_NAMES:
        return COUNTRY_NAMES[value]
    return VALUE_NAMES.get(value, value)


def listing(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 2:
        return f" {last} ".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def euros(value: float) -> str:
    """EUR amounts as a CFO reads them: EUR 12,400; EUR 1.2 million."""
    if abs(value) >= 1_000_000:
        return f"EUR {value / 1_000_000:,.1f} million"
    return f"EUR {round(value, -2 if abs(value) >= 10_000 else 0):,.0f}"


def euro_range(amount: Range) -> str:
    """A range of EUR, said once: "EUR 120,000–180,000", "EUR 1.1–1.4 million"."""
    low, high = amount.low, amount.high
    if abs(high - low) <= max(1.0, 0.005 * high):
        return euros(high)
    if high >= 1_000_000:
        return f"EUR {low / 1_000_000:,.1f}–{high / 1_000_000:,.1f} million"
    step = -2 if high >= 10_000 else 0
    return f"EUR {round(low, step):,.0f}–{round(high, step):,.0f}"


def percent(share: float) -> str:
    return f"{share:.0%}"


def points(value: float) -> str:
    """A share of the score (0..1) as points of 100."""
    return f"{value * 100:.1f}"


def clause(text: str) -> str:
    """A sentence set inside another (in brackets or a list) without its own full stop, so
    "…from scratch.; Custom" and "…in English., Li Wei" never happen."""
    return text.strip().removesuffix(".") if not text.strip().endswith("..") else text.strip()


def lead_points(margin: float, needed: float) -> str:
    """A lead short of `needed` in points that never reads as reaching it: 2.97 is not "3.0"."""
    if margin >= needed or round(margin * 100, 1) < needed * 100:
        return points(margin)
    shown = f"{margin * 100:.2f}"
    return shown if float(shown) < needed * 100 else f"just under {needed * 100:g}"


# ---- answers ------------------------------------------------------------------------------


def derived_weeks(weeks: int, date: dt.date, as_of: dt.date) -> str:
    return f"{plural(weeks, 'week')} (go-live date {date.isoformat()}, from {as_of.isoformat()})"


def derived_times(label: str, answer: str, times: float) -> str:
    if times == 1:
        return f"the {label.lower()} ({answer})"
    return f"{number(times)} × the {label.lower()} ({answer})"


def derived_step(label: str, answer: str, lowest: float, upper: float | None) -> str:
    band = f"{number(lowest)} or more" if upper is None else (
        f"{number(lowest)}" if upper - lowest <= 1 else f"{number(lowest)}–{number(upper - 1)}"
    )
    return f"from the {label.lower()} ({answer}, in the band {band})"


def systems_of_kind(systems: Iterable[SystemToIntegrate], kind: str) -> str:
    named = [s.name for s in systems if s.kind == kind]
    return f"Systems to integrate: {listing(named)} ({SYSTEM_KIND_NAMES.get(kind, kind)})"


# ---- cost ---------------------------------------------------------------------------------

_UNIT_WORDS = {
    "user-month": "a user-month",
    "user-year": "a user-year",
    "user-one-off": "a user, once",
    "month": "a month",
    "year": "a year",
    "one-off": "once",
}


def price_on_request(tier_name: str) -> str:
    return f"{tier_name}: price on request (not published); ask for a quote"


def no_price_listed() -> str:
    return "No price is listed in the catalog; ask for a quote"


def _money(amount: float, currency: str) -> str:
    text = f"{amount:,.2f}".rstrip("0").rstrip(".") if amount != int(amount) else f"{amount:,.0f}"
    return f"{currency} {text}"


def licence_basis(tier, seats: int, per_seat: bool, months: int | None, rate, typical: bool) -> str:  # noqa: ANN001
    """"85 seats × USD 105 a user-month × 12, at USD 1.0705 per EUR (ECB, 2024-06-28)"."""
    price = _money(tier.amount, tier.currency)
    if tier.amount_high is not None and tier.amount_high != tier.amount:
        price += f"–{tier.amount_high:,.2f}".rstrip("0").rstrip(".")
    parts = []
    if per_seat:
        parts.append(plural(seats, "seat"))
    parts.append(f"{price} {_UNIT_WORDS.get(tier.unit, tier.unit)}")
    if months and months > 1:
        parts.append(str(months))
    text = " × ".join(parts)
    if per_seat and tier.minimum_seats > 1 and seats == tier.minimum_seats:
        text += f" (minimum {plural(tier.minimum_seats, 'seat')})"
    if rate is not None:
        text += f", at {rate.per_eur:g} {rate.currency} per EUR ({rate.date.isoformat()})"
    text += f"; {tier.billing} billing" if tier.billing in ("monthly", "annual") else ""
    if typical:
        text += "; a typical price for this kind of solution, not a quote"
    return text


def price_tier(tier) -> str:  # noqa: ANN001
    """A published price line as a buyer reads it: "Sales Enterprise: USD 105 a user-month,
    annual billing, at least 10 seats (optional add-on)"; "Enterprise: price on request"."""
    if tier.unit == "quote" or tier.amount is None:
        text = f"{tier.name}: price on request"
    else:
        price = _money(tier.amount, tier.currency)
        if tier.amount_high is not None and tier.amount_high != tier.amount:
            price += f"–{tier.amount_high:,.2f}".rstrip("0").rstrip(".")
        text = f"{tier.name}: {price} {_UNIT_WORDS.get(tier.unit, tier.unit)}"
        if tier.billing in ("monthly", "annual"):
            text += f", {tier.billing} billing"
    if tier.minimum_seats > 1:
        text += f", at least {plural(tier.minimum_seats, 'seat')}"
    if tier.optional:
        text += " (optional add-on, not in the team's cost)"
    return text


def list_price(amount: Range | None, priced: bool) -> str:
    """An offering's licences per seat and month for the team, in EUR: "EUR 98 a user-month",
    "no licence fee", "on quote" (a needed line is not published), "no price listed"."""
    if amount is None:
        return "no price listed"
    if not priced:
        return "on quote"
    if amount.high <= 0:
        return "no licence fee"
    if abs(amount.high - amount.low) <= max(0.01, 0.005 * amount.high):
        return f"{_money(round(amount.high, 2), 'EUR')} a user-month"
    return (f"EUR {f'{amount.low:,.2f}'.rstrip('0').rstrip('.')}–"
            f"{f'{amount.high:,.2f}'.rstrip('0').rstrip('.')} a user-month")


def list_price_short(amount: Range | None, priced: bool) -> str:
    """The same for a table column headed "EUR/user/month": "98.09", "0.27–1.1", "no fee",
    "quote", "–"."""
    if amount is None:
        return "–"
    if not priced:
        return "quote"
    if amount.high <= 0:
        return "no fee"
    low = f"{amount.low:,.2f}".rstrip("0").rstrip(".")
    high = f"{amount.high:,.2f}".rstrip("0").rstrip(".")
    return high if low == high else f"{low}–{high}"


def implementation_basis(eur: list[float], users: int, seats: int, share: list[float]) -> str:
    scaled = "" if users == seats else (
        f", scaled from {plural(users, 'user')} to {plural(seats, 'user')} "
        f"({percent(share[0])}–{percent(share[1])} of the work grows with users)"
    )
    return f"The offering's estimate of {euro_range(Range(low=eur[0], high=eur[1]))}{scaled}"


def implementation_from_level(level: int, band: list[float], reference: int, seats: int) -> str:
    scaled = "" if reference == seats else f", scaled to {plural(seats, 'user')}"
    return (
        f"No estimate from the vendor file: the implementation-cost level {level} band "
        f"({euro_range(Range(low=band[0], high=band[1]))} for {plural(reference, 'user')}){scaled}"
    )


def hosting_default(deployment: Sequence[str]) -> str:
    kinds = listing([DEPLOYMENT_NAMES.get(d, d) for d in deployment], "or")
    return f"The catalog's default for {kinds} hosting the buyer pays for"


def administration_basis(fte: Sequence[float], fte_cost: Sequence[float], level: int | None) -> str:
    people = f"{number(fte[0])}–{number(fte[1])} FTE a year"
    cost = f"at {euro_range(Range(low=fte_cost[0], high=fte_cost[1]))} per FTE"
    if level is None:
        return f"{people} of the buyer's own staff, {cost}"
    return f"{people} of the buyer's own staff for in-house skills level {level}, {cost}"


def stated_estimate(note: str) -> str:
    return note or "The offering's own estimate"


BUDGET_WORDS = {"upfront": "upfront budget", "yearly": "yearly budget"}


def budget_text(kind: str, budget: float | None, amount: Range, verdict: str) -> str:
    what = BUDGET_WORDS[kind]
    said = euro_range(amount) + (" a year" if kind == "yearly" else "")
    if verdict == "unknown":
        return f"Cannot be checked against the {what}: the price is not published"
    if verdict == "no_budget":
        return f"{said}; no {what} given"
    limit = euros(budget or 0.0)
    if verdict == "within":
        return f"{said}, within the {what} of {limit}"
    if verdict == "over":
        return f"{said}, over the {what} of {limit}"
    return f"{said}, may exceed the {what} of {limit}"


BUDGET_VERDICTS = {
    "within": "within budget",
    "may_exceed": "may exceed the budget",
    "over": "over budget",
    "no_budget": "no budget given",
    "unknown": "price not published",
}


def budget_verdict(verdict: str) -> str:
    """A budget check's verdict alone, for a table whose column already names the budget."""
    return BUDGET_VERDICTS[verdict]


def cost_basis(team) -> str:  # noqa: ANN001
    """What every cost in a result is for: "For 85 users over 5 years, against the team's
    budgets of EUR 250,000 upfront and EUR 160,000 a year."."""
    users = plural(team.seats, "user")
    if not team.seats_answered:
        users += " (the catalog's reference size: the team has not said how many)"
    text = f"For {users} over {plural(team.horizon_years, 'year')}"
    budgets = []
    if team.budget_upfront is not None:
        budgets.append(f"{euros(team.budget_upfront)} upfront")
    if team.budget_yearly is not None:
        budgets.append(f"{euros(team.budget_yearly)} a year")
    if not budgets:
        return text + "; the team has given no budget."
    word = "budgets" if len(budgets) > 1 else "budget"
    return f"{text}, against the team's {word} of {listing(budgets)}."


def seats_assumption(seats: int, answered: bool, reference: int) -> str:
    if answered:
        return f"{plural(seats, 'user')}, as the team answered"
    return (f"{plural(seats, 'user')}: the team has not said how many people will use the CRM, so "
            f"the catalog's reference size of {reference} is used")


def horizon_assumption(years: int) -> str:
    return f"Over {plural(years, 'year')}"


def rate_assumption(rate) -> str:  # noqa: ANN001
    return (f"{rate.currency} converted at {rate.per_eur:g} per EUR, the rate of "
            f"{rate.date.isoformat()} ({rate.source_title or rate.source})")


def implementation_default_assumption() -> str:
    return ("Implementation from the catalog's cost bands for the offering's implementation-cost "
            "level: ask for a fixed-price quote")


def running_default_assumption() -> str:
    return "Running costs partly from the catalog's defaults for this kind of deployment"


def typical_assumption() -> str:
    return "A typical cost for this kind of solution, not an offer"


def _budgets(kinds: Sequence[str]) -> str:
    """"the upfront budget", "the upfront and yearly budgets"."""
    return f"the {listing(list(kinds))} budget" + ("s" if len(kinds) > 1 else "")


def cost_summary(cost) -> str:  # noqa: ANN001
    users = plural(cost.seats, "user")
    if not cost.priced:
        return (f"Not fully priced: the vendor publishes no price for part of it; the known costs "
                f"come to {euro_range(cost.total)} over {plural(cost.horizon_years, 'year')} for "
                f"{users}")
    verdicts = {b.kind: b.verdict for b in cost.budgets}
    over = [k for k, v in verdicts.items() if v == "over"]
    may = [k for k, v in verdicts.items() if v == "may_exceed"]
    within = [k for k, v in verdicts.items() if v == "within"]
    text = f"{euro_range(cost.total)} over {plural(cost.horizon_years, 'year')} for {users}"
    if over:
        text += f"; over {_budgets(over)}"
    if may:
        text += f"; may exceed {_budgets(may)}"
    if within and not over and not may:
        text += "; within both budgets" if len(within) > 1 else f"; within {_budgets(within)}"
    return text


# ---- facts --------------------------------------------------------------------------------


def _values(values: Sequence[str], fact: str) -> list[str]:
    return [value_name(v, fact) for v in values]


def _listed(fact: str, values: Sequence[str]) -> list[str]:
    """Listed values in words, once each; an integration's kind is not a second entry."""
    shown = [value_name(v, fact) for v in values
             if not (fact == "integrations" and v in SYSTEM_KIND_NAMES)]
    return list(dict.fromkeys(shown))


def fact_required(fact: str, includes: Sequence[str], any_of: Sequence[str]) -> str:
    parts = []
    if includes:
        parts.append(listing(_values(includes, fact)) + " listed")
    if any_of:
        parts.append(listing(_values(any_of, fact), "or") + " listed")
    return "; ".join(parts)


def fact_question(fact: str, includes: Sequence[str], any_of: Sequence[str]) -> str:
    """A fact must-have as a vendor is asked it: "Languages: Swedish and Danish (all of them)"."""
    parts = []
    if includes:
        parts.append(listing(_values(includes, fact))
                     + (" (all of them)" if len(includes) > 1 else ""))
    if any_of:
        parts.append(listing(_values(any_of, fact), "or")
                     + (" (at least one)" if len(any_of) > 1 else ""))
    return f"{FACT_NAMES[fact]}: " + "; ".join(parts)


def fact_actual(fact: str, values: Sequence[str], known: bool) -> str:
    if not known:
        return "not stated"
    if not values:
        return "lists none"
    return "lists " + ", ".join(_listed(fact, values))


_STATED_BY = {
    "data_location": "its hosting regions or a deployment the customer runs",
    "run_by": "its deployment",
}


def fact_not_stated(fact: str, wanted: Sequence[str]) -> str:
    wanted_text = listing(_values(wanted, fact), "or")
    what = _STATED_BY.get(fact, f"its {FACT_NAMES[fact].lower()}")
    return f"{FACT_NAMES[fact]}: {wanted_text} not evidenced (the catalog does not state {what})"


def fact_lacks(fact: str, lacking: Sequence[str], values: Sequence[str], any_of: bool) -> str:
    listed = _listed(fact, values)
    which = listing(_values(lacking, fact), "or" if any_of else "and")
    has = f"; it lists {', '.join(listed)}" if listed else "; it lists none"
    return f"{FACT_NAMES[fact]}: {which} not listed{has}"


def fact_not_listed(fact: str, lacking: Sequence[str], any_of: bool) -> str:
    which = listing(_values(lacking, fact), "or" if any_of else "and")
    return (f"{FACT_NAMES[fact]}: {which} not evidenced (the list in the catalog is not "
            "complete, so it may exist: ask the vendor)")


# ---- weights ------------------------------------------------------------------------------

PRIORITY_WORDS = {"must": "must", "should": "should", "could": "could", "wont": "won't"}


def rule_title(explanation: str) -> str:
    """A rule in one line: the first sentence of its explanation."""
    first = explanation.split(". ")[0].rstrip(".")
    return first + "."


def ratio(value: float) -> str:
    if value >= 1:
        return f"{value:g}× as important"
    return f"1/{1 / value:.0f} as important"


def consistency_basis(answered: int, total: int) -> str:
    if answered == total:
        return "all comparisons"
    return f"estimated from {answered} of {total} comparisons"


def revision(a: str, b: str, current: float, suggested: float) -> str:
    return (f"{a} vs {b}: you said {ratio(current)}; consistent with your other answers would be "
            f"about {ratio(suggested)}")


def person(name: str, department: str) -> str:
    return f"{name} ({department})" if department else name


def aggregation_none() -> str:
    return "No stakeholder has weighted the groups yet: all groups count equally."


def aggregation(included: Sequence[str], left_out: Sequence[str]) -> str:
    if len(included) == 1:
        text = f"Only {included[0]} has weighted the groups so far; their weights are used."
    else:
        text = (f"Arithmetic mean of the normalised group weights of the {len(included)} "
                "stakeholders who weighted: each of them counts equally, and one person's zero "
                "lowers a group without vetoing it.")
    if left_out:
        text += f" Not included, because they have given no weights yet: {listing(list(left_out))}."
    return text


def disagreement(group: str, low_name: str, low: float, high_name: str, high: float) -> str:
    return (f"{group}: {low_name} gives it {percent(low)}, {high_name} {percent(high)} "
            f"({(high - low) * 100:.0f} points apart)")


def weight_rule(factor: float, because: str, explanation: str) -> str:
    return f"Weight ×{factor:g} because {because} ({explanation})"


def must_rule(line: str, how: str, because: str, explanation: str) -> str:
    derived = f", {how}" if how else ""
    return f"Must-have {line}{derived}, because {because} ({explanation})"


def team_must(line: str, who: Sequence[str]) -> str:
    return f"Must-have {line}" + (f", asked for by {listing(list(who))}" if who else "")


def team_fact_must(who: Sequence[str], note: str) -> str:
    text = "The team's must-have" + (f", asked for by {listing(list(who))}" if who else "")
    return text + (f": {note}" if note else "")


def connector_must(system: str) -> str:
    return f"The team requires a ready connector for {system}"


def priority(level: str, who: Sequence[str], note: str) -> str:
    return (f"Priority '{level}'" + (f", asked for by {listing(list(who))}" if who else "")
            + (f": {note}" if note else ""))


def weight_source(defaults_used: bool) -> str:
    if defaults_used:
        return "equal group weights (no stakeholder has weighted yet)"
    return "the stakeholders' aggregate"


def group_share(group: str, share: float, source: str) -> str:
    return f"Group '{group}' has {percent(share)} of the weight in {source}"


def all_weights_zero() -> str:
    return "Every weight was zero, so all criteria count equally."


# ---- candidates ---------------------------------------------------------------------------

CLAIM_STATUS = {
    "to_decide": "awaits the team's decision",
    "accepted": "accepted by the team",
    "challenged": "challenged by the team",
    "verify_in_demo": "to verify in a demo",
}

VIA_NAMES = {
    "native": "built in",
    "vendor_connector": "vendor connector",
    "marketplace": "marketplace app",
    "partner": "partner connector",
    "api_only": "through the API only",
}


def team_score(rationale: str) -> str:
    return f"Team's score: {rationale}"


def _described(criterion, value: float | None) -> str:  # noqa: ANN001
    return "none" if value is None else criterion.describe(value)


def override(criterion, catalog_value: float | None, o) -> str:  # noqa: ANN001
    who = f", {o.by}" if o.by else ""
    return (f"{criterion.name}: {_described(criterion, catalog_value)} → "
            f"{criterion.describe(o.value)} ({clause(o.rationale)}{who})")


def accepted_claim(note: str, demo_by: str = "", verified: bool = False) -> str:
    if demo_by:
        return f"Seen in a demo by {demo_by}, accepted by the team" + (f": {note}" if note else "")
    head = "Vendor's claim, accepted by the team"
    if verified:
        head += " and confirmed in a demo"
    return head + (f": {note}" if note else "")


FACT_ANSWER_WORDS = {1.0: "yes", 0.5: "partly", 0.0: "no"}


def fact_answer(value: float) -> str:
    return FACT_ANSWER_WORDS.get(float(value), number(value))


def claimed_text(criterion, c) -> str:  # noqa: ANN001
    """What a claim says, in words: "level 4", or for a must-have left blank, "not answered
    (counts as level 0)"."""
    said = criterion.describe(c.value)
    return f"not answered (counts as {said})" if c.unanswered else said


def _claimed_by(c) -> str:  # noqa: ANN001
    if c.source_kind == "demo":
        return f"seen in a demo{f' by {c.by}' if c.by else ''}:"
    if c.unanswered:
        return "the vendor left this must-have unanswered, which counts as"
    return "the vendor claims"


def claim(criterion, catalog_value: float | None, c) -> str:  # noqa: ANN001
    return (f"{criterion.name}: catalog {_described(criterion, catalog_value)}, {_claimed_by(c)} "
            f"{criterion.describe(c.value)} — {CLAIM_STATUS[c.status]}")


def fact_catalog_text(status: str, actual: str) -> str:
    return {"passes": f"met ({actual})", "fails": f"not met ({actual})"}.get(
        status, f"not evidenced ({actual})")


def fact_claimed_text(c) -> str:  # noqa: ANN001
    said = fact_answer(c.value)
    return f"not answered (counts as {said})" if c.unanswered else said


def fact_claim(name: str, catalog_text: str, c) -> str:  # noqa: ANN001
    said = fact_answer(c.value)
    return f"{name}: catalog {catalog_text}, {_claimed_by(c)} {said} — {CLAIM_STATUS[c.status]}"


def fact_claim_failure(name: str, c) -> str:  # noqa: ANN001
    """Why an accepted "no" or "partly" answer fails a fact must-have."""
    if c.source_kind == "demo":
        return (f"{name}: {fact_answer(c.value)!r} in a demo{f' by {c.by}' if c.by else ''}, "
                "accepted by the team")
    said = "left it unanswered" if c.unanswered else f"answered {fact_answer(c.value)!r}"
    return f"{name}: the vendor {said} in its RFP answer, and the team accepted it"


def computed_licence(cost) -> str:  # noqa: ANN001
    return (f"Worked out for this team's {plural(cost.seats, 'user')} from the price tiers: "
            f"{euro_range(cost.per_user_month)} per user-month")


def computed_total(cost) -> str:  # noqa: ANN001
    return (f"Worked out for this team: {euro_range(cost.total)} over "
            f"{plural(cost.horizon_years, 'year')} for {plural(cost.seats, 'user')}, "
            f"{euro_range(cost.per_user_year)} per user-year")


def system_fit(name: str, status: str, via: str) -> str:
    if status == "connector":
        return f"{name}: a ready connector is listed ({via})"
    if status == "not_listed":
        return f"{name}: no connector listed; integrate through the API"
    return f"{name}: no connector evidenced in the catalog; ask the vendor"


def budget_required(check) -> str:  # noqa: ANN001
    what = BUDGET_WORDS[check.kind]
    return f"within the {what} of {euros(check.budget)}"


def threshold_failure(name: str, required: str, actual: str) -> str:
    return f"{name}: needs {required}, has {actual}"


def balance_warning(named: Sequence[tuple[str, str, float]]) -> str:
    parts = [f"{name} ({value}, {percent(weight)} of the weight)" for name, value, weight in named]
    return f"Scores well on average but is weak where it matters: {', '.join(parts)}."


def ruled_out_kind(name: str) -> str:
    return f"{name}, which the answers rule out"


def knock_out(name: str, because: str, explanation: str) -> str:
    return f"{name} is ruled out by your answers ({because}): {explanation}"


# ---- how sure -----------------------------------------------------------------------------


def no_candidate() -> str:
    return "No candidate meets every must-have, so there is no recommendation."


def only_candidate(name: str) -> str:
    return f"{name} is the only candidate that meets every must-have."


def clear_lead(winner: str, runner: str, margin: float) -> str:
    return f"{winner} leads {runner} by {points(margin)} points out of 100."


def no_clear_lead(contenders: Sequence[str], margin: float, needed: float, share: float) -> str:
    return (f"No clear winner: {listing(list(contenders))} are within reach of each other "
            f"(lead {lead_points(margin, needed)} points; a clear lead needs {needed * 100:.0f} "
            f"and first place in at least {percent(share)} of plausible cases).")


def favourite_lead(winner: str, others: Sequence[str], margin: float, needed: float) -> str:
    """The lead of a favourite that usually comes first but leads by less than a clear lead."""
    behind = f" over {listing(list(others))}" if others else ""
    return (f"{winner} is the favourite but not yet a safe pick: its lead{behind} is "
            f"{lead_points(margin, needed)} points, and a clear lead needs {needed * 100:.0f}.")


def probability_first(winner: str, p: float, n_samples: int, kept: float) -> str:
    return (f"{winner} comes first in {percent(p)} of {n_samples:,} plausible weightings and "
            f"scores (each group keeps at least {percent(kept)} of its weight, the rest spread at "
            "random; each score varied within what its evidence supports, judgement most).")


def smallest_flip(flip) -> str:  # noqa: ANN001
    if flip is None or flip.flips_at is None:
        return "No change to a single criterion's weight changes the winner."
    return (f"The smallest weight change that changes the winner: {flip.name} from "
            f"{flip.weight:.1%} to {flip.flips_at:.1%} of the weight puts {flip.new_winner} first.")


def methods_scope(compared: int, passing: int) -> str:
    return (f"The methods ranked the leading {compared} of the {passing:,} offerings that pass "
            "the must-haves, by weighted sum: the leaders decide whether the method changes the "
            "choice.")


def methods(agree: bool, firsts: Sequence[tuple[str, str]]) -> str:
    if agree:
        return ("Weighted sum, TOPSIS and PROMETHEE II agree on the winner; the choice of method "
                "does not matter here.")
    said = "; ".join(f"{method} puts {name} first" for method, name in firsts)
    return (f"The methods do not fully agree ({said}): the choice of method matters, treat the "
            "ranking as close.")


# ---- results ------------------------------------------------------------------------------

def typical_shortfall(reason: str) -> str:
    return f"Typically falls short of a must-have, so check each vendor: {reason}"


def excluded(reason: str) -> str:
    return f"Excluded: {reason}"


def signed(value: float, digits: int = 1) -> str:
    """+3.2 or −3.2, with a real minus sign."""
    text = f"{abs(value):.{digits}f}"
    return ("−" if value < 0 and float(text) != 0 else "+") + text


def ranked(rank: int, score: float, mean: float) -> str:
    return (f"Ranked {rank} with {points(score)} of 100 points ({signed((score - mean) * 100)} "
            "against the average candidate).")


def criterion_value(name: str, value: str) -> str:
    return f"{name} ({value})"


def evidence_summary(
    judgement_share: float,
    judged_scores: int,
    sourced_scores: int,
    median_age_days: int | None,
    stale_scores: int,
    vendor_claims: int,
    verified_claims: int = 0,
    **_: object,
) -> str:
    total = judged_scores + sourced_scores
    text = (f"{percent(judgement_share)} of its score rests on judgement alone "
            f"({judged_scores} of {total} scores)")
    if median_age_days is not None:
        months = median_age_days / 30.4
        text += (f"; its evidence is {'under a month' if months < 1 else f'{months:.0f} months'} "
                 "old at the median")
    if stale_scores:
        text += f"; {plural(stale_scores, 'score')} older than a year"
    if vendor_claims:
        text += f"; {plural(vendor_claims, 'score')} rest on the vendor's own claim"
        if verified_claims:
            text += f" ({verified_claims} of them confirmed in a demo)"
    return text


def gap(name: str, lead: str, behind: str) -> str:
    return f"{name} ({lead} vs {behind})"


def type_comparison(ahead: bool, other: str, gaps: Sequence[str]) -> str:
    return f"{'Ahead of' if ahead else 'Behind'} {other} mainly on: {'; '.join(gaps)}."


def typical_cost(cost) -> str:  # noqa: ANN001
    return (f"Typical cost for this team: {euro_range(cost.total)} over "
            f"{plural(cost.horizon_years, 'year')} for {plural(cost.seats, 'user')}.")


def every_kind_ruled_out() -> str:
    return "Every kind of solution is ruled out by the answers or the must-haves."


def type_headline(lead, other, margin: float, ruled: Sequence[tuple[str, list[str]]]) -> str:  # noqa: ANN001
    parts = []
    if other is not None:
        score = f"{lead.score * 100:.0f} points against {other.score * 100:.0f}"
        if lead.score - other.score < margin:
            parts.append(f"{score} — about as good a fit as {other.name}; the vendors decide")
        else:
            parts.append(f"{score} for {other.name}")
    for name, answers in ruled:
        said = "; ".join(clause(a) for a in answers)
        parts.append(f"{name} is ruled out ({said or 'by a must-have'})")
    return f"{lead.name} fits best" + (": " + "; ".join(parts) if parts else "") + "."


def group_reason(group: str, gain: float, criterion: str, lead: str, behind: str,
                 runner: str) -> str:
    return (f"{group}: +{points(gain)} points over {runner}, mostly {criterion} ({lead} against "
            f"{behind}).")


def no_strong_reason(winner: str, runner: str) -> str:
    return (f"{winner} is ahead of {runner} by many small margins rather than any single strong "
            "reason.")


def settle(name: str, span: float, values: Sequence[tuple[str, str]], evidence: str) -> str:
    said = "; ".join(f"{who} {value}" for who, value in values)
    return f"{name} ({points(span)} points apart: {said}; the least sure value rests on {evidence})"


def tie_by_cost(cheapest, dearest) -> str:  # noqa: ANN001
    low = dearest.cost.total.low - cheapest.cost.total.high
    high = dearest.cost.total.high - cheapest.cost.total.low
    if high <= 0:
        return ""
    if low <= 0:
        return (f"On cost the two cannot be told apart yet: {cheapest.name} "
                f"{euro_range(cheapest.cost.total)}, {dearest.name} "
                f"{euro_range(dearest.cost.total)} "
                f"over {plural(cheapest.cost.horizon_years, 'year')}.")
    diff = Range(low=low, high=high)
    return (f"On cost, {cheapest.name} is {euro_range(diff)} cheaper than {dearest.name} over "
            f"{plural(cheapest.cost.horizon_years, 'year')}: if the team cannot separate them on "
            "fit, cost decides.")


def value_for_money(efficient) -> str:  # noqa: ANN001
    if not efficient:
        return "No priced offering passes every must-have, so value for money cannot be shown."
    names = [f"{r.name} ({euro_range(r.cost.total)}, {points(r.score)} points)" for r in efficient]
    if len(efficient) == 1:
        return (f"{names[0]} is both the best and the cheapest among the priced offerings that "
                "pass: no other offering gives more for less.")
    return (f"Best value for money (no other offering is both better and cheaper), cheapest "
            f"first: {'; '.join(names)}. Moving along this list buys more fit for more money.")


def group_moved(agreed: float, final: float, moves) -> str:  # noqa: ANN001
    """What moved a group's weight between the agreed and the final share ("" if nothing did),
    as a table cell says it: "Your answers: …".

    A group no rule touched still moves when rules raise or lower the others: its share of the
    total changes, and that is said rather than blamed on answers that never concerned it.
    """
    if abs(final - agreed) < 0.0005:
        return ""
    answers = list(dict.fromkeys(t.because for t in moves if t.because))
    if answers:
        return f"Your answers: {listing(answers)}"
    if final < agreed:
        return "No rule changed it: its share fell because rules raised other groups"
    return "No rule changed it: its share grew because rules lowered other groups"


def group_change(name: str, agreed: float, final: float, moves) -> str:  # noqa: ANN001
    moved = group_moved(agreed, final, moves)
    if not moved:
        return f"{name}: {percent(agreed)} as agreed"
    moved = moved[:1].lower() + moved[1:]
    return f"{name}: agreed {agreed:.1%}, after the rules {final:.1%} ({moved})"


def default_owner() -> str:
    return "The project lead"


def readiness_answer(text: str, answer: str) -> str:
    return f"{text} — answered “{answer}”"


def unpriced_risk(name: str) -> str:
    return (f"{name} publishes no price for part of what the team needs: its cost is unknown until "
            "the vendor quotes.")


def budget_risk(name: str, cost) -> str:  # noqa: ANN001
    return f"{name} may not fit the budget: {cost.summary}."


def judgement_risk(name: str, evidence) -> str:  # noqa: ANN001
    return (f"{percent(evidence.judgement_share)} of {name}'s score rests on judgement alone: "
            "confirm the scores that matter in a demo or an RFP before signing.")


def claims_risk(name: str, count: int) -> str:
    return (f"{name}: {plural(count, 'claim')} in the vendor's own answers differ from the catalog "
            "and have not been accepted; verify them before they count.")


def unproven_risk(name: str, failures) -> str:  # noqa: ANN001
    said = "; ".join(f.reason for f in failures)
    return f"{name} has must-haves that are not evidenced: {said}."


def close_risk(certainty: str) -> str:
    if certainty == "likely":
        return ("The leader is the favourite but its lead is narrow: a small change in the weights "
                "or one corrected score could change the choice.")
    return ("The leading candidates are too close to call on the evidence so far: the choice "
            "rests on the points that would settle it, not on the ranking.")


def proof_of_concept(names: Sequence[str], criteria: Sequence[str]) -> str:
    return (f"Run a two-week proof of concept with {listing(list(names))} on "
            f"{listing(list(criteria))}, and score what the team sees.")


def proof_of_concept_why() -> str:
    return ("The contenders differ most there, and a prototype tests the functions at small scale "
            "and low cost (Chinese article on ten CRM key factors (001), factor 6).")


def quote_action(name: str) -> str:
    return (f"Ask {name} for a written quote for the team's seats, implementation and support, "
            "and replace the catalog's estimates with it.")


def quote_why() -> str:
    return "Part of the cost rests on list prices or the catalog's default estimates."


def catalog_problems(files: int) -> str:
    return (f"{plural(files, 'catalog file')} had problems and were skipped or partly loaded; run "
            "`crm-selector validate` for details.")


def no_shortlist(n: int) -> str:
    return f"No shortlist: all {plural(n, 'offering')} in the catalog were compared."


def type_mismatch(kind: str, winner) -> str:  # noqa: ANN001
    return (f"The best-fitting kind of solution is {kind.lower()}, but the top offering "
            f"{winner.name} is delivered as "
            f"{listing([n.lower() for n in winner.solution_type_names], 'or')}.")


def inconsistent(view) -> str:  # noqa: ANN001
    text = (f"{view.name}'s pairwise judgments are inconsistent (consistency ratio "
            f"{view.consistency_ratio:.2f}, above {view.consistency_threshold:.2f})")
    if view.revisions:
        text += "; revisit: " + "; ".join(r.text for r in view.revisions[:2])
    return text


def over_budget(names: Sequence[str]) -> str:
    return f"Over budget even at the low estimate: {listing(list(names))}."


def unpriced(names: Sequence[str]) -> str:
    return f"No published price for part of: {listing(list(names))}; ask for quotes."


def claims_to_decide(count: int) -> str:
    return (f"{plural(count, 'vendor claim')} from RFP answers or demos await the team's decision "
            "and do not count yet.")


def no_stakeholders() -> str:
    return "No stakeholders are listed: add the people whose needs and weights count."


def no_weights() -> str:
    return "No stakeholder has weighted the criteria groups yet: all groups count equally for now."


def left_out(names: Sequence[str]) -> str:
    return (f"Not yet weighted, so not in the aggregate: {listing(list(names))}. Ask them to "
            "weight "
            "the groups, or the result reflects only the others.")


def no_business_area() -> str:
    return "No business area is in scope (sales, marketing, service …)."


def no_metric(area: str) -> str:
    return (f"No objective with a success metric for {area}: set metrics before implementation "
            "(002_cdc28874619e9642.txt).")


def not_answered(question: str) -> str:
    return f"Not answered: {question}"


def readiness_unanswered(count: int, total: int) -> str:
    return (f"{count} of {total} readiness checklist items are unanswered (counted as not in "
            "place).")


CERTAINTY_NAMES = {
    "clear": "Clear winner",
    "likely": "Favourite, not yet safe",
    "close": "Too close to call",
    "none": "No recommendation",
}
"""How sure the advisor is, in the words of `headline` and `confidence`, as a scale a view can
show with the current step marked (Robustness.certainty is the key)."""


def headline(winner, lead_type, certainty: str, contenders: Sequence[str]) -> str:  # noqa: ANN001
    if winner is None:
        return "No offering meets every must-have: relax a must-have or widen the shortlist."
    kind = ""
    if lead_type is not None and lead_type.id in winner.solution_types:
        kind = f", delivered as {lead_type.name.lower()}"
    if certainty == "clear":
        return f"Recommended: {winner.name}{kind}."
    if certainty == "likely":
        others = [c for c in contenders if c != winner.name]
        behind = f", narrowly ahead of {listing(others)}" if others else ""
        return f"Leaning towards {winner.name}{kind}{behind}: the favourite, not yet a safe pick."
    return f"No clear winner between {listing(list(contenders) or [winner.name])}."


def confidence(winner, robustness, n_samples: int, margin_needed: float) -> str:  # noqa: ANN001
    if winner is None:
        return "No recommendation can be made yet."
    p = robustness.probability_first.get(winner.id)
    lead = (f"{winner.name} leads by "
            f"{lead_points(robustness.margin, margin_needed)} points of 100")
    chance = (f"comes first in {percent(p)} of {n_samples:,} plausible weightings and scores"
              if p is not None and n_samples else "")
    if robustness.certainty == "clear":
        if not chance:
            return f"{lead} (probability of first place not computed in this quick view)."
        word = ("Very likely the best fit" if p >= 0.8 else "Likely the best fit" if p >= 0.6
                else "Probably the best fit")
        return f"{word}: {lead} and {chance}."
    needed = f"a clear lead needs {margin_needed * 100:g}"
    if robustness.certainty == "likely":
        return (f"The favourite, but not certain: {lead} ({needed}) and {chance}; one in "
                f"{max(2, round(1 / max(1 - p, 1e-9)))} plausible cases puts another first.")
    if chance:
        return f"Too close to call: {lead} ({needed}) and {chance} — not enough to choose on."
    return f"Too close to call: {lead} ({needed})."


# ---- provenance ---------------------------------------------------------------------------


def history_note(changed: dt.datetime, first: tuple[dt.datetime, str]) -> str:
    when, what = first
    return (f"Weights were changed on {changed:%Y-%m-%d %H:%M} UTC, after {what} on "
            f"{when:%Y-%m-%d %H:%M} UTC: this is how evaluations get bent toward a favourite. "
            "Review the weight changes.")


def scores_seen_event() -> str:
    return "the team had looked at the scores"


def override_event(vendor: str, criterion: str) -> str:
    return f"the team entered its own score ({vendor}, {criterion})"


def claim_event(vendor: str) -> str:
    return f"the team recorded {vendor}'s claims"


def date_source(source: str) -> str:
    return {
        "argument": "the date given with --date",
        "environment": "SOURCE_DATE_EPOCH",
        "project": "the project's date",
        "history": "the project's latest recorded event",
        "today": "today's date (the project holds no date: set `date` in it to reproduce this)",
    }.get(source, source)


def rollout_undecided() -> str:
    return ("The plan names business areas, not one vendor's modules: the choice between the "
            "contenders is not made yet.")


def from_business_areas(names: Sequence[str]) -> str:
    return f"{listing(list(names))} (the business areas in scope)"


def from_readiness(answer: str) -> str:
    return f"{'yes' if answer in ('yes', 'partly') else 'no'} (readiness checklist: “{answer}”)"
