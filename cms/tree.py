"""The public site's tree of pages, read once per version of the public content.

Wagtail finds a page by walking its address one level at a time (a query per
level, and one more for the page's own type), and a breadcrumb reads the
page's ancestors with another query. The tree changes only when a page is
published, unpublished, moved or deleted, each of which makes a new version
(``cms.receivers``): so it is read once per version, into a small index, and a
page is then found with one query, and its breadcrumb with none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from .cache import per_version


@dataclass(frozen=True)
class Node:
    pk: int
    path: str
    content_type_id: int
    title: str
    url: str  # within its site, as Wagtail writes it ("/agenda/")


@dataclass(frozen=True)
class Tree:
    by_url_path: dict[str, Node]
    by_path: dict[str, Node]


def _read() -> Tree:
    from wagtail.models import Page, Site

    roots = {
        site.root_page.url_path: site.root_page.url_path
        for site in Site.objects.select_related("root_page")
    }
    by_url_path, by_path = {}, {}
    for pk, path, url_path, content_type_id, title in Page.objects.values_list(
        "pk", "path", "url_path", "content_type_id", "title"
    ):
        root = next((r for r in roots if url_path.startswith(r)), None)
        url = url_path[len(root) - 1 :] if root else ""
        node = Node(pk, path, content_type_id, title, url)
        by_url_path[url_path] = by_path[path] = node
    return Tree(by_url_path, by_path)


def page_tree() -> Tree:
    return per_version("tree", _read)


def find_page(url_path: str):
    """The specific page at ``url_path`` (Wagtail's, with slashes around), with
    one query; None when the index does not know it or it has moved."""
    node = page_tree().by_url_path.get(url_path)
    if node is None:
        return None
    model = ContentType.objects.get_for_id(node.content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=node.pk).first()
    if page is None or page.url_path != url_path:
        return None
    return page


def ancestors(page) -> list[Node]:
    """The page's ancestors below the tree's root, from the top, with no query."""
    tree = page_tree().by_path
    steps = len(page.path) // page.steplen
    found = [tree.get(page.path[: depth * page.steplen]) for depth in range(2, steps)]
    if any(node is None for node in found):  # the index is behind: ask Wagtail
        return [
            Node(p.pk, p.path, p.content_type_id, p.title, p.get_url() or "")
            for p in page.get_ancestors().filter(depth__gte=2)
        ]
    return found
