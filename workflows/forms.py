"""The form behind every workflow action button (see ``workflow_actions``)."""

from django import forms

from .models import COMMENT_MAX_LENGTH


class TransitionForm(forms.Form):
    """A transition asked from an object's page: which one, the state the page
    showed (a stale page is refused), and the comment."""

    transition = forms.CharField(max_length=60)
    expected_state = forms.CharField(max_length=40, required=False)
    comment = forms.CharField(max_length=COMMENT_MAX_LENGTH, required=False)
