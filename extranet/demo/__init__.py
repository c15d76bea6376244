"""Demo data for Bretagne: towns, territories, networks, structures and accounts.

Loaded by ``python manage.py load_demo``; see ``README.md`` in this package.
"""
