"""Beyond one machine: the comparison counted in partitions (on a Dask cluster) and scored once, and the
results bundle it writes. See docs/scale.md. Nothing here is imported by the in-process path."""
