from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    name = "tests.throwaway"
    label = "throwaway"
    verbose_name = "Throw-away content"
