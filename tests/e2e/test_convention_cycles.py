"""The three kinds of convention, from the first draft to "En vigueur", in Chromium.

Each party works in its own browser context (its own cookies), through the real
login form, second factor included for the roles that need one. Every new page
is checked with axe-core (serious and critical violations fail).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conventions.models import Convention, ConventionDocument, ConventionKind, Signature
from extranet.middleware import otp_required
from extranet.models import Role, Structure
from extranet.models.memberships import ROLES_REQUIRING_OTP
from workflows.models import TransitionLog

from ..factories import convention_in_state, member
from .conftest import _new_page, check_accessibility, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OTP_VERIFY_PATH = "/extranet/double-authentification/"
COMMENT = "Merci de préciser les horaires de l'accueil personnalisé."
SPECIFIC_TERMS = "Accueil personnalisé sur rendez-vous le mardi après-midi."
GOVERNMENT_ENGAGEMENTS = (
    "Mobiliser les services de l'État dans le SPRO.\n"
    "Participer aux instances de gouvernance du SPRO."
)


# Sessions ----------------------------------------------------------------------


def _totp_code(device: TOTPDevice) -> str:
    """The device's current code, never one already used (django-otp refuses a
    replayed step: take the next one, within the device's tolerance)."""
    device.refresh_from_db()
    otp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    otp.time = time.time()
    ahead = device.last_t + 1 - otp.t()
    if ahead > device.tolerance:  # pragma: no cover - only on a very fast rerun
        time.sleep(device.step)
        otp.time = time.time()
        ahead = device.last_t + 1 - otp.t()
    otp.drift += max(0, ahead)
    return f"{otp.token():0{device.digits}d}"


