"""``compare(corpus, options) -> Comparison``: every analysis for two sides in one call."""
from __future__ import annotations

import multiprocessing
from dataclasses import replace

import numpy as np

from framing.analyses import crosslang
from framing.analyses.agenda import build_agenda, tag_sentences
from framing.analyses.align import Alignment, align_sentences
from framing.analyses.descriptors import (
    diff_descriptors,
    find_descriptors_in_texts,
)
from framing.analyses.distinctive import (
    Distinctive,
    score_distinctive_terms,
)
from framing.analyses.embeddings import load_embedding_model
from framing.analyses.meaning import SIMILARITIES, match_by_meaning
from framing.analyses.overlap import (
    fit_counts,
    pool_counts,
    score_overlap,
)
from framing.analyses.register import (
    add_chinese_register,
    canonical_form,
    chinese_lexicon,
    find_disagreements,
    score_register,
    unify_variants,
)
from framing.analyses.register.match import merge_registers
from framing.analyses.sentiment import (
    score_sentences,
    side_from_columns,
)
from framing.errors import OptionsError
from framing.inputs.corpus import Corpus, CorpusError, check_characters
from framing.parallel import start_tasks, worker_pool
from framing.results import CompareOptions, Comparison
from framing.text import read_document, script_shares
from framing.versions import choose_versions

__all__ = ["CompareOptions", "Comparison", "compare", "choose_event", "evidence_warnings", "THIN_EVIDENCE_TOKENS"]


#: Below this many tokens on a side, term statistics are flagged as thin evidence.
THIN_EVIDENCE_TOKENS = 500
#: From this many characters (both sides) the per-document work runs on every available core.
PARALLEL_MIN_CHARS = 2_000_000
#: Documents per task sent to a worker process (small enough that the last tasks balance the cores),
#: and characters: a task holds at most one document longer than that.
DOCUMENTS_PER_TASK = 100
CHARACTERS_PER_TASK = 500_000
#: Sentences per VADER task for a part too long to be scored in its own task (see _score_late_parts).
VADER_TASK_SENTENCES = 5_000


def choose_event(corpus: Corpus, options: CompareOptions) -> tuple[str, Corpus, tuple[str, str]]:
    """The event and the two sides ``options`` ask for (or the only ones there are), and the corpus
    narrowed to them; a CorpusError names what is ambiguous or missing. Shared with framing.scale."""
    if not len(corpus):
        raise CorpusError("the corpus has no documents; load a file with at least one document per side")
    event = options.event
    if event is None:
        events = corpus.events
        if len(events) > 1:
            raise CorpusError(f"the corpus holds {len(events)} events", f"choose one (for example {events[0]!r})", setting="event")
        event = events[0]
    selected = corpus.select(event=event)
    sides = options.sides
    if sides is None:
        present = selected.sides
        if len(present) < 2:
            raise CorpusError(f"only one side ({present[0]!r}) in event {event!r}; a comparison needs two sides: add the other side's documents")
        if len(present) > 2:
            raise CorpusError(f"event {event!r} has {len(present)} sides ({', '.join(present)})", "choose two of them", setting="sides")
        sides = (present[0], present[1])
    if len(sides) != 2 or sides[0] == sides[1]:
        raise CorpusError(f"sides {list(sides)!r} are not two different sides", "choose two different sides to compare", setting="sides")
    return event, selected.select(sides=sides), (sides[0], sides[1])


