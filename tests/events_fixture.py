"""A generated multi-event corpus for the timeline tests: 12 events, 3 sides, one event lacking a side.

Made by code, not shipped: each event's accounts come from templates, so the descriptors
each side uses drift over time the way the tests expect (US stops saying "constructive"
after event 6; China says "pragmatic" instead of "in-depth" from event 8 on), and the
rows are written out of date order so sorting is tested too.
"""
from __future__ import annotations

import csv
import io
from datetime import date

SIDES = ("US", "China", "EU")
PLACES = ("Beijing", "Washington", "Bali", "Geneva", "Jakarta", "Vienna", "Lima", "Seoul", "Nairobi", "Oslo",
          "Hanoi", "Ottawa")
TOPICS = ("trade", "climate", "export controls", "fentanyl", "Taiwan", "military channels", "tariffs", "students",
          "debt relief", "artificial intelligence", "shipping", "visas")
#: The event (0-based) where China sent no readout: it is listed, not compared.
MISSING_CHINA = 9


def event_name(i: int) -> str:
    return f"Round {i + 1:02d}, {PLACES[i]}"


def event_date(i: int) -> str:
    return date(2023, i + 1, 15).isoformat()


def us_descriptors(i: int) -> tuple[str, str]:
    return ("candid", "constructive") if i < 6 else ("candid", "direct")


def china_descriptors(i: int) -> tuple[str, str]:
    return ("candid", "in-depth") if i < 8 else ("candid", "pragmatic")


def rows() -> list[dict]:
    """Every document as a dict with event, date, side and text; written newest event first."""
    out = []
    for i in reversed(range(len(PLACES))):
        place, topic, other = PLACES[i], TOPICS[i], TOPICS[(i + 3) % len(TOPICS)]
        us = us_descriptors(i)
        out.append({"event": event_name(i), "date": event_date(i), "side": "US",
                    "text": (f"The meeting in {place} was {us[0]} and {us[1]}. The Secretary raised {topic} and "
                             f"{other}. " + ("We welcome the progress and hope for good cooperation."
                                             if i % 2 == 0 else "We remain deeply concerned about unfair practices.")
                             + " " + "The Secretary also discussed regional security." * (1 + i % 3))})
        if i != MISSING_CHINA:
            cn = china_descriptors(i)
            out.append({"event": event_name(i), "date": event_date(i), "side": "China",
                        "text": (f"The two sides held {cn[0]} and {cn[1]} talks in {place}. China stated its "
                                 f"position on {topic}. " + ("Both sides agreed to strengthen friendly exchanges."
                                                             if i % 3 else "China firmly opposes the harmful sanctions."))})
        if i % 2 == 0:
            out.append({"event": event_name(i), "date": event_date(i), "side": "EU",
                        "text": f"The EU noted the talks in {place} on {topic} and called for calm."})
    return out


def csv_bytes(data: list[dict] | None = None) -> bytes:
    """The corpus as a CSV file with event, date, side and text columns."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=["event", "date", "side", "text"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows() if data is None else data)
    return buffer.getvalue().encode("utf-8")
