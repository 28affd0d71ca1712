import pytest


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Run the newsroom's tasks at once, and give its mails absolute links."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "https://www.example.org"
    settings.NEWSROOM_FROM_EMAIL = "presse@example.org"