def compare(corpus: Corpus, options: CompareOptions = CompareOptions()) -> Comparison:
    """Compare how two sides tell one event.

    Raises
    ------
    CorpusError
        Unknown event or side, fewer than two sides, a label or text holding a lone surrogate.
    OptionsError
        Settings that cannot work on this corpus (min_df too high, no terms left), an unknown lexicon mode,
        an unknown ``prefer_version``.

    A side whose documents are marked as both its original and its translation is compared on one
    of them (``options.prefer_version``; :func:`framing.versions.choose_versions`), and a warning says which.
    """
    options.overlap.validate()
    options.align.validate()
    _validate_agenda(options)
    event, selected, sides = choose_event(corpus, options)
    # a side holding an original and its translation is read in one version (framing/versions.py)
    selected, versions, version_notes = choose_versions(selected, sides, options.prefer_version)
    check_characters(selected)
    texts = {s: selected.texts(s) for s in sides}
    a, b = sides
    lexicon = options.register.resolve()
    applied: dict = {}  # (variant, canonical) -> sides where it occurred
    terms = {s: _unify_texts(s, texts[s], lexicon, applied) for s in sides} if options.translation_variants else texts
    terms = {s: crosslang.term_texts(terms[s]) for s in sides}   # Chinese documents as jieba words (issue 13)
    # Each document is read once (sentences, descriptor spans, word count: framing.text.read_document)
    # and every analysis below takes its sentences from that reading. One pass gives the descriptor
    # evidence, and the descriptors are its distinct values in order.
    parallel = sum(len(t) for s in sides for t in texts[s]) >= PARALLEL_MIN_CHARS
    topics = options.agenda.resolve()
    # Everything done sentence by sentence (reading, descriptors, VADER, register, topic tags) is
    # done per part of a side's documents, in one task: on a large corpus the tasks go to the
    # worker processes while this process counts terms, then this process takes the tasks no
    # worker has started. The parts' results are joined in order: identical to one call per side.
    # A part too long to score in one task (a very long document) has its sentences scored by VADER
    # afterwards, in tasks of VADER_TASK_SENTENCES, so that both cores share that too.
    limit = 4 * VADER_TASK_SENTENCES if parallel else None
    tasks = [(s, k, part, lexicon, topics, limit) for s in sides
             for k, part in (_parts(texts[s]) if parallel else [(0, texts[s])])]
    with worker_pool(parallel) as pool:
        reading = start_tasks(pool, _read_part, tasks)
        fitted = fit_counts(terms[a], terms[b], options.overlap)
        overlap = score_overlap(terms[a], terms[b], sides, options.overlap, fitted=fitted)
        vectorizer, counts, n_a = fitted
        pooled = pool_counts(counts, n_a)
        distinctive = score_distinctive_terms(
            vectorizer.get_feature_names_out(), pooled[0], pooled[1], sides, options.distinctive,
        )
        del fitted, vectorizer, counts, pooled   # the document-term matrix is not needed any more: free it
        parts = {s: [] for s in sides}
        for task, part in zip(tasks, reading()):
            parts[task[0]].append(part)
        del reading
        _score_late_parts(pool, parts)
    per_doc = {s: [d for p in parts[s] for d in p[0]] for s in sides}
    sentences = {s: [doc for _, doc, _ in per_doc[s]] for s in sides}
    # VADER scored each document's sentences without its Chinese ones (VADER is an English lexicon)
    scored_docs = {s: [d for p in parts[s] for d in p[5]] for s in sides}
    unscored = {s: sum(p[6] for p in parts[s]) for s in sides}
    sentiment = {s: side_from_columns(s, scored_docs[s], np.concatenate([p[1] for p in parts[s]] or [np.zeros(0)]),
                                      [w for p in parts[s] for w in p[2]], options.sentiment) for s in sides}
    tags = {s: [x for p in parts[s] for x in p[3]] for s in sides}
    register = {s: merge_registers(s, [p[4] for p in parts[s]]) for s in sides}
    del parts, scored_docs
    lexicon_zh = chinese_lexicon(lexicon, options.register)   # the register's Chinese rows (issue 13)
    register = {s: add_chinese_register(register[s], texts[s], sentences[s], lexicon_zh) for s in sides}
    evidence = {s: [m for matches, _, _ in per_doc[s] for m in matches] for s in sides}
    descriptors = {s: list(dict.fromkeys(m.descriptor for m in evidence[s])) for s in sides}
    words = {s: sum(n for _, _, n in per_doc[s]) for s in sides}
    del per_doc
    if options.translation_variants:
        descriptors, evidence = _unify_descriptors(sides, descriptors, evidence, lexicon, applied)
    flat = {s: [x for doc in sentences[s] for x in doc] for s in sides}
    agenda = build_agenda(flat, sides, topics, tags=tags)
    alignment = align_sentences(texts[a], texts[b], sides, options.align,
                                sentences=(flat[a], flat[b]), matcher=_matcher(options, sides, topics, agenda))
    languages = {s: replace(crosslang.side_language(texts[s]), unscored_sentences=unscored[s]) for s in sides}
    lengths = {s: {"documents": len(texts[s]), "words": words[s],
                   "sentences": sum(map(len, sentences[s])), "language": languages[s].language} for s in sides}
    return Comparison(
        event=event, sides=sides, options=options, lengths=lengths, overlap=overlap,
        distinctive=distinctive, descriptors=descriptors,
        descriptor_diff=diff_descriptors(descriptors[a], descriptors[b]),
        descriptor_evidence=evidence, sentiment=sentiment, alignment=alignment,
        warnings=tuple(version_notes + _input_warnings(sides, texts, distinctive, options, languages)
                       + crosslang.language_warnings(sides, languages)
                       + evidence_warnings(sides, distinctive, sentiment, descriptors, alignment,
                                           unscored=unscored)),
        register=register,
        disagreements=tuple(d for s in sides for d in find_disagreements(register[s], sentiment[s].sentences)),
        variants_applied=tuple((v, c, tuple(x for x in sides if x in ss)) for (v, c), ss in applied.items()),
        agenda=agenda,
        languages=languages, cross_language=crosslang.is_cross_language(languages), versions=versions,
    )


