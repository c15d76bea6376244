"""Root URLs: the extranet and the capabilities that plug into it, the Wagtail
admin, and the public site (Wagtail)."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.search.views import search
from extranet.views.health import health

urlpatterns = [
    path("sante/", health, name="health"),
    path("recherche/", search, name="search"),
    path("extranet/conventions/", include("conventions.urls")),
    path("extranet/formations/", include("training.urls")),
    path("extranet/accueil/", include("reception.urls")),
    path("extranet/cartographie/", include("collaboration.servicemap_urls")),
    path("extranet/pratiques/", include("collaboration.practices_urls")),
    path("extranet/ressources/", include("collaboration.resources_urls")),
    path("extranet/territoires/", include("coordination.plans_urls")),
    path("extranet/instances/", include("coordination.governance_urls")),
    path("extranet/enquetes/", include("surveys.urls")),
    path("extranet/notifications/", include("notifications.urls")),
    path("extranet/evaluation/", include("evaluation.urls")),
    path("extranet/", include("extranet.urls")),
    path("structures/", include("cms.directory.urls")),
    path("attestations/", include("training.public_urls")),
    path("accueil/", include("reception.public_urls")),
    path("enquetes/", include("surveys.public_urls")),
    path("evaluation/", include("evaluation.public_urls")),
    # Wagtail's own login form would bypass the lock-out and the second factor:
    # every login goes through the extranet's (the next page is kept).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="extranet:login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls")),
]

if settings.SPRO_SERVE_PUBLIC_MEDIA:
    # The embedded server serves the site's public images (renditions and
    # originals) only; Wagtail documents always go through Wagtail's view, which
    # checks the privacy of their collection. In production the proxy does this.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
