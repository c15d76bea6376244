"""Site-wide URLs of the public site; included before Wagtail's catch-all."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from .sitemaps import sitemaps
from .views import RobotsView

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
]
