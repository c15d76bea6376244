"""URLs of conventions (list, page, edit, actions, files)."""

urlpatterns: list = []
