"""The CLI's engine options (``--engine``, ``--scheduler``, ``--out-bundle``) and running ``compare`` and
``timeline`` on Dask."""
from __future__ import annotations

from pathlib import Path

from framing.errors import OptionsError
from framing.results import CompareOptions, Comparison

__all__ = ["add_engine_arguments", "compare_with_engine", "timeline_with_engine", "wants_dask"]


def add_engine_arguments(parser) -> None:
    """Add the engine options to an argparse (sub)parser."""
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="local: this process (default); dask: partitions on a Dask cluster (many files, globs)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: a running Dask scheduler (e.g. tcp://10.0.0.5:8786); "
                             "default: a cluster of one worker process per core on this machine")
    parser.add_argument("--out-bundle", type=Path, metavar="DIR",
                        help="with --engine dask: write the results bundle (Parquet tables + summary.json) to DIR "
                             "(timeline: timeline.json and one bundle per compared event)")


def wants_dask(args) -> bool:
    """Whether the engine options ask for Dask; raises OptionsError for options that need it without it."""
    if getattr(args, "engine", "local") == "dask":
        if getattr(args, "version_column", "version") != "version":   # the partitions read the column 'version'
            raise OptionsError("--version-column is not read by --engine dask yet",
                               "name the column version in the files, or compare with --engine local")
        return True
    for flag, value in (("--scheduler", getattr(args, "scheduler", None)),
                        ("--out-bundle", getattr(args, "out_bundle", None))):
        if value is not None:
            raise OptionsError(f"{flag} needs --engine dask; add --engine dask, or drop {flag}")
    return False


def compare_with_engine(args, options: CompareOptions) -> Comparison:
    """``compare`` on Dask over ``args.inputs`` (corpus files or globs)."""
    from framing.scale.dask_engine import compare_dask
    return _on_files(compare_dask, args, options)


def timeline_with_engine(args, options: CompareOptions) -> list:
    """``timeline`` on Dask over ``args.inputs`` (corpus files or globs): a list of EventComparison."""
    from framing.scale.timeline_dask import timeline_dask
    return _on_files(timeline_dask, args, options)


def _on_files(run, args, options: CompareOptions):
    """``run`` (compare_dask or timeline_dask) with the CLI's inputs, columns and engine flags."""
    if not args.inputs:
        raise OptionsError("--engine dask needs corpus files: give one or more .csv, .jsonl or .parquet paths or globs")
    return run(args.inputs, options, scheduler=args.scheduler,
               columns=(args.side_column, args.text_column, args.event_column),
               skip_bad_rows=args.skip_bad_rows, out_bundle=args.out_bundle)
