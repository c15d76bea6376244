"""The convention pages, the notifications and the conventions' to-do, through
the test client: scope, workflow buttons, stale forms, files, query counts."""

from __future__ import annotations

import re
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.text import slugify

from conventions.models import Convention, ConventionAttachment, ConventionKind
from conventions.services import convention_start, convention_update
from notifications.models import Notification
from workflows import engine

from ..conftest import login
from ..factories import StructureFactory, convention_drive, member, pdf_bytes

YEAR = 2026
PDF = pdf_bytes("Annexe")


def page_text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def transitions_offered(response) -> set[str]:
    return set(
        re.findall(r'name="transition" value="([a-z_]+)"', response.content.decode())
    )


def structure_convention(world, structure=None, year=YEAR) -> Convention:
    structure = structure or world.structure_a
    drafter = (
        world.referent_a if structure.pk == world.structure_a.pk else world.coordinator
    )
    return convention_start(
        user=drafter, kind=ConventionKind.STRUCTURE, year=year, structure=structure
    )


def detail_url(convention) -> str:
    return reverse("conventions:detail", args=[convention.pk])


def fire(client, convention, transition, *, comment="", expected=None):
    return client.post(
        reverse("conventions:transition", args=[convention.pk]),
        {
            "transition": transition,
            "expected_state": expected or convention.state,
            "comment": comment,
        },
    )


# List ------------------------------------------------------------------------


def test_the_list_shows_the_conventions_of_the_users_scope_only(client, world):
    own = structure_convention(world)
    other = structure_convention(world, world.structure_b)
    login(client, world.referent_a)
    response = client.get(reverse("conventions:list"))
    assert response.status_code == 200
    listed = list(response.context["page"].object_list)
    assert own in listed
    assert other not in listed
    assert world.structure_b.name not in page_text(response)
    assert "Nouvelle convention" in page_text(response)


def test_the_list_filters_by_state_and_territory(client, world):
    in_a = structure_convention(world)
    in_b = structure_convention(world, world.structure_b)
    engine.fire(in_a, "submit", user=world.referent_a)
    login(client, world.coordinator)
    url = reverse("conventions:list")
    submitted = client.get(url, {"etat": "submitted"}).context["page"].object_list
    assert list(submitted) == [Convention.objects.get(pk=in_a.pk)]
    brest = client.get(url, {"territoire": world.territory_b.pk}).context["page"]
    assert list(brest.object_list) == [in_b]
    nonsense = client.get(url, {"etat": "<script>", "annee": "x", "reseau": "y"})
    assert nonsense.status_code == 200
    assert nonsense.context["page"].paginator.count == 2


def test_readers_without_a_role_to_start_get_no_new_convention_link(client, world):
    structure_convention(world)
    login(client, world.professional_a)
    response = client.get(reverse("conventions:list"))
    assert "Nouvelle convention" not in page_text(response)
    assert client.get(reverse("conventions:new")).status_code == 403


# New convention ----------------------------------------------------------------


def test_a_referent_may_start_the_convention_of_their_structure_only(client, world):
    login(client, world.referent_a)
    url = reverse("conventions:new")
    form = client.get(url)
    assert form.status_code == 200
    values = {value for value, _label in form.context["form"].start_choices.items()}
    assert values == {f"structure:{world.structure_a.pk}"}
    response = client.post(
        url, {"subject": f"structure:{world.structure_b.pk}", "year": YEAR}
    )
    assert response.status_code == 400
    assert not Convention.objects.exists()
    response = client.post(
        url, {"subject": f"structure:{world.structure_a.pk}", "year": YEAR}
    )
    convention = Convention.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(convention)
    assert convention.structure == world.structure_a
    assert convention.state == "draft"


def test_a_duplicate_or_a_non_partner_network_is_told_not_a_500(client, world):
    structure_convention(world)
    login(client, world.referent_a)
    url = reverse("conventions:new")
    duplicate = client.post(
        url, {"subject": f"structure:{world.structure_a.pk}", "year": YEAR}
    )
    assert duplicate.status_code == 400
    assert "existe déjà" in page_text(duplicate)
    world.network_b.is_partner = False
    world.network_b.save()
    login(client, world.referent_b)
    refused = client.post(
        url, {"subject": f"structure:{world.structure_b.pk}", "year": YEAR}
    )
    assert refused.status_code == 400
    assert "réseau régional partenaire" in page_text(refused)
    assert Convention.objects.count() == 1


