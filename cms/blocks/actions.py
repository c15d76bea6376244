"""Action blocks: calls to action and the channels through which to reach SPRO."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class CallToActionBlock(blocks.StructBlock):
    """A short text and one button towards a page or an address."""

    title = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), required=False)
    link_label = blocks.CharBlock(label=_("libellé du lien"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("ou adresse"),
        max_length=300,
        required=False,
        help_text=_("Par exemple /structures/?service=cep"),
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("Appel à l'action")

    def clean(self, value):
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choisissez une page ou une adresse."))
                }
            )
        return super().clean(value)


class ChannelKind:
    """The ways of reaching a service (framework 1.4.1: a "multi-canal" offer)."""

    CHOICES = [
        ("address", _("Accueil sur place")),
        ("phone", _("Téléphone")),
        ("email", _("Courriel")),
        ("chat", _("Tchat")),
        ("visio", _("Visioconférence")),
        ("web", _("Site web")),
    ]


class ContactChannelValue(blocks.StructValue):
    """A channel's kind in words and the link that opens it, if any."""

    @property
    def kind_label(self) -> str:
        return str(dict(ChannelKind.CHOICES).get(self.get("kind"), ""))

    @property
    def href(self) -> str:
        kind, value = self.get("kind"), self.get("value", "")
        if kind == "phone":
            return "tel:" + "".join(c for c in value if c.isdigit() or c == "+")
        if kind == "email":
            return f"mailto:{value}"
        if value.startswith(("https://", "http://", "/")):
            return value
        return ""


class ContactChannelBlock(blocks.StructBlock):
    """One channel: its kind, what to dial or follow, and when it answers."""

    kind = blocks.ChoiceBlock(label=_("canal"), choices=ChannelKind.CHOICES)
    label = blocks.CharBlock(label=_("intitulé"), max_length=120)
    value = blocks.CharBlock(
        label=_("coordonnée"),
        max_length=250,
        help_text=_("Numéro, adresse électronique, adresse postale ou lien."),
    )
    hours = blocks.CharBlock(label=_("horaires"), max_length=200, required=False)

    class Meta:
        icon = "mail"
        label = _("Canal de contact")
        value_class = ContactChannelValue


class ContactChannelsBlock(blocks.StructBlock):
    """Every channel of a service, each named in words (never by an icon alone)."""

    title = blocks.CharBlock(label=_("titre"), max_length=120, required=False)
    channels = blocks.ListBlock(ContactChannelBlock(), label=_("canaux"), min_num=1)

    class Meta:
        icon = "mail"
        template = "blocks/contact_channels.html"
        label = _("Canaux de contact")
