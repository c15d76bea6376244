"""Where a typed place is: "Lorient", "lorient", "Lorient, Morbihan",
"Saint-Malo (35)", "st malo" or a postcode, located from the communes of Bretagne
the project ships (``extranet/data/communes.csv``, GeoNames, CC BY 4.0, the 663
communes of at least 1,000 inhabitants). No network call, no geocoding service.

A postcode is located through the structures that use it (their town is then
looked up here), since the communes file carries INSEE codes, not postcodes.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .models import Departement

COMMUNES_CSV = Path(__file__).resolve().parent / "data" / "communes.csv"


@dataclass(frozen=True)
class Town:
    name: str
    insee_code: str
    departement: str
    latitude: float
    longitude: float
    population: int

    @property
    def label(self) -> str:
        """ "Lorient (Morbihan)"."""
        return f"{self.name} ({Departement(self.departement).label})"


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by one space: "Saint-Brieuc",
    "saint brieuc" and "ST BRIEUC" are the same."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(
        r"\b(st|ste)\b", lambda m: {"st": "saint", "ste": "sainte"}[m.group(1)], text
    )


@functools.cache
def _towns() -> dict[str, tuple[Town, ...]]:
    found: dict[str, list[Town]] = {}
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            town = Town(
                name=row["name"],
                insee_code=row["insee_code"],
                departement=row["departement"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row["population"]),
            )
            found.setdefault(normalise(town.name), []).append(town)
    return {
        key: tuple(sorted(towns, key=lambda t: -t.population))
        for key, towns in found.items()
    }


def _departement_in(text: str) -> str | None:
    """The département a qualifier names: "Morbihan", "56", "(29)"."""
    words = normalise(text)
    for code, label in Departement.choices:
        if words in (code, normalise(str(label))):
            return code
    return None


def find_town(text: str) -> Town | None:
    """The town ``text`` names, or None; a département after a comma or in
    brackets chooses between towns of the same name."""
    text = (text or "").strip()
    if not text or len(text) > 100:
        return None
    departement = None
    match = re.match(r"^(.*?)\s*(?:,\s*(.+)|\((.+)\))\s*$", text)
    if match:
        name, qualifier = match.group(1), match.group(2) or match.group(3)
        departement = _departement_in(qualifier)
        if departement is None:
            return None
    else:
        name = text
        tail = re.match(r"^(.*\D)\s+(22|29|35|56)$", text)
        if tail:
            name, departement = tail.group(1), tail.group(2)
    towns = _towns().get(normalise(name), ())
    if departement:
        towns = tuple(t for t in towns if t.departement == departement)
    return towns[0] if towns else None


def town_of_postcode(postcode: str, known: dict[str, str]) -> Town | None:
    """The town of a five-digit ``postcode``, through ``known`` (postcode → a
    town name seen with it), within the postcode's département."""
    if not re.fullmatch(r"\d{5}", postcode or "") or postcode not in known:
        return None
    towns = _towns().get(normalise(known[postcode]), ())
    towns = tuple(t for t in towns if postcode.startswith(t.departement))
    return towns[0] if towns else None


def insee_code(city: str, postcode: str) -> str | None:
    """The INSEE code of a structure's town (its name, in its postcode's
    département), when the communes file holds it."""
    towns = _towns().get(normalise(city), ())
    towns = tuple(t for t in towns if (postcode or "").startswith(t.departement))
    return towns[0].insee_code if towns else None


@functools.cache
def _towns_by_insee() -> dict[str, Town]:
    return {t.insee_code: t for towns in _towns().values() for t in towns}


def town_of_insee(code: str) -> Town | None:
    """The commune of Bretagne with this INSEE code, or None (outside the
    region, or too small to be in the file)."""
    return _towns_by_insee().get(code or "")
