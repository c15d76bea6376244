"""Site-wide views outside the page tree: robots.txt."""

from django.conf import settings
from django.views.generic import TemplateView


class RobotsView(TemplateView):
    """Robots may index the public site, not the extranet nor the admin."""

    template_name = "cms/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "site_url": settings.SPRO_SITE_URL,
        }
