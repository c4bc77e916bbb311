"""Many events: the same two sides compared event by event, in date order.

``timeline(corpus, options)`` runs :func:`~framing.compare.compare` once per
event and keeps, per event, the numbers that show a relationship drifting: the
overlap cosine, the sentiment gap, the descriptor diff and the ratio of the two
accounts' lengths. Events where one of the two sides said nothing are listed
with the reason, never dropped, so a gap in the record stays visible.

>>> from framing import corpus_from_texts
>>> c = corpus_from_texts({"A": "Talks were candid.", "B": "Talks were candid."}, event="e1")
>>> [(r.event, r.compared, round(r.cosine, 3)) for r in timeline(c, CompareOptions())]
[('e1', True, 1.0)]
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from framing.analyses.descriptors import DescriptorDiff
from framing.comparison import compare
from framing.errors import OptionsError
from framing.inputs.corpus import Corpus, CorpusError
from framing.results import CompareOptions, Comparison

__all__ = ["EventComparison", "timeline", "plan_events", "timeline_table", "descriptor_usage", "descriptor_table", "agenda_usage",
           "render_timeline_text", "parse_date", "event_label"]

NAN = float("nan")


@dataclass(frozen=True)
class EventComparison:
    """One event of a timeline: its comparison, or why there is none.

    ``date`` is the event's earliest document date as ``YYYY-MM-DD`` (or the
    date as written when it is not an ISO date, or "" when no document has
    one). ``comparison`` is None when the event could not be compared, and
    ``reason`` then says why and what would fix it.
    """

    event: str
    date: str
    sides: tuple[str, str]
    comparison: Comparison | None = None
    reason: str = ""
    #: set when a document's date could not be read (the event is then placed after dated events)
    date_note: str = ""

    @property
    def compared(self) -> bool:
        return self.comparison is not None

    @property
    def cosine(self) -> float:
        """Overlap cosine of the two pooled accounts (NaN when not compared)."""
        return self.comparison.overlap.cosine if self.compared else NAN

    @property
    def sentiment_gap(self) -> float:
        """Mean VADER compound of side A minus side B (NaN when not compared or a side has no sentence)."""
        if not self.compared:
            return NAN
        a, b = self.sides
        return self.comparison.sentiment[a].mean - self.comparison.sentiment[b].mean

    @property
    def words(self) -> dict:
        """Words per side ({} when not compared)."""
        return {s: self.comparison.lengths[s]["words"] for s in self.sides} if self.compared else {}

    @property
    def length_ratio(self) -> float:
        """Words of side A divided by words of side B (NaN when not compared or B has no words)."""
        if not self.compared:
            return NAN
        a, b = self.sides
        words = self.words
        return words[a] / words[b] if words[b] else NAN

    @property
    def descriptor_diff(self) -> DescriptorDiff | None:
        return self.comparison.descriptor_diff if self.compared else None

    @property
    def duration(self) -> dict:
        """Each side's words about the event's length (the duration facet: "lengthy", "two-hour"), kept out
        of its descriptors and their diff ({} when not compared)."""
        return {s: list(self.comparison.descriptor_duration.get(s, ())) for s in self.sides} if self.compared else {}

    def summary(self) -> dict:
        """The timeline's numbers for this event (JSON-ready: unknown numbers are None)."""
        return {"cosine": _num(self.cosine), "sentiment_gap": _num(self.sentiment_gap),
                "length_ratio": _num(self.length_ratio), "words": self.words or None}

    def to_dict(self) -> dict:
        """``event``, ``date``, then the same keys as ``Comparison.to_dict()``, plus ``compared``,
        ``reason`` and ``summary``. An event that was not compared has ``compared: false``, its
        ``reason``, ``sides`` and ``summary``, and none of the comparison's keys."""
        head = {"event": self.event, "date": self.date or None}
        if self.compared:
            body = {k: v for k, v in self.comparison.to_dict().items() if k != "event"}
        else:
            body = {"sides": list(self.sides)}
        return {**head, **body, "compared": self.compared, "reason": self.reason or None,
                "date_note": self.date_note or None, "summary": self.summary()}


