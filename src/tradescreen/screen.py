"""Check one name against the loaded lists, and compare two names.

`Screener` is the package's front door: the CLI, batch, scan and the API all call it.
Name similarity comes from the scorer; the qualifiers here (schema, country, birth date)
only ever lower a score or filter, so a name never matches *because* of a country.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tradescreen.index import Index, query_forms
from tradescreen.matching.scorer import ALGORITHM, THRESHOLD, compare_names, score_names
from tradescreen.model import Entity, Feature, Match
from tradescreen.names.analyze import ANY, ORG, PERSON, NameForm, kind_of_schema
from tradescreen.names.residue import alternatives
from tradescreen.names.text import clean
from tradescreen.sources.base import country_code

if TYPE_CHECKING:
    from tradescreen.scan.mentions import ScanResult

MAX_QUERY_CHARS = 1000


class QueryError(ValueError):
    """The query itself is unusable (empty, no letters); the message says why."""


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    schema: str | None = None
    countries: tuple[str, ...] = ()
    birth_date: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "schema": self.schema, "countries": list(self.countries),
                "birth_date": self.birth_date}


def _schema_ok(query_schema: str | None, entity_schema: str) -> bool:
    if not query_schema:
        return True
    qk, ek = kind_of_schema(query_schema), kind_of_schema(entity_schema)
    if query_schema == entity_schema or ANY in (qk, ek):
        return True
    if query_schema in ("Vessel", "Aircraft"):
        return entity_schema == query_schema
    return qk == ek


def _years(dates: Iterable[str]) -> set[int]:
    out = set()
    for d in dates:
        if d[:4].isdigit():
            out.add(int(d[:4]))
    return out


class Screener:
    """Screens names against an index of entities; build once, query many times."""

    algorithm = ALGORITHM
    threshold = THRESHOLD

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.index = Index(entities)

    @classmethod
    def from_snapshot(cls, datasets: Iterable[str] | None = None) -> Screener:
        from tradescreen import snapshot

        return cls(snapshot.load(datasets))

    def get(self, entity_id: str) -> Entity | None:
        pos = self.index.entities.position(entity_id)
        return None if pos is None else self.index.entities[pos]

    def check(
        self,
        name: str,
        schema: str | None = None,
        countries: Iterable[str] = (),
        birth_date: str | None = None,
        limit: int = 10,
        threshold: float | None = None,
    ) -> list[Match]:
        """Listed entities whose names match `name`, best first, at or above the threshold."""
        query = self.make_query(name, schema, countries, birth_date)
        return self.check_query(query, limit, self.threshold if threshold is None else threshold)

    @staticmethod
    def make_query(name: str, schema: str | None = None, countries: Iterable[str] = (),
                   birth_date: str | None = None) -> Query:
        if not isinstance(name, str) or not clean(name):
            raise QueryError("the name is empty")
        codes = tuple(country_code(c) or c.strip().upper() for c in countries if c and c.strip())
        return Query(clean(name)[:MAX_QUERY_CHARS], schema, codes, birth_date)

    def check_query(self, query: Query, limit: int = 10,
                    threshold: float = THRESHOLD) -> list[Match]:
        alts = alternatives(query.name)
        all_forms = [query_forms(a, query.schema) for a in alts]
        if all(f.empty for forms in all_forms for f in forms.values()):
            raise QueryError(f"the name {query.name!r} has no letters or digits to compare")
        best: dict[int, Match] = {}
        for forms in all_forms:
            self._check_forms(query, forms, threshold, best)
        out = [m for m in best.values() if m.score >= threshold]
        out.sort(key=lambda m: (-m.score, m.entity.id))
        return out[:limit]

    def _check_forms(self, query: Query, forms: dict[str, NameForm], threshold: float,
                     best: dict[int, Match]) -> None:
        idf = self.index.idf
        for ni in self.index.candidates(forms.values()):
            cand = self.index.names[ni]
            if not _schema_ok(query.schema, self.index.entities.schemas[cand.entity]):
                continue
            ck = cand.form.kind
            qf = forms.get(ck) or forms.get(ORG if ck == ANY else PERSON) or next(iter(forms.values()))
            score, feats = score_names(qf, cand.form, idf)
            if cand.kind == "weak_alias":
                score *= 0.9
                feats.append(Feature("weak_alias", 0.9, 1.0, "matched a weak (low-quality) alias"))
            prev = best.get(cand.entity)
            if score < threshold or (prev is not None and score <= prev.score):
                continue  # qualifiers only ever lower a score
            entity = self.index.entities[cand.entity]
            score, feats = self._qualify(query, entity, score, feats)
            if prev is None or score > prev.score:
                best[cand.entity] = Match(entity, cand.value, score, feats)

    @staticmethod
    def _qualify(query: Query, e: Entity, score: float,
                 feats: list[Feature]) -> tuple[float, list[Feature]]:
        if query.countries:
            theirs = set(e.countries) | set(e.nationalities)
            if theirs and not theirs & set(query.countries):
                score *= 0.85
                feats.append(Feature("country", 0.85, 1.0,
                                     f"country {'/'.join(query.countries)} not among "
                                     f"{'/'.join(sorted(theirs))}"))
            elif theirs:
                feats.append(Feature("country", 1.0, 0.0, "country agrees"))
        if query.birth_date and e.birth_dates:
            qy = _years([query.birth_date])
            ey = _years(e.birth_dates)
            if qy and ey:
                if any(abs(a - b) <= 1 for a in qy for b in ey):
                    exact = query.birth_date in e.birth_dates
                    feats.append(Feature("birth_date", 1.0, 0.0,
                                         "birth date agrees" if exact else "birth year agrees"))
                else:
                    score *= 0.6
                    feats.append(Feature("birth_date", 0.6, 1.0,
                                         f"born {query.birth_date}, listed person born "
                                         f"{', '.join(e.birth_dates)}"))
        return score, feats

    def scan(self, text: str, threshold: float | None = None) -> ScanResult:
        """Every listed party named in free text, with offsets (see tradescreen.scan)."""
        from tradescreen.scan.mentions import scan_text

        return scan_text(self, text, threshold)

    def compare(self, name1: str, name2: str, schema: str | None = None
                ) -> tuple[float, list[Feature]]:
        """Two names scored with this index's rarity weights."""
        for n in (name1, name2):
            if not isinstance(n, str) or not clean(n):
                raise QueryError("both names must be non-empty")
        return compare_names(clean(name1), clean(name2), kind_of_schema(schema), self.index.idf)


__all__ = ["Query", "QueryError", "Screener", "PERSON", "ORG"]
