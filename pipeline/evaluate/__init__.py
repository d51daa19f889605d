"""Measuring extraction accuracy against gold data (``songngu evaluate``)."""
