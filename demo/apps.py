from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's content and staff accounts (``load_demo``, ``demo_staff``): a leaf nothing imports."""

    name = "demo"
    verbose_name = "Demo content"
