"""Mon compte: a user keeps their own details and password."""

from __future__ import annotations

from django.urls import reverse

from ..conftest import login
from ..factories import DEFAULT_PASSWORD


def test_a_user_updates_their_name_and_job_title(client, world):
    login(client, world.professional_a)
    response = client.post(
        reverse("extranet:account"),
        {"first_name": "Soizic", "last_name": "Le Bihan", "job_title": "Conseillère"},
    )
    assert response.status_code == 302
    world.professional_a.refresh_from_db()
    assert world.professional_a.job_title == "Conseillère"
    assert world.professional_a.history.first().history_user == world.professional_a


def test_markup_in_a_name_is_refused_and_nothing_is_saved(client, world):
    login(client, world.professional_a)
    before = world.professional_a.last_name
    response = client.post(
        reverse("extranet:account"),
        {"first_name": "<b>x</b>", "last_name": "Le Bihan", "job_title": ""},
    )
    assert response.status_code == 400
    assert "balises HTML" in response.content.decode()
    world.professional_a.refresh_from_db()
    assert world.professional_a.last_name == before


def test_a_user_changes_their_password_and_can_log_in_with_it(client, world):
    login(client, world.professional_a)
    new = "Un-nouveau-mot-de-passe-2026"
    response = client.post(
        reverse("extranet:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    world.professional_a.refresh_from_db()
    assert world.professional_a.check_password(new)


def test_a_wrong_current_password_changes_nothing(client, world):
    login(client, world.professional_a)
    new = "Un-nouveau-mot-de-passe-2026"
    response = client.post(
        reverse("extranet:password_change"),
        {"old_password": "faux", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    world.professional_a.refresh_from_db()
    assert world.professional_a.check_password(DEFAULT_PASSWORD)


def test_the_account_page_says_whether_a_second_factor_is_required(client, world):
    client.force_login(world.referent_a)
    assert "facultative" in client.get(reverse("extranet:account")).content.decode()
    login(client, world.coordinator)
    assert "activée" in client.get(reverse("extranet:account")).content.decode()
