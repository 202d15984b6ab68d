"""Whole screens: the start screen, the workspace with the nine steps, help and loading."""
