"""Thin click commands over the library. Library errors become one line with a fix, in main.py only."""
