"""The access-control matrix of good practices: every practice URL that takes
an id, asked by users outside its reach, answers 403 or 404 and changes
nothing; those in reach succeed, so the matrix cannot pass by refusing
everything.

The targets belong to structure B (network B, territory B): a draft with a
document (nobody but B's staff may even read it), and a published practice
with a document (every member reads it; nobody outside B's staff and the
Région changes it). Editing an id in the URL is how an outsider would try.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaboration.models import Practice
from collaboration.practices import services

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import PRACTICE_DATA, pdf_bytes, practice_for, practice_in_state


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    data: dict | None = None
    attachment: bool = False


EDIT = {**PRACTICE_DATA, "title": "Titre changé par un intrus"}

ROUTES = [
    Route("practices:detail", "get"),
    Route("practices:edit", "get"),
    Route("practices:edit", "post", EDIT),
    Route("practices:transition", "post", {"transition": "submit"}),
    Route("practices:transition", "post", {"transition": "approve"}),
    Route("practices:transition", "post", {"transition": "publish"}),
    Route("practices:transition", "post", {"transition": "archive"}),
    Route("practices:transition", "post", {"transition": "return", "comment": "x"}),
    Route("practices:attach", "post", {"file": "pdf"}),
    Route("practices:attachment", "get", attachment=True),
    Route("practices:attachment_remove", "post", attachment=True),
    Route("practices:useful", "post"),
    Route("practices:reused", "post"),
    Route("practices:feature", "post", {"featured": "1"}),
    Route("practices:confirm", "post"),
]

# What changes a published practice: nobody outside B's staff and the Région.
CHANGE_ROUTES = [
    r
    for r in ROUTES
    if r.name
    in {
        "practices:edit",
        "practices:transition",
        "practices:attach",
        "practices:attachment_remove",
        "practices:feature",
        "practices:confirm",
    }
    # From "published" only "archive" leaves: another transition is refused
    # as stale (a message, nothing changed) before any role is asked.
    and (r.data or {}).get("transition") in (None, "archive")
]

# Practice URLs that take an argument and are not in ROUTES, with why: the
# unsubscribe link's argument is a signed token, not an object id (tested in
# test_practice_digest).
NOT_IN_MATRIX = {"practices:unsubscribe"}

OUTSIDERS = [
    "referent_a",
    "professional_a",
    "network_head_a",
    "network_head_b",
    "territorial_officer_a",
    "government",
]


def _with_document(practice, user):
    upload = SimpleUploadedFile("outil.pdf", pdf_bytes("Outil"), "application/pdf")
    return services.practice_attach(user=user, practice=practice, upload=upload)


@pytest.fixture
def targets(world):
    draft = practice_for(world, structure=world.structure_b, user=world.referent_b)
    draft_doc = _with_document(draft, world.referent_b)
    published = practice_in_state(world, "draft", structure=world.structure_b)
    published_doc = _with_document(published, world.referent_b)
    from workflows import engine

    for name, user in (
        ("submit", world.referent_b),
        ("approve", world.referent_b),
        ("publish", world.coordinator),
    ):
        published = engine.fire(published, name, user=user)
    # The edit form's territory: its id, known once the world exists.
    EDIT["territory"] = world.territory_b.pk
    return {
        "draft": (draft.pk, draft_doc.pk),
        "published": (published.pk, published_doc.pk),
    }


def call(client, route: Route, target: tuple[int, int], state: str = "draft"):
    args = [target[0], target[1]] if route.attachment else [target[0]]
    url = reverse(route.name, args=args)
    if route.method == "get":
        return client.get(url)
    data = dict(route.data or {})
    if data.get("file") == "pdf":
        data["file"] = SimpleUploadedFile(
            "autre.pdf", pdf_bytes("Autre"), "application/pdf"
        )
    if "transition" in data:
        data["expected_state"] = state
    return client.post(url, data)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.data}")
@pytest.mark.parametrize("who", [*OUTSIDERS, "coordinator", "gref"])
def test_outsiders_cannot_reach_a_draft_of_another_structure(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = database_fingerprint()
    response = call(client, route, targets["draft"])
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    "route", CHANGE_ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.data}"
)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_read_a_published_practice_but_change_nothing(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = database_fingerprint()
    response = call(client, route, targets["published"], state="published")
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before
    assert Practice.objects.get(pk=targets["published"][0]).state == "published"


def test_every_practice_url_with_an_id_is_in_the_matrix():
    from collaboration.practices_urls import urlpatterns

    with_id = {f"practices:{p.name}" for p in urlpatterns if p.pattern.converters}
    covered = {route.name for route in ROUTES} | NOT_IN_MATRIX
    assert with_id - covered == set()


# Insiders: each row can succeed. -------------------------------------------------


def test_the_structures_staff_read_edit_and_attach_to_their_draft(
    client, world, targets
):
    from ..factories import staff

    pk, doc = targets["draft"]
    login(client, staff(world, "structure_b"))
    assert client.get(reverse("practices:detail", args=[pk])).status_code == 200
    assert client.get(reverse("practices:edit", args=[pk])).status_code == 200
    response = client.post(reverse("practices:edit", args=[pk]), EDIT)
    assert response.status_code == 302
    assert Practice.objects.get(pk=pk).title == EDIT["title"]
    download = client.get(reverse("practices:attachment", args=[pk, doc]))
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    response = client.post(
        reverse("practices:transition", args=[pk]),
        {"transition": "submit", "expected_state": "draft"},
    )
    assert response.status_code == 302
    assert Practice.objects.get(pk=pk).state == "submitted"


def test_every_member_reads_a_published_practice_and_marks_it(client, world, targets):
    pk, doc = targets["published"]
    for who in OUTSIDERS:
        login(client, getattr(world, who))
        assert client.get(reverse("practices:detail", args=[pk])).status_code == 200
        assert (
            client.get(reverse("practices:attachment", args=[pk, doc])).status_code
            == 200
        )
    login(client, world.referent_a)
    assert client.post(reverse("practices:reused", args=[pk])).status_code == 302
    assert client.post(reverse("practices:useful", args=[pk])).status_code == 302
    practice = Practice.objects.with_marks().get(pk=pk)
    assert (practice.useful_count, practice.reuse_count) == (1, 1)


def test_the_region_features_and_the_referent_withdraws(client, world, targets):
    pk, _doc = targets["published"]
    login(client, world.coordinator)
    client.post(reverse("practices:feature", args=[pk]), {"featured": "1"})
    assert Practice.objects.get(pk=pk).featured
    login(client, world.referent_b)
    response = client.post(
        reverse("practices:transition", args=[pk]),
        {"transition": "archive", "expected_state": "published"},
    )
    assert response.status_code == 302
    assert Practice.objects.get(pk=pk).state == "archived"


def test_a_document_id_of_another_practice_is_not_found(client, world, targets):
    """Swapping the document's id under a practice one may read finds nothing."""
    login(client, world.referent_a)
    published, _doc = targets["published"]
    _draft, draft_doc = targets["draft"]
    url = reverse("practices:attachment", args=[published, draft_doc])
    assert client.get(url).status_code == 404