def test_a_network_head_starts_the_network_convention_cosigned_by_the_state(
    client, world
):
    login(client, world.network_head_a)
    url = reverse("conventions:new")
    form = client.get(url).context["form"]
    assert set(form.start_choices) == {f"region_network:{world.network_a.pk}"}
    response = client.post(
        url,
        {
            "subject": f"region_network:{world.network_a.pk}",
            "year": YEAR,
            "government_cosigns": "on",
        },
    )
    assert response.status_code == 302
    convention = Convention.objects.get()
    assert set(convention.parties.values_list("kind", flat=True)) == {
        "region",
        "network",
        "government",
    }


# Detail and actions ----------------------------------------------------------


def test_the_page_shows_the_state_and_only_the_allowed_actions(client, world):
    convention = structure_convention(world)
    login(client, world.referent_a)
    mine = client.get(detail_url(convention))
    assert mine.status_code == 200
    assert "En rédaction" in page_text(mine)
    assert transitions_offered(mine) == {"submit"}
    assert reverse("conventions:edit", args=[convention.pk]) in page_text(mine)

    login(client, world.coordinator)
    region = client.get(detail_url(convention))
    assert transitions_offered(region) == {"abandon"}
    # Abandoning needs a comment: the field says so to the browser too.
    assert re.search(r"<textarea[^>]*required", region.content.decode())

    login(client, world.network_head_a)
    head = client.get(detail_url(convention))
    assert transitions_offered(head) == set()
    assert "Aucune action ne vous est demandée" in page_text(head)
    assert reverse("conventions:edit", args=[convention.pk]) not in (page_text(head))


def test_someone_elses_convention_answers_404_everywhere(client, world):
    convention = structure_convention(world)
    login(client, world.referent_b)
    assert client.get(detail_url(convention)).status_code == 404
    assert (
        client.get(reverse("conventions:edit", args=[convention.pk])).status_code == 404
    )
    assert fire(client, convention, "submit").status_code == 404
    assert (
        client.post(reverse("conventions:renew", args=[convention.pk])).status_code
        == 404
    )
    convention.refresh_from_db()
    assert convention.state == "draft"


def test_firing_a_transition_moves_the_convention_and_says_so(client, world):
    convention = structure_convention(world)
    login(client, world.referent_a)
    response = fire(client, convention, "submit")
    assert response.status_code == 302
    assert response.url == detail_url(convention)
    convention.refresh_from_db()
    assert convention.state == "submitted"
    page = client.get(response.url)
    assert "Soumise à la tête de réseau" in page_text(page)
    # The timeline names who did what.
    assert "Soumettre à la tête de réseau" in page_text(page)
    assert world.referent_a.get_full_name() in page_text(page)


def test_a_transition_the_role_does_not_allow_answers_403_with_the_reason(
    client, world
):
    convention = structure_convention(world)
    engine.fire(convention, "submit", user=world.referent_a)
    convention.refresh_from_db()
    login(client, world.referent_a)
    response = fire(client, convention, "approve")
    assert response.status_code == 403
    assert "Votre rôle ne vous permet pas" in page_text(response)
    convention.refresh_from_db()
    assert convention.state == "submitted"


def test_a_stale_page_or_a_missing_comment_is_a_message_not_an_error(client, world):
    convention = structure_convention(world)
    login(client, world.network_head_a)
    stale = fire(client, convention, "approve", expected="submitted")
    assert stale.status_code == 302
    engine.fire(convention, "submit", user=world.referent_a)
    convention.refresh_from_db()
    no_comment = fire(client, convention, "send_back")
    assert no_comment.status_code == 302
    page = client.get(no_comment.url)
    assert "Indiquez un commentaire" in page_text(page)
    convention.refresh_from_db()
    assert convention.state == "submitted"
    sent_back = fire(client, convention, "send_back", comment="Précisez les dates.")
    assert sent_back.status_code == 302
    convention.refresh_from_db()
    assert convention.state == "draft"
    assert "Précisez les dates." in page_text(client.get(detail_url(convention)))


# Edit ------------------------------------------------------------------------


def test_editing_saves_the_content_of_this_kind(client, world):
    convention = structure_convention(world)
    login(client, world.referent_a)
    url = reverse("conventions:edit", args=[convention.pk])
    form = client.get(url).context["form"]
    assert "government_engagements" not in form.fields
    data = {name: form.initial[name] for name in form.fields}
    data["specific_terms"] = "Permanence le mardi\r\nBilan en juin"
    response = client.post(url, data)
    assert response.status_code == 302
    convention.refresh_from_db()
    assert convention.specific_terms == "Permanence le mardi\nBilan en juin"
    history = client.get(detail_url(convention)).context["history"]
    assert history[0].user == world.referent_a
    assert history[0].fields == ["modalités spécifiques de mise en œuvre"]
    data["seen_updated_at"] = convention.updated_at.isoformat()
    data["objectives"] = "<b>gras</b>"
    invalid = client.post(url, data)
    assert invalid.status_code == 400
    assert "balises HTML" in page_text(invalid)


