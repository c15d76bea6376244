"""The stored full-text vector of a structure, and its index.

On PostgreSQL the column is a ``tsvector`` under a GIN index, filled by
``extranet.search.refresh_search_vectors``; on SQLite (the embedded default) it
stays empty, the index is a plain one, and the search falls back to containment.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db.models import Index


class SearchVectorIndex(GinIndex):
    """A GIN index on PostgreSQL; a plain index elsewhere (SQLite has no GIN),
    so that migrations and table rebuilds run on every database."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return Index.create_sql(self, model, schema_editor, **kwargs)
