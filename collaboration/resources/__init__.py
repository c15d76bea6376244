"""The resources for professionals: a library curated by GREF and the Région."""
