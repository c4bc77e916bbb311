"""The text summary of a comparison (``python -m framing compare --format text``): the figures an analyst
reads first, rounded for reading only. Reads a :class:`~framing.results.Comparison` (its JSON dict without
the per-sentence lists), nothing else."""
from __future__ import annotations

from dataclasses import replace

from framing.results import Comparison

__all__ = ["render_text"]


def _fmt(x) -> str:
    return "n/a" if x is None else f"{x:+.3f}"


def _without_sentence_lists(result: Comparison) -> Comparison:
    """The comparison without what the summary does not show: every sentence's score and words, the
    descriptor evidence, the register's matches and per-sentence table (read from the objects).
    Their dict for a 50 MB document took over 2 GB; the summary's figures are computed before, so
    they are unchanged."""
    sentiment = {s: replace(v, sentences=v.sentences.iloc[:0]) for s, v in result.sentiment.items()}
    register = {s: replace(r, matches=(), sentences=()) for s, r in result.register.items()}
    return replace(result, sentiment=sentiment, register=register,
                   descriptor_evidence={s: [] for s in result.sides}, duration_evidence={s: [] for s in result.sides})


def render_text(result: Comparison) -> str:
    """A readable summary of a comparison (the numbers rounded for reading only)."""
    d = _without_sentence_lists(result).to_dict()
    a, b = d["sides"]
    out = [f"Event: {d['event']}", f"Sides: {a} vs {b}", ""]
    desc = d["descriptors"]
    out += ["How each side characterised it:",
            f"  shared:       {', '.join(desc['shared']) or '(none)'}",
            f"  only {a}: {'':<{max(0, 7 - len(a))}}{', '.join(desc['only'][a]) or '(none)'}",
            f"  only {b}: {'':<{max(0, 7 - len(b))}}{', '.join(desc['only'][b]) or '(none)'}", ""]
    length = d.get("descriptor_duration", {}).get("by_side", {})
    if any(length.get(s) for s in (a, b)):   # the duration facet: beside the diff, never in it
        out[-1:] = ["  how long it lasted (not in the diff): "
                    + "; ".join(f"{s}: {', '.join(length.get(s, [])) or '(none)'}" for s in (a, b)), ""]
    ov = d["overlap"]
    terms = ", ".join(f"{t['term']} ({t['share']:.0%})" for t in ov["shared_terms"][:8])
    crossed = d.get("cross_language")   # two languages (issue 13): no overlap or distinctive terms to read
    out += ["TF-IDF overlap: not comparable (the sides are in two languages)" if crossed else
            f"TF-IDF overlap (cosine, pooled): {ov['cosine']:.3f}", f"  driven by: {terms or '(no shared terms)'}", ""]
    for side in (a, b):
        s, n = d["sentiment"][side], d["lengths"][side]
        tone = ("no VADER score (Chinese: VADER is an English lexicon)" if s["mean"] is None and s.get("reason")
                else f"VADER mean {_fmt(s['mean'])} (95% CI {_fmt(s['ci_low'])} to {_fmt(s['ci_high'])})")
        out.append(f"{side}: {n['words']} words, {n['sentences']} sentences; {tone}")
    out.append("")
    for side in (a, b) if crossed else ():
        shown = ", ".join(f"{t['term']} ({t['count']})" for t in d["per_side_terms"][side][:10])
        out.append(f"Most frequent in {side}: {shown or '(none)'}")
    for side in (a, b) if not crossed else ():
        top = d["distinctive_terms"][side][:10]
        shown = ", ".join(f"{t['term']} (z={t['z']:.2f}{'*' if t['significant'] else ''})" for t in top)
        out.append(f"Distinctive of {side}: {shown or '(none)'}")
    if not crossed:
        out.append(f"  * |z| >= {d['distinctive_summary']['threshold']}")
    only_a = sum(r["status"] == "only_a" for r in d["alignment"])
    only_b = sum(r["status"] == "only_b" for r in d["alignment"])
    matched = sum(r["status"] == "matched" for r in d["alignment"])
    out += ["", f"Alignment: {matched} matched rows, {only_a} claims only {a} makes, {only_b} only {b} makes"]
    out += ["", _register_text(d, result)]
    if d["warnings"]:
        out += ["", "Warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(out) + "\n"


def _register_text(d: dict, result: Comparison) -> str:
    """The register section of the text summary: profile and matches per side, then disagreements."""
    lex = d["options"]["register"]["lexicon"]
    out = [f"Diplomatic register (lexicon {lex['name']}: {lex['rows']} phrases, {lex['unsourced']} unsourced; "
           "* = unsourced reading):"]
    for side in d["sides"]:
        reg = d["register"]["by_side"][side]
        profile = ", ".join(f"{k} {v:+d}" for k, v in reg["profile"].items() if reg["counts"][k])
        seen: dict = {}
        for m in result.register[side].matches:
            if not m.negated:
                label = m.phrase + ("*" if m.status == "unsourced" else "") + (f" ({m.matched})" if m.variant else "")
                seen[label] = seen.get(label, 0) + 1
        phrases = ", ".join(label + (f" x{n}" if n > 1 else "") for label, n in seen.items())
        out.append(f"  {side}: {profile or '(no register phrase)'}")
        if phrases:
            out.append(f"    {phrases}")
    for x in d["register"]["disagreements"]:
        out.append(f"  VADER {x['compound']:+.2f} vs register {x['register_score']:+d} ({x['side']}): {x['sentence']}")
    if d["variants_applied"]:
        out.append("  Variants treated as one term: "
                   + ", ".join(f"{v['variant']} -> {v['canonical']}" for v in d["variants_applied"]))
    return "\n".join(out)