# --- agenda and alignment by meaning (issue 14) ---
def _validate_agenda(options: CompareOptions) -> None:
    options.agenda.validate()
    options.meaning.validate()
    if options.similarity not in SIMILARITIES:
        raise OptionsError(f"similarity {options.similarity!r} is not known", f"use one of: {', '.join(SIMILARITIES)}",
                           setting="similarity")
    if options.similarity == "embeddings":
        if not options.model:
            raise OptionsError("matching claims by embeddings needs a model",
                               "give the folder of a static-embedding model (model2vec's format), or match by topics",
                               setting="model")
        load_embedding_model(options.model)   # a missing or unreadable model fails before the work starts


def _matcher(options: CompareOptions, sides, topics, agenda):
    """The alignment's matcher: None (word cosine) or alignment by meaning with the topic lexicon
    (reusing the agenda's tags unless alignment samples the sentences), on content words or, with
    ``embeddings``, on the model's sentence embeddings."""
    if options.similarity not in ("topics", "embeddings"):
        return None
    a, b = sides
    embed = load_embedding_model(options.model).encode if options.similarity == "embeddings" else None

    def match(x, y):
        whole = len(x) == len(agenda.tags[a]) and len(y) == len(agenda.tags[b])
        return match_by_meaning(x, y, sides, options.meaning, topics, options.align.stop_words,
                                tags=(agenda.tags[a], agenda.tags[b]) if whole else None,
                                max_matrix=options.align.max_matrix, embed=embed)
    return match


def _unify_texts(side: str, texts: list, lexicon, applied: dict) -> list:
    """The side's texts with the lexicon's variants written as their phrase, noting each pair used."""
    out = []
    for text in texts:
        unified, pairs = unify_variants(text, lexicon)
        out.append(unified)
        for pair in pairs:
            applied.setdefault(pair, set()).add(side)
    return out


def _unify_descriptors(sides, descriptors: dict, evidence: dict, lexicon, applied: dict) -> tuple[dict, dict]:
    """Descriptors and their evidence with variants as their phrase ("deep" -> "in-depth")."""
    for s in sides:
        for word in descriptors[s]:
            if canonical_form(word, lexicon) != word:
                applied.setdefault((word, canonical_form(word, lexicon)), set()).add(s)
    unified = {s: list(dict.fromkeys(canonical_form(w, lexicon) for w in descriptors[s])) for s in sides}
    moved = {s: [replace(m, descriptor=canonical_form(m.descriptor, lexicon)) for m in evidence[s]] for s in sides}
    return unified, moved


def _parts(texts: list[str]) -> list[tuple[int, list[str]]]:
    """``texts`` cut into consecutive parts of at most DOCUMENTS_PER_TASK documents and about
    CHARACTERS_PER_TASK characters (a longer document is a part of its own): (offset, part)."""
    out, start, size = [], 0, 0
    for k, text in enumerate(texts):
        if k > start and (k - start == DOCUMENTS_PER_TASK or size + len(text) > CHARACTERS_PER_TASK):
            out.append((start, texts[start:k]))
            start, size = k, 0
        size += len(text)
    if start < len(texts):
        out.append((start, texts[start:]))
    return out