def _log_in(page, user) -> None:
    """The login form, then the one-time code when the user's roles need one."""
    needs_otp = otp_required(user)
    device = None
    if needs_otp:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="Application e2e", defaults={"confirmed": True}
        )
    log_in(page, user.email)
    if needs_otp:
        expect(page).to_have_url(re.compile(re.escape(OTP_VERIFY_PATH) + r"(\?.*)?$"))
        page.get_by_label("Code à 6 chiffres").fill(_totp_code(device))
        page.get_by_role("button", name="Valider").click()
    expect(page).to_have_url(re.compile(r"/extranet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")


@pytest.fixture
def session(browser, live_server) -> Iterator[Callable]:
    """``session(user)``: a page in a fresh context, logged in as ``user``."""
    contexts = []

    def _open(user, *, javascript: bool = True):
        options = {} if javascript else {"java_script_enabled": False}
        context, page = _new_page(browser, live_server, **options)
        contexts.append(context)
        _log_in(page, user)
        return page

    yield _open
    for context in contexts:
        context.close()


# Page helpers ------------------------------------------------------------------


def _nav(page):
    return page.get_by_role("navigation", name="Menu de l’extranet")


def _state_badge(page):
    return page.locator(".convention-status .badge-state")


def _messages(page):
    return page.locator(".messages")


def _action_form(page, label: str):
    button = page.get_by_role("button", name=label, exact=True)
    return page.locator("form", has=button)


def _act(page, label: str, *, state: str, comment: str = "") -> None:
    """Fire the workflow action ``label`` and check it led to ``state``."""
    form = _action_form(page, label)
    expect(form).to_have_count(1)
    if comment:
        form.get_by_label("Commentaire").fill(comment)
    form.get_by_role("button", name=label, exact=True).click()
    expect(_messages(page)).to_contain_text(
        f"Action « {label} » enregistrée : la convention est « {state} »."
    )
    expect(_state_badge(page)).to_have_text(state)


def _open_convention(page, convention: Convention) -> None:
    page.goto(convention.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"{convention.get_kind_display()} {convention.year}"
    )


def _create(
    page, *, group: str, subject: str, year: int, cosigns=False, a11y=True
) -> int:
    """From the list, "Nouvelle convention", then create it; returns its id.

    ``a11y``: run axe on the list and the form (not without JavaScript)."""
    _nav(page).get_by_role("link", name="Conventions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conventions")
    if a11y:
        check_accessibility(page)
    page.get_by_role("link", name="Nouvelle convention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle convention")
    if a11y:
        check_accessibility(page)
    subject_field = page.get_by_label("Convention à préparer")
    # The choices are grouped by kind: the wanted one is in its group.
    expect(subject_field.locator(f'optgroup[label="{group}"] option')).to_contain_text(
        [subject]
    )
    subject_field.select_option(label=subject)
    page.get_by_label("Année").fill(str(year))
    if cosigns:
        page.get_by_label("L'État cosigne").check()
    page.get_by_role("button", name="Créer la convention").click()
    expect(_messages(page)).to_contain_text(
        "La convention est créée en rédaction : complétez-la."
    )
    expect(_state_badge(page)).to_have_text("En rédaction")
    match = re.search(r"/extranet/conventions/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def _check_document_v1(page, convention: Convention) -> ConventionDocument:
    """Version 1 is listed with its SHA-256, and downloads as that very PDF."""
    document = ConventionDocument.objects.get(convention=convention)
    assert document.version == 1
    assert re.fullmatch(r"[0-9a-f]{64}", document.sha256)
    documents = page.locator("section", has=page.locator("#documents"))
    row = documents.get_by_role("row").filter(has_text="Télécharger la version 1")
    expect(row).to_have_count(1)
    expect(row.get_by_role("rowheader")).to_contain_text("1")
    expect(row.get_by_role("rowheader")).to_contain_text("version en cours")
    expect(row.locator("code.hash")).to_have_text(document.sha256)
    link = row.get_by_role("link", name="Télécharger la version 1 (PDF)")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith("-v1.pdf"), download.suggested_filename
    with open(download.path(), "rb") as handle:
        body = handle.read()
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == document.sha256
    # The same file through the session's request API.
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == body
    return document


def _check_signatures(page, convention: Convention, parties: int) -> None:
    signed = page.locator("section", has=page.locator("#parties")).locator("tbody tr")
    expect(signed).to_have_count(parties)
    for i in range(parties):
        expect(signed.nth(i)).to_contain_text("Signée par")
    assert Signature.objects.filter(document__convention=convention).count() == parties


def _timeline(page):
    return page.locator("section", has=page.locator("#circuit")).locator(
        "li.timeline-entry"
    )


def _check_todo(page, convention: Convention, action: str) -> None:
    """The to-do area of "Mon espace" lists the convention, with the action."""
    _nav(page).get_by_role("link", name="Mon espace").click()
    todo = page.locator("section", has=page.locator("#a-faire"))
    item = todo.locator("li.todo-item").filter(
        has=page.get_by_role("link", name=str(convention), exact=True)
    )
    expect(item).to_have_count(1)
    expect(item).to_contain_text(action)
    check_accessibility(page)


def _check_notification(page, convention: Convention, state: str) -> None:
    """The unread notification of the state the convention entered; opening it
    marks it read and leads to the convention."""
    link = _nav(page).get_by_role(
        "link", name=re.compile(r"^Notifications \(\d+ non lues?\)")
    )
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    title = f"{convention} : {state}, votre action est attendue"
    notification = page.locator("li.notification-unread").filter(has_text=title)
    expect(notification).to_have_count(1)
    check_accessibility(page)
    notification.get_by_role(
        "button", name=f"Ouvrir et marquer comme lue : {title}"
    ).click()
    expect(page).to_have_url(re.compile(re.escape(convention.get_absolute_url()) + "$"))
    expect(_state_badge(page)).to_have_text(state)


# The three cycles --------------------------------------------------------------


def test_structure_convention_whole_cycle(world, session):
    year = timezone.localdate().year
    structure = world.structure_a
    public_path = f"/structures/{structure.organisation.slug}/"

    referent = session(world.referent_a)
    # Before any convention, the directory does not list the accueil
    # personnalisé et individualisé, even though the card declares it.
    referent.goto(public_path)
    services = referent.locator("section", has=referent.locator("#services-title"))
    expect(services).not_to_contain_text("Accueil personnalisé et individualisé")

    # The referent creates the convention of their structure.
    referent.goto("/extranet/")
    pk = _create(
        referent,
        group="Convention Région – réseau – structure",
        subject=structure.organisation.name,
        year=year,
    )
    convention = Convention.objects.get(pk=pk)
    assert convention.kind == ConventionKind.STRUCTURE
    assert convention.structure_id == structure.pk and convention.year == year
    expect(referent.locator("main")).to_contain_text(
        "Le document PDF sera produit et figé à l'ouverture de la signature."
    )
    check_accessibility(referent)  # detail, in draft

    # The draft is edited.
    referent.get_by_role("link", name="Modifier le contenu de la convention").click()
    expect(referent.get_by_role("heading", level=1)).to_have_text(
        f"Modifier : Convention Région – réseau – structure {year}"
    )
    check_accessibility(referent)
    referent.get_by_label("Modalités spécifiques de mise en œuvre").fill(SPECIFIC_TERMS)
    referent.get_by_role("button", name="Enregistrer la convention").click()
    expect(_messages(referent)).to_contain_text("La convention est enregistrée.")
    expect(referent.locator("main")).to_contain_text(SPECIFIC_TERMS)
    convention.refresh_from_db()
    assert convention.specific_terms == SPECIFIC_TERMS

    _act(referent, "Soumettre à la tête de réseau", state="Soumise à la tête de réseau")
    expect(referent.locator("main")).to_contain_text(
        "Aucune action ne vous est demandée."
    )

    # The network head finds it in "Mon espace" and in the notifications.
    head = session(world.network_head_a)
    _check_notification(head, convention, "Soumise à la tête de réseau")
    _check_todo(head, convention, "Approuver (tête de réseau)")
    head.get_by_role("link", name=str(convention), exact=True).click()
    expect(_state_badge(head)).to_have_text("Soumise à la tête de réseau")

    # Sending back needs a comment: the browser asks for one first…
    send_back = "Renvoyer à la structure avec un commentaire"
    form = _action_form(head, send_back)
    head.evaluate("() => { window.notReloaded = true; }")
    form.get_by_role("button", name=send_back, exact=True).click()
    comment = form.get_by_label("Commentaire")
    expect(comment).to_be_focused()
    assert comment.evaluate("el => el.validity.valueMissing")
    head.wait_for_timeout(300)
    assert head.evaluate("() => window.notReloaded === true")
    expect(_messages(head)).to_have_count(0)
    # … and the server refuses blanks, in French.
    form.get_by_label("Commentaire").fill("   ")
    form.get_by_role("button", name=send_back, exact=True).click()
    expect(_messages(head)).to_contain_text(
        f"Indiquez un commentaire pour l'action « {send_back} »."
    )
    expect(_state_badge(head)).to_have_text("Soumise à la tête de réseau")
    assert not TransitionLog.objects.filter(
        object_id=pk, transition="send_back"
    ).exists()
    _act(head, send_back, state="En rédaction", comment=COMMENT)

    # The referent reads the comment and submits again.
    _open_convention(referent, convention)
    expect(_state_badge(referent)).to_have_text("En rédaction")
    expect(_timeline(referent).last).to_contain_text(COMMENT)
    _act(referent, "Soumettre à la tête de réseau", state="Soumise à la tête de réseau")

    _open_convention(head, convention)
    _act(head, "Approuver (tête de réseau)", state="Approuvée par la tête de réseau")

    # The Région validates: the document is produced and frozen.
    coordinator = session(world.coordinator)
    _check_todo(coordinator, convention, "Valider et ouvrir la signature")
    _open_convention(coordinator, convention)
    _act(coordinator, "Valider et ouvrir la signature", state="En signature")
    _check_document_v1(coordinator, convention)
    check_accessibility(coordinator)  # detail, in signing

    # Each party signs, the Région first, the network last.
    _act(coordinator, "Signer au nom de la Région", state="En signature")
    _open_convention(referent, convention)
    _act(referent, "Signer au nom de la structure", state="En signature")
    _open_convention(head, convention)
    _act(head, "Signer au nom du réseau", state="En vigueur")

    convention.refresh_from_db()
    assert convention.state == "in_force"
    _check_signatures(head, convention, 3)
    steps = [
        "Soumettre à la tête de réseau",
        send_back,
        "Soumettre à la tête de réseau",
        "Approuver (tête de réseau)",
        "Valider et ouvrir la signature",
        "Signer au nom de la Région",
        "Signer au nom de la structure",
        "Signer au nom du réseau",
        "Entrer en vigueur",
    ]
    timeline = _timeline(head)
    expect(timeline).to_have_count(len(steps))
    for i, step in enumerate(steps):
        expect(timeline.nth(i).locator("strong")).to_have_text(step)
    expect(timeline.nth(1).locator("blockquote")).to_have_text(COMMENT)
    check_accessibility(head)  # detail, in force

    # The structure's page says so, and the public directory too.
    _nav(referent).get_by_role("link", name="Mon espace").click()
    referent.get_by_role("link", name="Fiche de la structure").click()
    expect(referent.get_by_role("heading", level=1)).to_have_text(structure.name)
    section = referent.locator("section", has=referent.locator("#convention-spro"))
    expect(section).to_contain_text(
        f"Convention en vigueur jusqu'au 31 décembre {year} : la structure est "
        "membre du SPRO et délivre l'accueil personnalisé et individualisé."
    )
    structure = Structure.objects.get(pk=structure.pk)
    assert structure.convention_valid_until == convention.end_date

    referent.goto(public_path)
    expect(referent.get_by_role("heading", level=1)).to_have_text(structure.name)
    services = referent.locator("section", has=referent.locator("#services-title"))
    expect(services).to_contain_text("Accueil personnalisé et individualisé")
    facts = referent.locator("dl.structure-facts")
    expect(facts).to_contain_text(
        "Membre du SPRO : délivre l'accueil personnalisé et individualisé "
        f"(convention {year} en vigueur)"
    )
    check_accessibility(referent)


def test_network_convention_cosigned_by_the_state_whole_cycle(world, session):
    year = timezone.localdate().year
    network = world.network_a

    head = session(world.network_head_a)
    pk = _create(
        head,
        group="Convention Région – réseau régional",
        subject=network.name,
        year=year,
        cosigns=True,
    )
    convention = Convention.objects.get(pk=pk)
    assert convention.kind == ConventionKind.REGION_NETWORK
    assert set(convention.parties.values_list("kind", flat=True)) == {
        "region",
        "network",
        "government",
    }
    # The State's engagements start from the framework's text; the head adapts
    # them before submitting.
    content = head.locator("section", has=head.locator("#contenu"))
    expect(content).to_contain_text("Participer aux instances de gouvernance du SPRO.")
    check_accessibility(head)

    head.get_by_role("link", name="Modifier le contenu de la convention").click()
    check_accessibility(head)
    head.get_by_label("Engagements de l'État").fill(GOVERNMENT_ENGAGEMENTS)
    head.get_by_role("button", name="Enregistrer la convention").click()
    expect(_messages(head)).to_contain_text("La convention est enregistrée.")
    expect(content).to_contain_text("Mobiliser les services de l'État dans le SPRO.")
    _act(head, "Soumettre à la Région", state="Soumise à la Région")

    coordinator = session(world.coordinator)
    _check_todo(coordinator, convention, "Valider et ouvrir la signature")
    _open_convention(coordinator, convention)
    _act(coordinator, "Valider et ouvrir la signature", state="En signature")
    _check_document_v1(coordinator, convention)
    check_accessibility(coordinator)

    # The State's representative has no second factor to give.
    government_user = world.government
    assert Role.GOVERNMENT not in ROLES_REQUIRING_OTP
    assert not otp_required(government_user)
    government = session(government_user)
    assert OTP_VERIFY_PATH not in government.url
    assert not TOTPDevice.objects.filter(user=government_user).exists()
    _check_todo(government, convention, "Cosigner au nom de l'État")
    _open_convention(government, convention)
    _act(government, "Cosigner au nom de l'État", state="En signature")

    _open_convention(head, convention)
    _act(head, "Signer au nom du réseau", state="En signature")
    _open_convention(coordinator, convention)
    _act(coordinator, "Signer au nom de la Région", state="En vigueur")

    _check_signatures(coordinator, convention, 3)
    steps = [
        "Soumettre à la Région",
        "Valider et ouvrir la signature",
        "Cosigner au nom de l'État",
        "Signer au nom du réseau",
        "Signer au nom de la Région",
        "Entrer en vigueur",
    ]
    timeline = _timeline(coordinator)
    expect(timeline).to_have_count(len(steps))
    for i, step in enumerate(steps):
        expect(timeline.nth(i).locator("strong")).to_have_text(step)
    check_accessibility(coordinator)
    convention.refresh_from_db()
    assert convention.state == "in_force"


def test_government_region_convention_whole_cycle(world, session):
    year = timezone.localdate().year

    coordinator = session(world.coordinator)
    pk = _create(
        coordinator,
        group="Convention État – Région",
        subject="État et Région Bretagne",
        year=year,
    )
    convention = Convention.objects.get(pk=pk)
    assert convention.kind == ConventionKind.GOVERNMENT_REGION
    check_accessibility(coordinator)
    _act(coordinator, "Soumettre à l'État", state="Soumise à l'État")

    government = session(world.government)
    _check_notification(government, convention, "Soumise à l'État")
    _check_todo(government, convention, "Approuver et ouvrir la signature (État)")
    _open_convention(government, convention)
    _act(
        government,
        "Approuver et ouvrir la signature (État)",
        state="En signature",
        comment="Conforme au CPRDOFP.",
    )
    _check_document_v1(government, convention)
    check_accessibility(government)

    _act(government, "Signer au nom de l'État", state="En signature")
    _open_convention(coordinator, convention)
    _act(coordinator, "Signer au nom de la Région", state="En vigueur")

    _check_signatures(coordinator, convention, 2)
    steps = [
        "Soumettre à l'État",
        "Approuver et ouvrir la signature (État)",
        "Signer au nom de l'État",
        "Signer au nom de la Région",
        "Entrer en vigueur",
    ]
    timeline = _timeline(coordinator)
    expect(timeline).to_have_count(len(steps))
    for i, step in enumerate(steps):
        expect(timeline.nth(i).locator("strong")).to_have_text(step)
    expect(timeline.nth(1).locator("blockquote")).to_have_text("Conforme au CPRDOFP.")
    check_accessibility(coordinator)


# Concurrency and no JavaScript -------------------------------------------------


def test_two_heads_approve_the_same_page_only_the_first_counts(world, session):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, "submitted")
    second_head = member(Role.NETWORK_HEAD, world.network_a.head)

    first = session(world.network_head_a)
    second = session(second_head)
    _open_convention(first, convention)
    _open_convention(second, convention)
    approve = "Approuver (tête de réseau)"

    _act(first, approve, state="Approuvée par la tête de réseau")

    button = _action_form(second, approve).get_by_role(
        "button", name=approve, exact=True
    )
    button.click()
    expect(_messages(second)).to_contain_text(
        "Cet élément a changé depuis l'affichage de votre page : il est maintenant "
        "« Approuvée par la tête de réseau ». Votre action n'a pas été enregistrée"
    )
    expect(_state_badge(second)).to_have_text("Approuvée par la tête de réseau")
    check_accessibility(second)

    convention.refresh_from_db()
    assert convention.state == "reviewed"
    logs = TransitionLog.objects.filter(object_id=convention.pk, transition="approve")
    assert logs.count() == 1
    assert logs.get().user_id == world.network_head_a.pk


def test_referent_creates_and_submits_without_javascript(world, session):
    year = timezone.localdate().year
    page = session(world.referent_a, javascript=False)

    pk = _create(
        page,
        group="Convention Région – réseau – structure",
        subject=world.structure_a.organisation.name,
        year=year,
        a11y=False,
    )
    _act(page, "Soumettre à la tête de réseau", state="Soumise à la tête de réseau")
    convention = Convention.objects.get(pk=pk)
    assert convention.state == "submitted"
    assert TransitionLog.objects.filter(object_id=pk, transition="submit").count() == 1
