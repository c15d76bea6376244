"""Each workflow of the product, declared as data (see ``workflows.engine``).

Definitions name workflow roles and conditions; the domain app that binds a
model to them says what those names mean for its objects.
"""
