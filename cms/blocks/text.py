"""Text blocks: rich text and the accordion used for FAQs."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Headings start at h2: the page title is the only h1. Wagtail's rich-text
# whitelist sanitises everything else on the way in.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    """A run of formatted text, limited to what keeps headings in order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Texte")


class AccordionItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("réponse"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class AccordionBlock(blocks.StructBlock):
    """Questions and answers folded in ``<details>``: open without JavaScript."""

    title = blocks.CharBlock(label=_("titre"), max_length=200, required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion.html"
        label = _("Accordéon / FAQ")