def _score_late_parts(pool, parts: dict) -> None:
    """VADER for the parts :func:`_read_part` left unscored (more than its limit of sentences),
    in tasks of VADER_TASK_SENTENCES sentences; the parts get their compounds and words in place."""
    late = [(s, i) for s in parts for i, p in enumerate(parts[s]) if p[1] is None]
    if not late:
        return
    chunks = []
    for s, i in late:
        flat = [x for doc in parts[s][i][5] for x in doc]
        chunks.append([(flat[k:k + VADER_TASK_SENTENCES],) for k in range(0, len(flat), VADER_TASK_SENTENCES)])
    scored = iter(start_tasks(pool, score_sentences, [c for cs in chunks for c in cs])())
    for (s, i), cs in zip(late, chunks):
        pairs = [x for _ in cs for x in next(scored)]
        per_doc, _, _, tags, register, vader_docs, unscored = parts[s][i]
        parts[s][i] = (per_doc, np.fromiter((c for c, _ in pairs), dtype=float, count=len(pairs)),
                       [w for _, w in pairs], tags, register, vader_docs, unscored)


def _read_part(side: str, doc_offset: int, texts: list[str], lexicon, topics, score_limit: int | None = None) -> tuple:
    """Everything per sentence for ``texts``, the side's documents from ``doc_offset`` on (module
    level: sent to worker processes): each document's (descriptor matches, sentence texts, word
    count), every scored sentence's VADER compound (an array) and words (a list), their topic tags,
    the register of the part, each document's sentences VADER scored (its Chinese ones left out:
    VADER is an English lexicon) and how many were left out. With more than ``score_limit``
    sentences the VADER columns are None (:func:`_score_late_parts` scores them).

    Documents holding Chinese are read as Chinese too (:func:`framing.analyses.crosslang.read_chinese`:
    the Chinese sentence splitter, jieba's word count, the Chinese descriptors)."""
    lexicon, topics = _received(lexicon, topics)
    per_doc = crosslang.read_chinese(texts, _read_documents(texts))
    docs = [doc for _, doc, _ in per_doc]
    flat = [x for doc in docs for x in doc]
    register = score_register(side, texts, lexicon, sentences=docs, doc_offset=doc_offset)
    # equal tags share one dict (most sentences have none): one object each, here and once unpickled
    same: dict = {}
    tags = [same.setdefault(tuple(t.items()), t) for t in tag_sentences(flat, topics)]
    vader_docs, unscored = crosslang.vader_sentences(docs, texts)
    vader_flat = flat if vader_docs is docs else [x for doc in vader_docs for x in doc]
    if score_limit is not None and len(vader_flat) > score_limit:
        return per_doc, None, None, tags, register, vader_docs, unscored
    scored = score_sentences(vader_flat)
    compounds = np.fromiter((c for c, _ in scored), dtype=float, count=len(scored))
    return per_doc, compounds, [w for _, w in scored], tags, register, vader_docs, unscored


#: In a worker process: the lexicons of the last task, kept while the process lives (the pool's
#: processes end with the comparison). Each task brings its own unpickled copy, and the register's
#: compiled matcher is built once per lexicon object (46 ms): equal copies are mapped to the first.
_RECEIVED: list = []


def _received(lexicon, topics) -> tuple:
    """``(lexicon, topics)``, or the equal pair a previous task of this worker process brought."""
    if multiprocessing.parent_process() is None:
        return lexicon, topics   # this process's own objects (a task taken back by the caller)
    if _RECEIVED and _RECEIVED[0] == (lexicon, topics):
        return _RECEIVED[0]
    _RECEIVED[:] = [(lexicon, topics)]
    return lexicon, topics


