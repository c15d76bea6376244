"""The referent's card editor refuses bad input in French, saves nothing, never 500s."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django import forms
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from extranet.forms import StructureCardForm
from extranet.models import MembershipStatus, Structure, StructureType
from tests.conftest import login

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
TEXT_FIELDS = (
    "description",
    "address_line",
    "address_complement",
    "city",
    "hours_note",
    "appointment_info",
    "accessibility_notes",
)
URL_AND_MAIL_FIELDS = ("email", "website", "chat_url", "visio_url")

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "</textarea><script>alert(1)</script>",
    "<a href='javascript:alert(1)'>x</a>",
    "< script >alert(1)< /script >",
    "<!--<img src=x onerror=alert(1)>-->",
    "<img src=x onerror=alert(1)//",
    '"><svg onload=alert(1)//',
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "javascript:alert(document.cookie)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ request.user.password }}{% debug %}",
    "%3Cscript%3Ealert(1)%3C/script%3E",
]


def edit_url(structure) -> str:
    return f"/extranet/structures/{structure.pk}/modifier/"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def card_data(structure: Structure) -> dict[str, str]:
    """What the edit form would post unchanged for this structure."""
    form = StructureCardForm(instance=structure)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    return data


def snapshot(structure: Structure) -> dict:
    fresh = Structure.objects.get(pk=structure.pk)
    return {
        f.attname: getattr(fresh, f.attname) for f in Structure._meta.concrete_fields
    }


@pytest.fixture
def structure(world):
    """Structure A, its card last checked long ago."""
    Structure.objects.filter(pk=world.structure_a.pk).update(
        card_checked_at=timezone.now() - timedelta(days=400)
    )
    return Structure.objects.get(pk=world.structure_a.pk)


@pytest.fixture
def referent_client(world, client):
    return login(client, world.referent_a)


BAD_INPUTS = [
    ("postcode", "75001", "Saisissez un code postal breton"),
    ("postcode", "3500", "Saisissez un code postal breton"),
    ("postcode", "29200", "pas dans le département du territoire"),
    ("postcode", "35\u0660\u0660\u0660", "Saisissez un code postal breton"),
    ("postcode", "\uff13\uff15000", "Saisissez un code postal breton"),
    ("phone", "123", "Saisissez un numéro de téléphone français"),
    ("phone", "02 \u0669\u0669 00 00 00", "Saisissez un numéro de téléphone français"),
    ("latitude", "43.6", "hors de Bretagne"),
    ("longitude", "7.2", "hors de Bretagne"),
    ("latitude", "abc", "Saisissez un nombre"),
    ("latitude", "48.123456", "Cinq décimales au plus"),
    ("latitude", "48.1234567", "Saisissez une latitude en degrés décimaux"),
    ("description", "x" * 5000, "au plus 1500 caractères"),
    ("city", "<b>x</b>", "ne doit pas contenir de balises HTML"),
    (
        "description",
        "<script>alert(1)</script>",
        "ne doit pas contenir de balises HTML",
    ),
    (
        "hours_note",
        "<img src=x onerror=alert(1)>",
        "ne doit pas contenir de balises",
    ),
    ("website", "javascript:alert(1)", "Saisissez une URL valide"),
    ("address_line", "", "Champ requis"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUTS)
def test_bad_input_is_refused_in_french_with_400_and_nothing_saved(
    structure, referent_client, field, value, message
):
    before = snapshot(structure)
    history_before = structure.history.count()
    data = card_data(structure)
    data["appointment_info"] = "Sur rendez-vous le mardi après-midi"
    if field != "address_line":
        data["address_line"] = "3 place Sainte-Anne"
    data[field] = value

    response = referent_client.post(edit_url(structure), data)

    assert response.status_code == 400
    text = page_text(response)
    assert message in text
    assert "La fiche n'a pas été enregistrée" in text
    assert snapshot(structure) == before
    assert structure.history.count() == history_before
    # The rest of what was typed is shown again, not lost.
    assert "Sur rendez-vous le mardi après-midi" in text
    if field != "address_line":
        assert 'value="3 place Sainte-Anne"' in text


def test_html_typed_in_a_field_is_shown_back_escaped(structure, referent_client):
    data = card_data(structure)
    data["city"] = "<b>x</b>"

    response = referent_client.post(edit_url(structure), data)

    assert response.status_code == 400
    assert "<b>x</b>" not in response.content.decode()
    assert escape("<b>x</b>") in response.content.decode()


def test_a_valid_post_saves_records_history_and_confirms_the_card(
    world, structure, referent_client
):
    history_before = structure.history.count()
    data = card_data(structure)
    data.update(
        address_line="3 place Sainte-Anne",
        phone="02.99.12.34.56",
        latitude="48.11400",
        longitude="-1.68000",
        hours_note="Lundi – vendredi : 9 h – 12 h 30",
    )

    response = referent_client.post(edit_url(structure), data)

    assert response.status_code == 302
    assert response.url == f"/extranet/structures/{structure.pk}/"
    structure.refresh_from_db()
    assert structure.address_line == "3 place Sainte-Anne"
    assert structure.phone == "02.99.12.34.56"
    assert str(structure.latitude) == "48.11400"
    assert structure.history.count() == history_before + 1
    assert structure.history.first().history_user == world.referent_a
    assert timezone.now() - structure.card_checked_at < timedelta(minutes=1)


def test_hidden_fields_posted_anyway_are_ignored(world, structure, referent_client):
    before = snapshot(structure)
    data = card_data(structure)
    data.update(
        organisation=str(world.structure_b.organisation_id),
        network=str(world.network_b.pk),
        territory=str(world.territory_b.pk),
        membership_status=MembershipStatus.CONTACT_POINT,
        structure_type=StructureType.CIO,
        card_checked_at="2001-01-01 00:00:00",
        updated_at="2001-01-01 00:00:00",
        id=str(world.structure_b.pk),
    )

    response = referent_client.post(edit_url(structure), data)

    assert response.status_code == 302
    after = snapshot(structure)
    for name in (
        "id",
        "organisation_id",
        "network_id",
        "territory_id",
        "membership_status",
        "structure_type",
    ):
        assert after[name] == before[name], name
    assert after["card_checked_at"].year == timezone.now().year
    assert snapshot(world.structure_b)["organisation_id"] == (
        world.structure_b.organisation_id
    )


def test_a_professional_cannot_post_the_edit_form(world, structure, client):
    login(client, world.professional_a)
    before = snapshot(structure)
    data = card_data(structure)
    data["city"] = "Saint-Malo"

    response = client.post(edit_url(structure), data)

    assert response.status_code == 403
    assert snapshot(structure) == before


# Fuzzing ---------------------------------------------------------------------------

any_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.text(
        alphabet=st.sampled_from(
            "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\u200b\u202e<>\"'&/;=éà€"
        ),
        max_size=40,
    ),
    st.sampled_from(XSS_PAYLOADS),
    st.builds(lambda a, b: a + b, st.text(max_size=20), st.sampled_from(XSS_PAYLOADS)),
    st.just("x" * 2000),
)
any_number = st.one_of(
    any_text,
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        [
            "48.1",
            "-1.6",
            "1e400",
            "-0",
            "NaN",
            "sNaN",
            "Infinity",
            "48,11",
            "0x30",
            "١٢",
            "48.111111111",
            "999999999",
        ]
    ),
)
any_postcode = st.one_of(
    any_text,
    st.from_regex(r"\A[0-9]{0,7}\Z"),
    st.sampled_from(
        ["35000", "35 000", "２９２００", "35000\n", "-3500", "35\u0660\u0660\u0660"]
    ),
)
any_phone = st.one_of(
    any_text,
    st.from_regex(r"\A[0-9 .+-]{0,25}\Z"),
    st.sampled_from(
        [
            "02 99 00 00 00",
            "+33 2 99 00 00 00",
            "0299000000\x00",
            "02 \u0669\u0669 00 00 00",
        ]
    ),
)

card_changes = st.fixed_dictionaries(
    {},
    optional={
        **dict.fromkeys(TEXT_FIELDS + URL_AND_MAIL_FIELDS, any_text),
        "postcode": any_postcode,
        "phone": any_phone,
        "latitude": any_number,
        "longitude": any_number,
    },
)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=card_changes)
def test_fuzzed_input_never_causes_a_server_error_and_rejected_posts_change_nothing(
    structure, referent_client, changes
):
    before = snapshot(structure)
    history_before = structure.history.count()
    data = {**card_data(Structure.objects.get(pk=structure.pk)), **changes}

    response = referent_client.post(edit_url(structure), data)

    event(f"HTTP {response.status_code}")
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert snapshot(structure) == before
        assert structure.history.count() == history_before
    else:
        saved = snapshot(structure)
        for name in TEXT_FIELDS:
            assert not HTML_TAG.search(saved[name]), (name, saved[name])
            assert "\x00" not in saved[name]
        assert re.fullmatch(r"(22|29|35|56)[0-9]{3}", saved["postcode"])
        assert saved["phone"].isascii()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_never_appear_unescaped_on_the_structure_page(
    structure, referent_client, payload
):
    data = card_data(structure)
    for name in (
        "description",
        "address_complement",
        "hours_note",
        "appointment_info",
        "accessibility_notes",
    ):
        data[name] = payload

    response = referent_client.post(edit_url(structure), data)
    page = referent_client.get(f"/extranet/structures/{structure.pk}/")

    assert response.status_code in (302, 400)
    content = page.content.decode()
    if any(c in payload for c in "<>\"'"):
        assert payload not in content
    if response.status_code == 302:
        assert escape(payload) in content
    if "<" in payload and ">" in payload.split("<", 1)[1]:
        assert response.status_code == 400  # refused by the no-HTML validator
