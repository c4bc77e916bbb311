"""The CLI, ``python -m framing``: the JSON twin of the dashboard.

Commands, options and JSON keys are a contract scripts rely on: add, never
rename or remove. Bad input exits with status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.analyses.agenda import MODES as AGENDA_MODES
from framing.analyses.agenda import AgendaOptions, load_topics
from framing.analyses.align import AlignOptions
from framing.analyses.descriptors import extract_descriptors, extract_durations, is_duration
from framing.analyses.descriptors.chinese import find_descriptors_zh
from framing.analyses.distinctive import DistinctiveOptions
from framing.analyses.meaning import SIMILARITIES, MeaningOptions
from framing.analyses.overlap import OverlapOptions
from framing.analyses.register import MODES, RegisterOptions, load_lexicon
from framing.comparison import compare
from framing.drift import drift, drift_from_corpus, render_drift_text
from framing.errors import CorpusError, FramingError
from framing.inputs.bundled import DEFAULT_EVENT, DEFAULT_SIDES, load_bundled
from framing.inputs.corpus import Corpus, load_corpus
from framing.inputs.fetch import FetchOptions, fetch_pages
from framing.render.summary import render_text  # the text summary (--format text)
from framing.results import CompareOptions
from framing.scale.cli_hook import add_engine_arguments, compare_with_engine, timeline_with_engine, wants_dask
from framing.text import decode_bytes
from framing.text.chinese import detect_language
from framing.timeline import render_timeline_text, timeline
from framing.versions import PREFER

EXIT_BAD_INPUT = 2
#: How the CLI names each setting an error can concern (ids of :data:`framing.errors.SETTINGS`).
FLAGS = {"side_column": "--side-column", "text_column": "--text-column", "event_column": "--event-column",
         "labels": "--labels", "event": "--event", "sides": "--sides", "skip_bad_rows": "--skip-bad-rows",
         "stop_words": "--stop-words", "min_df": "--min-df", "ngram": "--ngram", "threshold": "--threshold",
         "top": "--top", "lexicon": "--lexicon", "lexicon_mode": "--lexicon-mode",
         "lexicon_sources": "--lexicon-sources", "similarity": "--similarity", "topics_mode": "--topics-mode",
         "model": "--model", "partners": "--partners", "version_column": "--version-column", "prefer_version": "--prefer-version",
         "drift_side": "--side"}
#: Settings with no flag: input files are arguments, and their messages name the file itself.
NO_FLAG = frozenset({"file", "url", "workspace"})


class UsageError(Exception):
    """Command-line usage that cannot work; the message says what to type instead."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        command = " ".join(self.prog.split()[1:])  # "framing compare" -> "compare"; "framing" -> ""
        raise UsageError(f"{message}; see 'python -m framing {command + ' ' if command else ''}--help'")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="framing", description="How each side of an event tells it.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    cmp = commands.add_parser("compare", help="compare two sides of one event")
    cmp.add_argument("inputs", nargs="*", metavar="INPUT",
                     help="A.txt B.txt (one side each), or one CORPUS.csv/.jsonl; none: the bundled event")
    cmp.add_argument("--labels", nargs=2, metavar=("LABEL_A", "LABEL_B"), help="side labels for two .txt files")
    cmp.add_argument("--side-column", default="side")
    cmp.add_argument("--text-column", default="text")
    cmp.add_argument("--event-column", default="event")
    _add_version_options(cmp)
    cmp.add_argument("--sides", nargs=2, metavar=("A", "B"), help="the two sides to compare")
    cmp.add_argument("--event", help="the event to compare when the corpus holds several")
    cmp.add_argument("--format", choices=["json", "text"], default="text")
    cmp.add_argument("--top", type=int, default=20, help="distinctive terms per side (default 20)")
    cmp.add_argument("--stop-words", choices=["english", "none"], default="english")
    cmp.add_argument("--ngram", nargs=2, type=int, metavar=("MIN", "MAX"), default=(1, 1))
    cmp.add_argument("--min-df", type=int, default=1, help="keep terms in at least this many documents")
    cmp.add_argument("--sublinear-tf", action="store_true", help="1 + log(tf) term weights")
    cmp.add_argument("--threshold", type=float, default=AlignOptions().threshold,
                     help="alignment: cosine at which two sentences make the same claim (0-1)")
    cmp.add_argument("--lexicon", type=Path, metavar="PATH",
                     help="your register lexicon (CSV, the bundled lexicon's columns; see docs/register.md)")
    cmp.add_argument("--lexicon-mode", choices=MODES, default=None,
                     help="extend (default): add to the bundled lexicon, your rows winning; replace: use yours only")
    cmp.add_argument("--lexicon-sources", type=Path, metavar="PATH",
                     help="sources table (source_id,citation,url) for your lexicon's source ids, added to the bundled one")
    cmp.add_argument("--translation-variants", action="store_true",
                     help="treat the lexicon's variants as one term in descriptors, overlap and distinctive terms")
    cmp.add_argument("--skip-bad-rows", action="store_true",
                     help="keep the valid rows of a partly valid file (each rejected row is listed on stderr)")
    _add_agenda_options(cmp)
    cmp.add_argument("--out", type=Path, help="write the output to this file instead of standard output")
    add_engine_arguments(cmp)   # --engine, --scheduler, --out-bundle (framing.scale)
    desc = commands.add_parser("descriptors", help="the descriptors of one text, as JSON")
    desc.add_argument("file", nargs="?", default="-", help="a text file, or - for standard input")
    _add_timeline(commands)
    _add_fetch(commands)
    _add_drift(commands)
    return parser


