"""The demo public site, built by ``python manage.py load_demo``.

Split like ``extranet/demo``: ``texts.py`` holds the French words of every page
(plain data an editor can review without reading code), ``loader.py`` the
building (``build_demo_site``, ``ensure_home_page``), which only places and
creates the pages. This package re-exports what the rest of the project imports
from ``cms.demo``, so that the split changes no importer.
"""

from .loader import (
    DEMO_EDITOR_EMAIL,
    EDITORS_GROUP,
    MODERATORS_GROUP,
    WORKFLOW_NAME,
    build_demo_site,
    ensure_home_page,
    minimal_pdf,
)

__all__ = [
    "DEMO_EDITOR_EMAIL",
    "EDITORS_GROUP",
    "MODERATORS_GROUP",
    "WORKFLOW_NAME",
    "build_demo_site",
    "ensure_home_page",
    "minimal_pdf",
]