def test_a_stale_edit_form_answers_409_and_keeps_the_users_text(client, world):
    convention = structure_convention(world)
    login(client, world.referent_a)
    url = reverse("conventions:edit", args=[convention.pk])
    form = client.get(url).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    # Someone else saves in between.
    convention_update(
        user=world.coordinator,
        convention=convention,
        data={"specific_terms": "Version de la Région"},
        seen_updated_at="",
    )
    data["specific_terms"] = "Mon texte à ne pas perdre"
    response = client.post(url, data)
    assert response.status_code == 409
    assert "modifiée par quelqu'un d'autre" in page_text(response)
    assert "Mon texte à ne pas perdre" in page_text(response)
    convention.refresh_from_db()
    assert convention.specific_terms == "Version de la Région"


def test_only_editors_of_the_state_may_open_the_form(client, world):
    convention = structure_convention(world)
    login(client, world.network_head_a)
    url = reverse("conventions:edit", args=[convention.pk])
    assert client.get(url).status_code == 403
    engine.fire(convention, "submit", user=world.referent_a)
    login(client, world.referent_a)
    assert client.get(url).status_code == 403


# Attachments -----------------------------------------------------------------


def test_attachments_pdf_only_and_by_those_who_may_attach(client, world):
    convention = structure_convention(world)
    url = reverse("conventions:attachment_add", args=[convention.pk])
    login(client, world.referent_a)
    not_pdf = client.post(
        url,
        {
            "file": SimpleUploadedFile("notes.pdf", b"hello", "application/pdf"),
            "description": "Annexe",
        },
    )
    assert not_pdf.status_code == 400
    assert "n'est pas un PDF" in page_text(not_pdf)
    added = client.post(
        url,
        {
            "file": SimpleUploadedFile("Annexe 1.pdf", PDF, "application/pdf"),
            "description": "Annexe financière",
        },
    )
    assert added.status_code == 302
    attachment = ConventionAttachment.objects.get()
    download = client.get(reverse("conventions:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF

    login(client, world.professional_a)  # sees the convention, may not attach
    forbidden = client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "autre.pdf", pdf_bytes("Autre annexe"), "application/pdf"
            ),
            "description": "Autre",
        },
    )
    assert forbidden.status_code == 403
    login(client, world.referent_b)  # does not see it
    assert (
        client.get(reverse("conventions:attachment", args=[attachment.pk])).status_code
        == 404
    )
    assert client.post(url, {}).status_code == 404
    assert ConventionAttachment.objects.count() == 1


# Signature, documents, renewal (need the PDF generator) ------------------------


