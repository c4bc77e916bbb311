"""Inputs: bytes, files, web pages and workspaces -> Corpus."""
