"""The coordination app's models, one module per concern."""