def _add_fetch(commands) -> None:
    """``fetch``: the JSON twin of the dashboard's "Web addresses" source (framing/inputs/fetch.py)."""
    defaults = FetchOptions()
    ft = commands.add_parser("fetch", help="read web pages and extract their main text")
    ft.add_argument("urls", nargs="+", metavar="URL", help="http(s) addresses, one page each")
    ft.add_argument("--timeout", type=float, default=defaults.timeout,
                    help=f"seconds for the whole fetch of each page (default {defaults.timeout:g})")
    ft.add_argument("--max-bytes", type=int, default=defaults.max_bytes,
                    help=f"largest page read, inflated or not (default {defaults.max_bytes:,})")
    ft.add_argument("--allow-private", action="store_true",
                    help="also read addresses on private or local networks, on any port "
                         "(default: public addresses on ports 80 and 443 only)")
    ft.add_argument("--format", choices=["json", "text"], default="text")


def _run_fetch(args) -> int:
    """Pages to stdout (JSON or text); exit 0 when at least one page was read, else 2 with one line on stderr."""
    options = FetchOptions(timeout=args.timeout, max_bytes=args.max_bytes, allow_private=args.allow_private,
                           max_pages=max(1, len(args.urls)))
    try:
        options.validate()
    except ValueError as exc:
        raise UsageError(str(exc).replace("max_bytes", "--max-bytes").replace("timeout", "--timeout")) from None
    result = fetch_pages(args.urls, options)
    if args.format == "json":
        data = {"pages": [{"url": p.url, "final_url": p.final_url, "title": p.title, "date": p.date, "text": p.text,
                           "size": p.size} for p in result.pages],
                "errors": [{"url": e.url, "problem": e.problem} for e in result.errors]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out = []
        for p in result.pages:
            out += [f"# {p.title or p.final_url}", f"{p.final_url}" + (f" ({p.date})" if p.date else ""), "", p.text, ""]
        out += [f"could not read {e}" for e in result.errors]
        sys.stdout.write("\n".join(out) + "\n")
    if not result.pages:
        first = result.errors[0]
        more = f" (and {len(result.errors) - 1} more)" if len(result.errors) > 1 else ""
        print("framing: error: no page could be read: " + " ".join(f"{first}{more}".split()), file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _add_timeline(commands) -> None:
    """``timeline``: the same two sides compared on every event of a corpus (framing/timeline.py)."""
    tl = commands.add_parser("timeline", help="compare the same two sides on every event, in date order")
    tl.add_argument("inputs", nargs="*", metavar="CORPUS",
                    help="one CORPUS.csv/.jsonl with event (and date) columns; none: the bundled events")
    tl.add_argument("--side-column", default="side")
    tl.add_argument("--text-column", default="text")
    tl.add_argument("--event-column", default="event")
    _add_version_options(tl)
    tl.add_argument("--sides", nargs=2, metavar=("A", "B"), help="the two sides to compare at every event")
    tl.add_argument("--format", choices=["json", "text"], default="text")
    tl.add_argument("--top", type=int, default=20, help="distinctive terms per side (default 20)")
    tl.add_argument("--stop-words", choices=["english", "none"], default="english")
    tl.add_argument("--ngram", nargs=2, type=int, metavar=("MIN", "MAX"), default=(1, 1))
    tl.add_argument("--min-df", type=int, default=1, help="keep terms in at least this many documents")
    tl.add_argument("--sublinear-tf", action="store_true", help="1 + log(tf) term weights")
    tl.add_argument("--threshold", type=float, default=AlignOptions().threshold,
                    help="alignment: cosine at which two sentences make the same claim (0-1)")
    tl.add_argument("--skip-bad-rows", action="store_true",
                    help="keep the valid rows of a partly valid file (each rejected row is listed on stderr)")
    _add_agenda_options(tl)
    add_engine_arguments(tl)   # --engine, --scheduler, --out-bundle (framing.scale)
    tl.add_argument("--out", type=Path, help="write the output to this file instead of standard output")
    tl.set_defaults(labels=None, event=None, lexicon=None, lexicon_mode=None, lexicon_sources=None,
                    translation_variants=False)


def _add_version_options(parser) -> None:
    parser.add_argument("--version-column", default="version",
                        help="the column marking a document as its side's original or translation (default: version)")
    parser.add_argument("--prefer-version", choices=PREFER, default="auto",
                        help="a side holding both an original and its translation is compared on one: auto (default: "
                             "the translation when the other side is in its language, else the original), original "
                             "or translation; a warning says which")


def _add_drift(commands) -> None:
    """``drift``: a Chinese original against its official English translation (framing/drift.py)."""
    dr = commands.add_parser("drift", help="a Chinese original against its official English translation",
                             description="Either ORIGINAL.txt TRANSLATION.txt (the Chinese original, then its "
                                         "official English), or one CORPUS.csv/.jsonl whose documents are marked "
                                         "original or translation in a version column, with --side.")
    dr.add_argument("inputs", nargs="+", metavar="FILE",
                    help="ORIGINAL.txt TRANSLATION.txt, or one CORPUS.csv/.jsonl with a version column")
    dr.add_argument("--side", help="corpus: the side whose original and translation to read (default: the only "
                                   "side of the event holding both)")
    dr.add_argument("--event", help="corpus: the event, when the corpus holds several")
    dr.add_argument("--side-column", default="side")
    dr.add_argument("--text-column", default="text")
    dr.add_argument("--event-column", default="event")
    dr.add_argument("--version-column", default="version",
                    help="corpus: the column marking each document original or translation (default: version)")
    dr.add_argument("--skip-bad-rows", action="store_true",
                    help="keep the valid rows of a partly valid file (each rejected row is listed on stderr)")
    dr.add_argument("--format", choices=["json", "text"], default="json")
    dr.add_argument("--out", type=Path, help="write the output to this file instead of standard output")


def _descriptors_json(text: str) -> str:
    """The ``descriptors`` command's line: English as it always was; Chinese (or mixed) text adds
    ``language`` and ``surface`` (the Chinese forms as written, each once, in order), and ``duration``
    (the words about the event's length, 长时间 -> "lengthy": kept out of ``descriptors`` as English
    text's are, since length is not character)."""
    language = detect_language(text).language
    if language not in ("zh", "mixed"):
        return json.dumps({"descriptors": extract_descriptors(text)}, ensure_ascii=False)
    matches = find_descriptors_zh(text)
    character = [m for m in matches if not is_duration(m.descriptor)]
    english = extract_descriptors(text) if language == "mixed" else []
    english_length = extract_durations(text) if language == "mixed" else []
    descriptors = list(dict.fromkeys(english + [m.descriptor for m in character]))
    duration = list(dict.fromkeys(english_length + [m.descriptor for m in matches if is_duration(m.descriptor)]))
    return json.dumps({"descriptors": descriptors, "language": language,
                       "surface": list(dict.fromkeys(m.surface for m in character)), "duration": duration},
                      ensure_ascii=False)


#: The drift's options that read a corpus, with their defaults (given with two .txt files they would be ignored).
_DRIFT_CORPUS_FLAGS = (("side", "--side", None), ("event", "--event", None), ("side_column", "--side-column", "side"),
                       ("text_column", "--text-column", "text"), ("event_column", "--event-column", "event"),
                       ("version_column", "--version-column", "version"), ("skip_bad_rows", "--skip-bad-rows", False))


def _drift(args) -> int:
    if len(args.inputs) == 1:
        path = Path(args.inputs[0])
        if path.suffix.lower() == ".txt":
            raise UsageError(f"{path}: one .txt file holds one version; give the Chinese original and its English "
                             "as two .txt files, or one .csv/.jsonl corpus with a version column")
        result = drift_from_corpus(_read_corpus(path, args), args.side, args.event)
    elif len(args.inputs) == 2:
        given = [flag for name, flag, default in _DRIFT_CORPUS_FLAGS if getattr(args, name) != default]
        if given:
            raise UsageError(f"{given[0]} reads a corpus file; give one .csv/.jsonl corpus with a version column, "
                             f"or drop {given[0]} with the two .txt files")
        result = drift(*(decode_bytes(_read(Path(p)), p) for p in args.inputs))
    else:
        raise UsageError(f"{len(args.inputs)} inputs given; give the original and its translation (two .txt files) "
                         "or one corpus file")
    if args.format == "json":
        _emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", args.out)
    else:
        _emit(render_drift_text(result), args.out)
    return 0


def _load_inputs(args) -> tuple[Corpus, tuple[str, str] | None, str | None]:
    inputs = [Path(p) for p in args.inputs]
    if not inputs:
        return load_bundled(), tuple(args.sides or DEFAULT_SIDES), args.event or DEFAULT_EVENT
    if len(inputs) == 2:
        labels = args.labels or [p.stem for p in inputs]
        if labels[0] == labels[1]:
            raise UsageError(f"both sides are labelled {labels[0]!r}; pass --labels LABEL_A LABEL_B")
        corpus = Corpus()
        for path, label in zip(inputs, labels):
            if path.suffix.lower() != ".txt":
                raise UsageError(f"{path}: two inputs must be two .txt files, one side each; give one .csv/.jsonl corpus alone")
            corpus = corpus.concat(load_corpus(path, side=label, default_event="text files").strict())
        return corpus, (labels[0], labels[1]), None
    if len(inputs) > 2:
        raise UsageError(f"{len(inputs)} inputs given; give two .txt files or one corpus file")
    path = inputs[0]
    if path.suffix.lower() == ".txt":
        raise UsageError(f"{path}: one .txt file holds only one side; give two .txt files, or a .csv/.jsonl corpus")
    return _read_corpus(path, args), tuple(args.sides) if args.sides else None, args.event


def _read_corpus(path: Path, args) -> Corpus:
    """One .csv/.jsonl corpus file with the command's column flags; rejected rows refused (one line,
    naming the row) unless --skip-bad-rows, which lists each on stderr."""
    result = load_corpus(path, side_column=args.side_column, text_column=args.text_column,
                         event_column=args.event_column, version_column=args.version_column)
    if result.rejected and args.skip_bad_rows:
        for row in result.rejected:
            print(f"framing: skipped {row.message()}", file=sys.stderr)
        corpus = result.corpus
    else:
        try:
            corpus = result.strict()
        except CorpusError as exc:
            raise CorpusError(exc.naming(FLAGS), "fix the row(s) or keep only the valid rows",
                              setting="skip_bad_rows") from None
    return corpus


def _options(args, sides, event) -> CompareOptions:
    if args.top < 1:
        raise UsageError(f"--top {args.top} is not valid; ask for 1 or more terms")
    return CompareOptions(
        sides=sides, event=event,
        overlap=OverlapOptions(ngram_range=tuple(args.ngram), stop_words=args.stop_words,
                               min_df=args.min_df, sublinear_tf=args.sublinear_tf),
        distinctive=DistinctiveOptions(top=args.top),
        align=AlignOptions(threshold=args.threshold, stop_words=args.stop_words),
        register=_register_options(args), translation_variants=args.translation_variants,
        prefer_version=args.prefer_version, **_agenda_options(args),
    )


# --- agenda and alignment by meaning (issue 14) ---
def _add_agenda_options(parser) -> None:
    parser.add_argument("--topics", type=Path, metavar="PATH",
                        help="your topic lexicon (CSV, the columns of framing/data/topics.csv) for the agenda")
    parser.add_argument("--topics-mode", choices=AGENDA_MODES, default=None,
                        help="extend (default): add to the bundled topics, yours winning by id; replace: use yours only")
    parser.add_argument("--similarity", choices=SIMILARITIES, default="topics",
                        help="alignment: topics (default: content words without boilerplate, or a shared topic; "
                             "each row says which: basis), words (TF-IDF cosine of all words at --threshold) or "
                             "embeddings (a static-embedding model on disk, --model; or a shared topic)")
    parser.add_argument("--model", type=Path, metavar="PATH", default=None,
                        help="with --similarity embeddings: the folder of a static-embedding model in model2vec's "
                             "format (model.safetensors, tokenizer.json, config.json); nothing is downloaded")
    parser.add_argument("--partners", type=int, default=None, metavar="N",
                        help="alignment by meaning: show each sentence with up to N counterparts (default 1), the "
                             "further ones when they score at least --partner-ratio of the best")
    parser.add_argument("--partner-ratio", type=float, default=None, metavar="R",
                        help="with --partners above 1: the share of the best match's score a further counterpart "
                             "needs (default 0.9)")


def _agenda_options(args) -> dict:
    topics, mode = getattr(args, "topics", None), getattr(args, "topics_mode", None)
    if topics is None and mode is not None:
        raise UsageError("--topics-mode needs --topics PATH; pass your topic lexicon too, or drop --topics-mode")
    agenda = AgendaOptions() if topics is None else AgendaOptions(lexicon=load_topics(topics), mode=mode or "extend")
    similarity, model = getattr(args, "similarity", "topics"), getattr(args, "model", None)
    if model is not None and similarity != "embeddings":
        raise UsageError("--model is for --similarity embeddings; add --similarity embeddings, or drop --model")
    partners, ratio = getattr(args, "partners", None), getattr(args, "partner_ratio", None)
    if (partners is not None or ratio is not None) and similarity == "words":
        raise UsageError("--partners and --partner-ratio are for alignment by meaning; drop --similarity words")
    meaning = MeaningOptions(**{k: v for k, v in (("partners", partners), ("partner_ratio", ratio)) if v is not None})
    return {"agenda": agenda, "similarity": similarity, "model": str(model) if model is not None else None,
            "meaning": meaning}


def _register_options(args) -> RegisterOptions:
    if args.lexicon is None:
        for flag, value in (("--lexicon-mode", args.lexicon_mode), ("--lexicon-sources", args.lexicon_sources)):
            if value is not None:
                raise UsageError(f"{flag} needs --lexicon PATH; pass your lexicon file too, or drop {flag}")
        return RegisterOptions()
    return RegisterOptions(lexicon=load_lexicon(args.lexicon, args.lexicon_sources), mode=args.lexicon_mode or "extend")


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write ({exc.strerror}); choose another --out path") from None


def _emit_json(data, out: Path | None) -> None:
    """JSON written piece by piece: the report of a 50 MB document (over 1 GB of JSON, every
    sentence with its scored words) is never held as one string next to the dict it came from."""
    if out is None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    try:
        with out.open("w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write ({exc.strerror}); choose another --out path") from None


def _run(argv) -> int:
    args = _build_parser().parse_args(argv)
    if args.command is None:
        raise UsageError("no command given; use 'python -m framing compare' or 'python -m framing descriptors'")
    if args.command == "fetch":
        return _run_fetch(args)
    if args.command == "descriptors":
        data = sys.stdin.buffer.read() if args.file == "-" else _read(Path(args.file))
        text = decode_bytes(data, "standard input" if args.file == "-" else args.file)
        sys.stdout.write(_descriptors_json(text) + "\n")
        return 0
    if args.command == "drift":
        return _drift(args)
    if args.command == "compare" and wants_dask(args):   # the corpus is read by the partitions, not here
        sides, event = (tuple(args.sides) if args.sides else None), args.event
        result = compare_with_engine(args, _options(args, sides, event))
        _emit_json(result.to_dict(lazy=True), args.out) if args.format == "json" else _emit(render_text(result), args.out)
        return 0
    if args.command == "timeline" and wants_dask(args):
        return _emit_timeline(timeline_with_engine(args, _options(args, tuple(args.sides) if args.sides else None, None)), args)
    corpus, sides, event = _load_inputs(args)
    if args.command == "timeline":
        return _emit_timeline(timeline(corpus, _options(args, sides, None)), args)
    result = compare(corpus, _options(args, sides, event))
    if args.format == "json":
        _emit_json(result.to_dict(lazy=True), args.out)
    else:
        _emit(render_text(result), args.out)
    return 0


def _emit_timeline(events, args) -> int:
    _emit(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2) + "\n"
          if args.format == "json" else render_timeline_text(events), args.out)
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror}); check the path") from None


def main(argv=None) -> int:
    try:
        return _run(argv)
    except (UsageError, FramingError) as exc:
        message = exc.naming(FLAGS) if isinstance(exc, FramingError) else str(exc)
        print("framing: error: " + " ".join(message.split()), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
