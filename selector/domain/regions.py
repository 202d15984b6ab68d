"""Countries and regions, so "hosted in the EU" and "in our own country" can be checked.

Vendor files list the countries of their data centres as ISO 3166-1 codes in lower case
(`eu` when a source says only "the EU"); a team names its country in its own words.
"""

from __future__ import annotations

EU_EEA: frozenset[str] = frozenset(
    ["at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie", "it", "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk", "is", "li", "no"]
)
"""The EU member states and the other EEA countries (Iceland, Liechtenstein, Norway)."""

_COUNTRIES: dict[str, str] = {
    "sweden": "se", "sverige": "se",
    "denmark": "dk", "danmark": "dk",
    "norway": "no", "norge": "no", "noreg": "no",
    "finland": "fi", "suomi": "fi",
    "iceland": "is", "ísland": "is",
    "germany": "de", "deutschland": "de",
    "austria": "at", "österreich": "at",
    "switzerland": "ch", "schweiz": "ch", "suisse": "ch",
    "netherlands": "nl", "the netherlands": "nl", "nederland": "nl",
    "belgium": "be", "belgië": "be", "belgique": "be",
    "france": "fr", "spain": "es", "españa": "es", "portugal": "pt", "italy": "it",
    "italia": "it", "ireland": "ie", "poland": "pl", "polska": "pl", "czechia": "cz",
    "czech republic": "cz", "estonia": "ee", "latvia": "lv", "lithuania": "lt",
    "luxembourg": "lu", "greece": "gr", "hungary": "hu", "romania": "ro", "bulgaria": "bg",
    "croatia": "hr", "slovakia": "sk", "slovenia": "si", "cyprus": "cy", "malta": "mt",
    "united kingdom": "gb", "uk": "gb", "great britain": "gb", "england": "gb",
    "united states": "us", "usa": "us", "united states of america": "us", "canada": "ca",
    "china": "cn", "中国": "cn", "people's republic of china": "cn", "prc": "cn",
    "hong kong": "hk", "japan": "jp", "日本": "jp", "india": "in", "singapore": "sg",
    "australia": "au", "new zealand": "nz", "brazil": "br", "brasil": "br", "mexico": "mx",
    "south africa": "za", "saudi arabia": "sa", "united arab emirates": "ae", "uae": "ae",
    "south korea": "kr", "korea": "kr", "israel": "il", "turkey": "tr", "türkiye": "tr",
}


def country_code(name: str) -> str | None:
    """The ISO code of a country as a team writes it ("Sweden", "Sverige", "SE", "中国")."""
    text = name.strip().lower()
    if not text:
        return None
    if len(text) == 2 and text.isalpha() and text.isascii():
        return "gb" if text == "uk" else text
    return _COUNTRIES.get(text)
