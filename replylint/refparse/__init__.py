"""Pieces of the reference-entry parser: links, authors, dates, sources and kinds.

Everything here works on one entry's text with offsets local to that text; ``references``
turns the results into ``Reference`` objects with document offsets.
"""
