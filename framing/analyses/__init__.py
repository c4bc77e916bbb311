"""Analyses: each reads tokenised sentences or counts and returns its own result (no inputs, no rendering)."""
