"""One benchmark contender on one workload, in a fresh interpreter; prints one JSON line.

    python bench/worker.py CONTENDER CORPUS.csv SIDE_A SIDE_B

CORPUS.csv has columns event,party,speaker,text (what bench/export_convention.py
writes). Contenders (each imports only what it needs, so import time is its own):

- ``framing``        ``framing.compare()`` in full, with the CLI's settings for this corpus
                     (``--stop-words none --ngram 1 1``: unigrams, no stop-word list, as Scattertext)
- ``framing-stages`` the same work as compare(), one public function at a time, each timed
- ``scattertext``    Scattertext 0.2.2 building its corpus and scoring log-odds with the
                     informative Dirichlet prior (the calls of bench/export_convention.py);
                     run with the throwaway environment's interpreter
- ``baseline``       scikit-learn CountVectorizer + TfidfTransformer (pooled cosine) + numpy
                     log-odds (shared/REFERENCES.md section 1), no framing import
- ``vader``          vaderSentiment's polarity_scores on every sentence framing splits

Times: ``import_s`` (imports), ``load_s`` (reading the CSV), ``work_s`` (the analysis),
all from ``time.perf_counter`` inside the process; the parent adds wall time and memory.
"""
import csv
import json
import sys
import time

T0 = time.perf_counter()
csv.field_size_limit(2**31 - 1)


def read_rows(path, sides):
    with open(path, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["party"] in sides]


def run_framing(path, sides, stages):
    # framing imports scikit-learn when a comparison first needs it (so the dashboard's sidebar
    # and the CLI's --help do not wait for it): imported here with the modules compare() uses, it
    # counts as import, as the other contenders' imports do, and "work" stays the analysis
    import sklearn.feature_extraction.text  # noqa: F401

    import framing
    import framing.comparison  # noqa: F401
    from framing import AlignOptions, CompareOptions, OverlapOptions
    t_import = time.perf_counter()
    corpus = framing.load_corpus(path, side_column="party").strict().select(sides=list(sides))
    t_load = time.perf_counter()
    options = CompareOptions(sides=tuple(sides), overlap=OverlapOptions(stop_words="none"),
                             align=AlignOptions(stop_words="none"))
    out = {"import_s": t_import - T0, "load_s": t_load - t_import}
    if not stages:
        result = framing.compare(corpus, options)
        out["work_s"] = time.perf_counter() - t_load
        out["n_sentences"] = sum(result.lengths[s]["sentences"] for s in sides)
        out["n_documents"] = sum(result.lengths[s]["documents"] for s in sides)
        out["alignment_sampled"] = bool(getattr(result.alignment, "sampling", None))
        return out
    from framing.analyses.align import align_sentences
    from framing.analyses.descriptors import find_descriptors_in_texts
    from framing.analyses.distinctive import score_distinctive_terms
    from framing.analyses.overlap import fit_counts, pool_counts, score_overlap
    from framing.analyses.sentiment import score_side
    from framing.comparison import _read_documents
    from framing.text import split_sentences
    texts = {s: corpus.texts(s) for s in sides}
    a, b = sides
    timings = {}

    rss = {}

    def timed(name, fn):
        t = time.perf_counter()
        value = fn()
        timings[name] = time.perf_counter() - t
        rss[name] = _rss_mb()
        return value

    fitted = timed("counts (CountVectorizer fit)", lambda: fit_counts(texts[a], texts[b], options.overlap))
    timed("overlap (TF-IDF, pooled cosine)", lambda: score_overlap(texts[a], texts[b], tuple(sides), options.overlap, fitted=fitted))
    timed("distinctive (log-odds z)", lambda: score_distinctive_terms(
        fitted[0].get_feature_names_out(), *pool_counts(fitted[1], fitted[2]), tuple(sides), options.distinctive))
    timed("descriptors (one core)", lambda: [find_descriptors_in_texts(texts[s]) for s in sides])
    sentences = timed("sentence split (one core)", lambda: {s: [[x.text for x in split_sentences(t)] for t in texts[s]] for s in sides})
    if sum(len(t) for s in sides for t in texts[s]) >= framing.compare.__globals__["PARALLEL_MIN_CHARS"]:
        from framing.parallel import map_chunks
        timed("descriptors + split (both cores, as compare runs them)",
              lambda: [map_chunks(_read_documents, texts[s], chunk_items=200) for s in sides])
    timed("sentiment (VADER rules, bootstrap)", lambda: [score_side(s, texts[s], options.sentiment, sentences=sentences[s]) for s in sides])
    timed("alignment", lambda: align_sentences(texts[a], texts[b], tuple(sides), options.align,
                                               sentences=tuple([x for d in sentences[s] for x in d] for s in sides)))
    try:   # a stage being added to compare() by another change; timed when present
        from framing.analyses.register import score_register
        lexicon = options.register.resolve()
        timed("register (lexicon)", lambda: [_register(score_register, s, texts[s], lexicon, sentences[s]) for s in sides])
    except (ImportError, AttributeError):
        pass
    out["work_s"] = time.perf_counter() - t_load
    out["stages"] = timings
    out["rss_after_stage_mb"] = rss
    return out


