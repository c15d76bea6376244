"""Helpers shared by the directory tests."""

from __future__ import annotations

from django.urls import reverse


def listed_names(client, **params) -> list[str]:
    response = client.get(reverse("directory:list"), params)
    assert response.status_code == 200
    return [s.name for s in response.context["page_obj"].object_list]
