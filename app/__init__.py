"""Streamlit-side helpers of dashboard.py (the analysis lives in framing/)."""
