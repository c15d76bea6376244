"""Conventions (section V): content, workflow binding, services, document, exports.

The models live in ``extranet.models.conventions``; the workflows in
``workflows.definitions.conventions``.
"""