def test_signing_shows_the_document_and_each_signature(client, world):
    convention = structure_convention(world)
    convention = convention_drive(world, convention, "signing")
    document = convention.documents.get()
    login(client, world.referent_a)
    page = client.get(detail_url(convention))
    assert transitions_offered(page) == {"sign_structure"}
    assert document.sha256 in page_text(page)
    assert "Pas encore signée" in page_text(page)
    signed = fire(client, convention, "sign_structure")
    assert signed.status_code == 302
    page = client.get(detail_url(convention))
    assert transitions_offered(page) == set()
    assert world.referent_a.get_full_name() in page_text(page)

    download = client.get(reverse("conventions:document", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    expected = f"convention-{YEAR}-{slugify(convention.subject_name)}-v1.pdf"
    assert expected in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    login(client, world.referent_b)
    assert (
        client.get(reverse("conventions:document", args=[document.pk])).status_code
        == 404
    )


def test_a_convention_in_signature_can_be_renewed_once(client, world):
    convention = convention_drive(world, structure_convention(world), "signing")
    login(client, world.referent_a)
    page = client.get(detail_url(convention))
    assert "Préparer le renouvellement" in page_text(page)
    url = reverse("conventions:renew", args=[convention.pk])
    response = client.post(url)
    renewal = Convention.objects.get(previous=convention)
    assert response.status_code == 302
    assert response.url == detail_url(renewal)
    assert renewal.year == YEAR + 1
    assert renewal.state == "draft"
    page = client.get(detail_url(convention))
    assert "Préparer le renouvellement" not in page_text(page)
    assert detail_url(renewal) in page_text(page)
    again = client.post(url)
    assert again.status_code == 302
    assert Convention.objects.filter(previous=convention).count() == 1


def test_a_draft_is_not_renewed_and_readers_may_not_renew(client, world):
    convention = structure_convention(world)
    login(client, world.professional_a)
    url = reverse("conventions:renew", args=[convention.pk])
    assert client.post(url).status_code == 403
    login(client, world.referent_a)
    assert "Préparer le renouvellement" not in page_text(
        client.get(detail_url(convention))
    )
    response = client.post(reverse("conventions:renew", args=[convention.pk]))
    assert response.status_code == 302
    assert Convention.objects.count() == 1


# Notifications -----------------------------------------------------------------


def test_notifications_are_the_users_own(client, world):
    mine = Notification.objects.create(
        user=world.referent_a, title="Pour moi", url="/extranet/conventions/"
    )
    theirs = Notification.objects.create(user=world.referent_b, title="Pas pour moi")
    login(client, world.referent_a)
    listing = client.get(reverse("notifications:list"))
    assert "Pour moi" in page_text(listing)
    assert "Pas pour moi" not in page_text(listing)
    assert "Notifications (1 non lue)" in page_text(listing)
    other = client.post(reverse("notifications:read", args=[theirs.pk]))
    assert other.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    read = client.post(reverse("notifications:read", args=[mine.pk]))
    assert read.status_code == 302
    assert read.url == "/extranet/conventions/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_notification_never_redirects_off_site(client, world):
    odd = Notification.objects.create(
        user=world.referent_a, title="Lien étrange", url="//evil.example/"
    )
    Notification.objects.create(user=world.referent_a, title="Autre")
    login(client, world.referent_a)
    response = client.post(reverse("notifications:read", args=[odd.pk]))
    assert response.url == reverse("notifications:list")
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=world.referent_a).unread().exists()


def test_submitting_notifies_the_network_head(client, world):
    convention = structure_convention(world)
    login(client, world.referent_a)
    fire(client, convention, "submit")
    notice = Notification.objects.get(user=world.network_head_a)
    assert notice.url == detail_url(convention)


# To-do -------------------------------------------------------------------------


def test_the_network_head_finds_a_submitted_convention_in_their_to_do(client, world):
    convention = structure_convention(world)
    login(client, world.network_head_a)
    assert str(convention) not in page_text(client.get(reverse("extranet:dashboard")))
    engine.fire(convention, "submit", user=world.referent_a)
    dashboard = client.get(reverse("extranet:dashboard"))
    text = page_text(dashboard)
    assert str(convention) in text
    assert "Approuver (tête de réseau)" in text
    assert detail_url(convention) in dashboard.content.decode()
    login(client, world.network_head_b)
    assert str(convention) not in page_text(client.get(reverse("extranet:dashboard")))


def test_lapsed_structure_conventions_are_in_the_to_do_of_their_scope(client, world):
    import datetime

    world.structure_a.convention_valid_until = datetime.date(2020, 12, 31)
    world.structure_a.save()
    for user, sees in [
        (world.referent_a, True),
        (world.network_head_a, True),
        (world.coordinator, True),
        (world.referent_b, False),
        (world.professional_a, False),
    ]:
        login(client, user)
        text = page_text(client.get(reverse("extranet:dashboard")))
        assert (f"Convention échue : {world.structure_a.name}" in text) is sees, user
    # A new convention under way takes it off the list.
    structure_convention(world, year=2100)
    login(client, world.referent_a)
    text = page_text(client.get(reverse("extranet:dashboard")))
    assert f"Convention échue : {world.structure_a.name}" not in text


# Query counts ------------------------------------------------------------------


def _many_conventions(world, count: int) -> list[Convention]:
    made = []
    for _ in range(count):
        structure = StructureFactory(
            network=world.network_a, territory=world.territory_a
        )
        member("referent", structure.organisation)
        made.append(structure_convention(world, structure))
    return made


def test_list_and_page_query_counts_do_not_grow(
    client, world, django_assert_max_num_queries
):
    convention = structure_convention(world)
    login(client, world.coordinator)
    list_url = reverse("conventions:list")
    client.get(list_url)
    client.get(detail_url(convention))  # warm the per-process caches
    _many_conventions(world, 3)
    with django_assert_max_num_queries(20) as few:
        assert client.get(list_url).status_code == 200
    _many_conventions(world, 10)
    for c in Convention.objects.exclude(pk=convention.pk)[:5]:
        engine.fire(c, "abandon", user=world.coordinator, comment="Doublon.")
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(list_url)
    assert response.context["page"].paginator.count == 14
    assert len(many) == len(few)

    with django_assert_max_num_queries(30) as detail:
        assert client.get(detail_url(convention)).status_code == 200
    for n in range(5):
        convention_update(
            user=world.coordinator,
            convention=convention,
            data={"specific_terms": f"Version {n}"},
            seen_updated_at="",
        )
    with django_assert_max_num_queries(len(detail)):
        assert client.get(detail_url(convention)).status_code == 200
