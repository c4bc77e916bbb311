"""Renderers: a Comparison -> Plotly figures, tables as HTML, exports and the one-file report."""
