"""Widgets shared by several steps."""
