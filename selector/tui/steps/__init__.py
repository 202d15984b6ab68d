"""The nine steps of the walk-through, one module each."""