def _read_documents(texts: list[str]) -> list[tuple[list, list[str], int]]:
    """Each document's descriptor matches, sentence texts and word count, from one reading of it
    (module level: sent to worker processes). The sentences go back as plain strings: on a large
    corpus hundreds of thousands of them cross from the workers and stay in the result."""
    read = [read_document(t) for t in texts]
    matches = find_descriptors_in_texts(texts, spans=[r.spans for r in read])
    return [(m, [x.text for x in r.sentences], r.n_words) for m, r in zip(matches, read)]


#: From this share of a side's letters in scripts written without spaces (Chinese, Japanese, Thai)
#: its terms are runs of characters, not words; from this share outside Latin, the English-only
#: analyses (descriptors, register, VADER) find little in it.
UNSPACED_SCRIPT_SHARE = 0.3
NON_LATIN_SHARE = 0.5


def _input_warnings(sides, texts: dict, distinctive: Distinctive, options: CompareOptions,
                    languages: dict | None = None) -> list[str]:
    """What the input itself means for the results: scripts, empty vocabularies, duplicates.

    Duplicates are kept (a side that issued a statement twice said it twice) but never silently.
    """
    notes = []
    for s in sides:
        letters, unspaced, non_latin = script_shares(texts[s])
        if languages and languages[s].language in ("zh", "mixed") and languages[s].script:
            pass   # read as Chinese: see crosslang.language_warnings
        elif letters and unspaced >= UNSPACED_SCRIPT_SHARE:
            notes.append(f"Side {s!r} is written mostly in a script without spaces between words (such as Chinese, "
                         "Japanese or Thai): its terms are whole runs of characters between punctuation, not words, so "
                         "overlap, distinctive terms and alignment compare those runs; descriptors, register and VADER "
                         "tone read English only.")
        elif letters and non_latin >= NON_LATIN_SHARE:
            notes.append(f"Side {s!r} is written mostly in a non-Latin script: descriptors, register and VADER tone "
                         "read English only and find little or nothing in it; overlap, distinctive terms and "
                         "alignment compare its words.")
        if distinctive.totals[s] == 0:
            stop_words = options.overlap.stop_words == "english" and letters
            notes.append(f"Side {s!r} has no terms left to count" + (" after removing English stop words" if stop_words
                                                                      else "") +
                         ": its overlap is 0 and it has no distinctive terms; "
                         + ("keep stop words to count them." if stop_words
                            else "add its account in words of two or more letters."))
        duplicates = len(texts[s]) - len(set(texts[s]))
        if duplicates:
            notes.append(f"Side {s!r} has {duplicates} duplicate document(s), word for word the same as an earlier one; "
                         "they are kept and counted each time: remove them if they are reposts of one statement.")
    shared = set(texts[sides[0]]) & set(texts[sides[1]])
    if shared:
        notes.append(f"{len(shared)} document(s) appear word for word on both sides ({sides[0]!r} and {sides[1]!r}); "
                     "they are kept on both: remove them from one side if they were filed under the wrong side.")
    return notes


def evidence_warnings(sides, distinctive: Distinctive, sentiment: dict, descriptors: dict,
                      alignment: Alignment | None = None, unscored: dict | None = None) -> list[str]:
    """Where the evidence is thin (few words, no significant term, wide intervals...), in words.
    Shared with framing.scale, so both engines say the same. ``unscored``: each side's Chinese
    sentences left out of VADER (a side with only those is explained by crosslang.language_warnings)."""
    notes = []
    for s in sides:
        tokens = distinctive.totals[s]
        if 0 < tokens < THIN_EVIDENCE_TOKENS:  # no tokens at all: see _input_warnings
            notes.append(f"Thin evidence: side {s!r} has only {tokens} counted tokens (under {THIN_EVIDENCE_TOKENS}); "
                         "term statistics and overlap rest on very few words.")
        if sentiment[s].n_sentences < 2 and not (sentiment[s].n_sentences == 0 and (unscored or {}).get(s)):
            notes.append(f"Side {s!r} has {sentiment[s].n_sentences} sentence(s): no sentiment interval can be estimated.")
        if not descriptors[s]:
            notes.append(f"Side {s!r} uses no characterising adjective for the event; often one side says none.")
    if distinctive.message:
        notes.append(distinctive.message)
    if alignment is not None and alignment.sampling:
        note = alignment.sampling["note"]
        notes.append(note[0].upper() + note[1:] + ".")
    return notes
