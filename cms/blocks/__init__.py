"""StreamField blocks of the public site, split by family (text, media, actions).

``BodyBlock`` is the one body every content page shares, so editors meet the same
toolbox everywhere.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .actions import CallToActionBlock, ContactChannelsBlock
from .media import DocumentBlock, EmbedLinkBlock, ImageBlock
from .text import RICH_TEXT_FEATURES, AccordionBlock, RichTextBlock

__all__ = [
    "RICH_TEXT_FEATURES",
    "AccordionBlock",
    "BodyBlock",
    "CallToActionBlock",
    "ContactChannelsBlock",
    "DocumentBlock",
    "EmbedLinkBlock",
    "ImageBlock",
    "RichTextBlock",
]


class BodyBlock(blocks.StreamBlock):
    """The body of content pages: text first, then media and calls to action."""

    text = RichTextBlock()
    image = ImageBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    contact_channels = ContactChannelsBlock()
    embed = EmbedLinkBlock()

    class Meta:
        verbose_name = _("contenu")
