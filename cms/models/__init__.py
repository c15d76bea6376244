"""Public site page types, split by concern. The home page is the root."""

from .content import ContactPage, LegalPage, StandardPage
from .events import EventIndexPage, EventKind, EventPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage
from .resources import ResourceIndexPage, ResourcePage
from .services import ServiceIndexPage, ServiceKey, ServicePage

__all__ = [
    "ContactPage",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "HomePage",
    "LegalPage",
    "NewsIndexPage",
    "NewsPage",
    "ResourceIndexPage",
    "ResourcePage",
    "ServiceIndexPage",
    "ServiceKey",
    "ServicePage",
    "StandardPage",
]
