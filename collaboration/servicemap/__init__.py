"""The service map concern of the collaboration app (cartographie des
prestations et dispositifs): policy, search, services, selectors, forms, views,
documents, reminders, tasks and demo."""
