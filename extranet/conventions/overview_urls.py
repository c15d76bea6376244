"""URLs of the regional overview of conventions and its exports."""

urlpatterns: list = []
