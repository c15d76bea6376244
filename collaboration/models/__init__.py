"""The collaboration app's models, one module per concern."""
