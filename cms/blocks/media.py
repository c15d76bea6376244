"""Media blocks: images with a required text alternative, documents, videos."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    """An image whose text alternative is required (RGAA 1.1).

    An image that carries no information still needs ``decorative`` ticked, so
    the choice is a conscious one, never a forgotten field.
    """

    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("texte alternatif"),
        max_length=250,
        help_text=_("Décrit l'information portée par l'image (obligatoire)."),
    )
    caption = blocks.CharBlock(label=_("légende"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")


class DocumentBlock(blocks.StructBlock):
    """A link to a document with its title, format and size, as RGAA asks."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("intitulé"),
        max_length=200,
        required=False,
        help_text=_("Par défaut, le titre du document."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Document")


class EmbedLinkBlock(blocks.StructBlock):
    """A video or other third-party content, shown as a link card.

    No iframe: the page makes no call to the provider (no cookie, no tracker,
    nothing to open in the content security policy) until the visitor follows
    the link.
    """

    url = blocks.URLBlock(label=_("adresse du contenu"))
    title = blocks.CharBlock(label=_("titre"), max_length=200)
    provider = blocks.CharBlock(
        label=_("plateforme"),
        max_length=60,
        help_text=_("Par exemple : YouTube, Dailymotion, PeerTube."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "media"
        template = "blocks/embed_link.html"
        label = _("Vidéo ou contenu externe")