def _register(score_register, side, texts, lexicon, sentences):
    """As compare() calls it: with the sentences already split (when this version accepts them)."""
    try:
        return score_register(side, texts, lexicon, sentences=sentences)
    except TypeError:
        return score_register(side, texts, lexicon)


def run_scattertext(path, sides):
    import pandas as pd
    import scattertext as st
    t_import = time.perf_counter()
    df = pd.DataFrame(read_rows(path, sides))
    t_load = time.perf_counter()
    corpus = st.CorpusFromPandas(df, category_col="party", text_col="text",
                                 nlp=st.whitespace_nlp_with_sentences).build().get_unigram_corpus()
    priors = (st.PriorFactory(corpus, category=sides[0], not_categories=[sides[1]],
                              starting_count=0.01).use_all_categories().get_priors())
    tdf = corpus.get_term_freq_df()
    scorer = st.LogOddsRatioInformativeDirichletPrior(priors.reindex(tdf.index), sigma=10, scale_type="none")
    z = scorer.get_zeta_i_j_given_separate_counts(tdf[f"{sides[0]} freq"], tdf[f"{sides[1]} freq"])
    work = time.perf_counter() - t_load
    return {"import_s": t_import - T0, "load_s": t_load - t_import, "work_s": work, "n_terms": int(len(z)),
            "top": list(z.sort_values(ascending=False).index[:5])}


def run_baseline(path, sides):
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
    t_import = time.perf_counter()
    rows = read_rows(path, sides)
    t_load = time.perf_counter()
    texts = [r["text"] for r in rows]
    is_a = np.array([r["party"] == sides[0] for r in rows])
    counts = CountVectorizer().fit_transform(texts).tocsr()
    y = np.vstack([np.asarray(counts[is_a].sum(axis=0)).ravel(), np.asarray(counts[~is_a].sum(axis=0)).ravel()]).astype(float)
    tfidf = TfidfTransformer(norm="l2").fit(counts).transform(y).toarray()
    cosine = float(tfidf[0] @ tfidf[1])
    alpha = y.sum(axis=0) + 0.01
    n, a0 = y.sum(axis=1), alpha.sum()
    delta = (np.log(y[0] + alpha) - np.log(n[0] + a0 - y[0] - alpha)
             - np.log(y[1] + alpha) + np.log(n[1] + a0 - y[1] - alpha))
    z = delta / np.sqrt(1 / (y[0] + alpha) + 1 / (y[1] + alpha))
    order = np.argsort(-z)[:20]
    work = time.perf_counter() - t_load
    return {"import_s": t_import - T0, "load_s": t_load - t_import, "work_s": work, "cosine": cosine,
            "top_z": float(z[order[0]])}


def run_vader(path, sides):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.text import (
        split_sentences,  # the same sentences framing scores (stdlib only)
    )
    t_import = time.perf_counter()
    rows = read_rows(path, sides)
    t_load = time.perf_counter()
    sentences = [s.text for r in rows for s in split_sentences(r["text"])]
    t_split = time.perf_counter()
    analyzer = SentimentIntensityAnalyzer()
    scores = [analyzer.polarity_scores(s)["compound"] for s in sentences]
    work = time.perf_counter() - t_split
    return {"import_s": t_import - T0, "load_s": t_load - t_import, "split_s": t_split - t_load, "work_s": work,
            "n_sentences": len(scores), "sentences_per_s": len(scores) / work if work else None}


def main(argv):
    contender, path, side_a, side_b = argv
    sides = (side_a, side_b)
    if contender == "framing":
        out = run_framing(path, sides, stages=False)
    elif contender == "framing-stages":
        out = run_framing(path, sides, stages=True)
    elif contender == "scattertext":
        out = run_scattertext(path, sides)
    elif contender == "baseline":
        out = run_baseline(path, sides)
    elif contender == "vader":
        out = run_vader(path, sides)
    else:
        raise SystemExit(f"unknown contender {contender!r}")
    out["total_s"] = time.perf_counter() - T0
    out["hwm_kb"] = _hwm_kb()
    print(json.dumps(out))


def _hwm_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main(sys.argv[1:])