def _num(x: float):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def parse_date(raw: str) -> date | None:
    """An ISO date (``2023-06-18``, ``20230618``) or date-time (``2023-06-18T09:00:00Z``); else None.

    >>> parse_date("2023-06-18T09:30:00+08:00"), parse_date("18 June 2023")
    (datetime.date(2023, 6, 18), None)
    """
    raw = (raw or "").strip()
    if not raw:
        return None
    for parse in (lambda s: date.fromisoformat(s), lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(raw)
        except ValueError:
            continue
    return None


def _event_date(corpus: Corpus, event: str) -> tuple[str, tuple, str]:
    """The event's date, its sort key and a note about unreadable dates."""
    raw = [d.date for d in corpus.documents if d.event == event and d.date.strip()]
    parsed = [p for p in (parse_date(r) for r in raw) if p is not None]
    if parsed:
        first = min(parsed).isoformat()
        return first, (0, first, event), ""
    if raw:
        note = (f"date {raw[0]!r} is not an ISO date; write it as YYYY-MM-DD (e.g. 2023-06-18) "
                "to place the event in time")
        return raw[0], (1, "", event), note
    return "", (1, "", event), ""


def _timeline_sides(corpus: Corpus, options: CompareOptions) -> tuple[str, str]:
    present = corpus.sides
    sides = options.sides
    if sides is None:
        if len(present) < 2:
            raise CorpusError(f"the corpus has only one side ({present[0]!r}); a timeline compares two sides: "
                              "add the other side's documents")
        if len(present) > 2:
            raise CorpusError(f"the corpus has {len(present)} sides ({', '.join(present)})", "choose two of them", setting="sides")
        return present[0], present[1]
    if len(sides) != 2 or sides[0] == sides[1]:
        raise CorpusError(f"sides {list(sides)!r} are not two different sides", "choose two different sides to compare", setting="sides")
    for side in sides:
        if side not in present:
            raise CorpusError(f"side {side!r} is not in the corpus", f"choose from: {', '.join(map(repr, present))}", setting="sides")
    return sides[0], sides[1]


def timeline(corpus: Corpus, options: CompareOptions = CompareOptions()) -> list[EventComparison]:
    """Compare the same two sides on every event of ``corpus``, in date order.

    Parameters
    ----------
    corpus : Corpus
        Documents of one or more events (``event``, and ideally ``date``, per document).
    options : CompareOptions
        Settings for every event's comparison; ``options.event`` is ignored.
        ``options.sides`` may be None when the corpus has exactly two sides.

    Returns
    -------
    list of EventComparison
        One per event, sorted by date, then by event name; events without a
        readable date come last. An event lacking one of the two sides, or
        whose comparison the settings cannot produce (``min_df`` above its
        number of documents, say), is listed with ``reason`` set.

    Raises
    ------
    CorpusError
        An empty corpus, a side not in the corpus, or more than two sides and none picked.
    OptionsError
        Settings that are invalid for any corpus (an n-gram range of (2, 1)).
    """
    sides, plan = plan_events(corpus, options)
    out = []
    for event, when, note, reason in plan:
        if reason:
            out.append(EventComparison(event, when, sides, reason=reason, date_note=note))
            continue
        try:
            result = compare(corpus, replace(options, event=event, sides=sides))
        except (CorpusError, OptionsError) as exc:
            out.append(EventComparison(event, when, sides, reason=str(exc), date_note=note))
            continue
        out.append(EventComparison(event, when, sides, comparison=result, date_note=note))
    return out


def plan_events(corpus: Corpus, options: CompareOptions) -> tuple[tuple[str, str], list[tuple[str, str, str, str]]]:
    """The timeline's two sides and its events in order, each as (event, date, date note, reason): the
    reason is set when the event lacks a side (it is listed, not compared). Only documents' event, side
    and date are read, so an engine that compares events elsewhere (framing.scale) plans with the same rules.

    Raises
    ------
    CorpusError, OptionsError
        As :func:`timeline`.
    """
    if not len(corpus):
        raise CorpusError("the corpus has no documents; load a file with at least one document per side")
    options.overlap.validate()
    options.align.validate()
    sides = _timeline_sides(corpus, options)
    dated = sorted((_event_date(corpus, e) + (e,) for e in corpus.events), key=lambda t: t[1])
    plan = []
    for when, _key, note, event in dated:
        present = corpus.select(event=event).sides
        missing = [s for s in sides if s not in present]
        reason = (f"no document from {' or '.join(map(repr, missing))} in this event (it has "
                  f"{', '.join(map(repr, present))}); add that side's account to compare it") if missing else ""
        plan.append((event, when, note, reason))
    return sides, plan


def event_label(result: EventComparison) -> str:
    """A short unique-enough label for charts and table columns: ``2023-06-18 · event``."""
    return f"{result.date} · {result.event}" if result.date else result.event


def timeline_table(results: list[EventComparison]) -> pd.DataFrame:
    """One row per event, in timeline order.

    Columns: ``event``, ``date``, ``compared``, ``cosine``, ``sentiment_gap``
    (A minus B), ``tone <A>``, ``tone <B>``, ``length_ratio`` (A words / B
    words), ``words <A>``, ``words <B>``, ``shared``, ``only <A>``,
    ``only <B>`` (descriptors, comma-separated), ``note`` (why an event
    was not compared, or why its date could not be read), then ``duration <A>`` and ``duration <B>``
    (each side's words about the event's length, comma-separated: kept out of the descriptor columns).
    Numbers are unrounded; unknown ones are NaN.
    """
    if not results:
        return pd.DataFrame(columns=["event", "date", "compared", "cosine", "sentiment_gap", "length_ratio", "note"])
    a, b = results[0].sides
    rows = []
    for r in results:
        c, diff = r.comparison, r.descriptor_diff
        rows.append({
            "event": r.event, "date": r.date, "compared": r.compared,
            "cosine": r.cosine, "sentiment_gap": r.sentiment_gap,
            f"tone {a}": c.sentiment[a].mean if c else NAN, f"tone {b}": c.sentiment[b].mean if c else NAN,
            "length_ratio": r.length_ratio,
            f"words {a}": r.words.get(a, pd.NA), f"words {b}": r.words.get(b, pd.NA),
            "shared": ", ".join(diff.shared) if diff else "",
            f"only {a}": ", ".join(diff.only_a) if diff else "",
            f"only {b}": ", ".join(diff.only_b) if diff else "",
            "note": r.reason or r.date_note,
            f"duration {a}": ", ".join(r.duration.get(a, ())), f"duration {b}": ", ".join(r.duration.get(b, ())),
        })
    table = pd.DataFrame(rows)
    for column in (f"words {a}", f"words {b}"):
        table[column] = table[column].astype("Int64")
    return table


def descriptor_usage(results: list[EventComparison]) -> pd.DataFrame:
    """Which side used which descriptor when, one row per (event, side, descriptor).

    Columns: ``date``, ``event``, ``side``, ``descriptor``, ``uses`` (how many
    times the side applied it to the event) and ``example`` (the first
    sentence where it did). Rows follow the timeline, then each side's order.
    """
    rows = []
    for r in results:
        if not r.compared:
            continue
        for side in r.sides:
            evidence = r.comparison.descriptor_evidence[side]
            for word in r.comparison.descriptors[side]:
                hits = [m for m in evidence if m.descriptor == word]
                rows.append({"date": r.date, "event": r.event, "side": side, "descriptor": word,
                             "uses": len(hits), "example": hits[0].sentence if hits else ""})
    return pd.DataFrame(rows, columns=["date", "event", "side", "descriptor", "uses", "example"])


def descriptor_table(results: list[EventComparison]) -> pd.DataFrame:
    """Descriptors (rows, in order of first use) by compared event (columns, in timeline order).

    A cell names the side that used the descriptor at that event: a side's
    label, ``both``, or "" when neither did. Column names come from
    :func:`event_label`.
    """
    compared = [r for r in results if r.compared]
    columns = [event_label(r) for r in compared]
    order: dict[str, None] = {}
    for r in compared:
        for side in r.sides:
            order.update(dict.fromkeys(r.comparison.descriptors[side]))
    cells = {}
    for r, column in zip(compared, columns):
        a, b = r.sides
        used_a, used_b = set(r.comparison.descriptors[a]), set(r.comparison.descriptors[b])
        cells[column] = ["both" if w in used_a and w in used_b else a if w in used_a else b if w in used_b else ""
                         for w in order]
    table = pd.DataFrame(cells, index=pd.Index(list(order), name="descriptor"), columns=columns)
    return table


def agenda_usage(results: list[EventComparison]) -> pd.DataFrame:
    """Which side raised which topic when (issue 14), one row per (event, topic).

    Columns: ``date``, ``event``, ``topic``, ``label``, ``raised_by`` (a side's label or ``both``)
    and ``sentences`` (how many sentences of the two sides raised it). Rows follow the timeline,
    then the order of :attr:`Agenda.shared` and each side's topics of its own.
    """
    rows = []
    for r in results:
        if not r.compared or r.comparison.agenda is None:
            continue
        agenda = r.comparison.agenda
        counts = {t: len(i) for s in agenda.sides for t, i in agenda.by_side[s]}
        both = {t: sum(len(i) for s in agenda.sides for x, i in agenda.by_side[s] if x == t) for t in agenda.shared}
        for topic, side in [(t, "both") for t in agenda.shared] + [(t, s) for s in agenda.sides for t in agenda.only[s]]:
            rows.append({"date": r.date, "event": r.event, "topic": topic, "label": agenda.labels.get(topic, topic),
                         "raised_by": side, "sentences": both[topic] if side == "both" else counts[topic]})
    return pd.DataFrame(rows, columns=["date", "event", "topic", "label", "raised_by", "sentences"])


def _fmt(x: float, spec: str) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


def render_timeline_text(results: list[EventComparison]) -> str:
    """A readable table of a timeline (numbers rounded for reading only)."""
    if not results:
        return "No events.\n"
    a, b = results[0].sides
    out = [f"Sides: {a} vs {b} · {len(results)} event(s), {sum(r.compared for r in results)} compared", "",
           f"{'date':<10}  {'cosine':>6}  {'tone gap':>8}  {'words ratio':>11}  event / descriptors"]
    for r in results:
        if not r.compared:
            out.append(f"{r.date or '-':<10}  {'':>6}  {'':>8}  {'':>11}  {r.event}")
            out.append(f"{'':<43}not compared: {r.reason}")
            continue
        d = r.descriptor_diff
        out.append(f"{r.date or '-':<10}  {_fmt(r.cosine, '.3f'):>6}  {_fmt(r.sentiment_gap, '+.3f'):>8}  "
                   f"{_fmt(r.length_ratio, '.2f'):>11}  {r.event}")
        out.append(f"{'':<43}shared: {', '.join(d.shared) or '-'}; only {a}: {', '.join(d.only_a) or '-'}; "
                   f"only {b}: {', '.join(d.only_b) or '-'}")
        if any(r.duration.values()):   # the duration facet: beside the descriptors, never in them
            out.append(f"{'':<43}how long it lasted: " + "; ".join(f"{s}: {', '.join(r.duration[s]) or '-'}" for s in r.sides))
        if r.date_note:
            out.append(f"{'':<43}note: {r.date_note}")
    out += ["", f"tone gap: mean VADER compound of {a} minus {b}; words ratio: {a} words / {b} words"]
    return "\n".join(out) + "\n"
