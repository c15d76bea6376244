"""Management commands of the extranet."""
