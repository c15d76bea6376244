"""The evaluation's URLs in the access-control matrix
(``tests/extranet/test_access_matrix.py``).

None takes an object id of a tenant: the dashboard and its CSV file take no
argument, the annual report takes a year. Who may read them is one rule for
the whole region (the Région's coordination and the State), tested role by
role in ``test_evaluation_pages``."""

from __future__ import annotations

from ..extranet.test_access_matrix import extranet_routes_with_arguments

ROUTES: list = []

NOT_IN_MATRIX = {
    # Its argument is a year, not an object: the region's report, refused to
    # every role but the coordination and the State (test_evaluation_pages).
    "evaluation:report_pdf",
}


def test_every_evaluation_url_with_an_argument_is_declared():
    found = {
        name
        for name in extranet_routes_with_arguments()
        if name.startswith("evaluation:")
    }
    assert found == {route.name for route in ROUTES} | NOT_IN_MATRIX
