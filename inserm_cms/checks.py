"""System checks of the operations settings (run by `manage.py check` and at every start)."""

import ipaddress
import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from inserm_cms.scheduler import scheduled_jobs


@register(Tags.security)
def check_trusted_proxies(app_configs, **kwargs):
    """Refuse a proxy that is not an address or a network; warn of a header no proxy is trusted to write."""
    proxies = settings.TRUSTED_PROXIES
    problems = []
    if not isinstance(proxies, int):
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                problems.append(
                    Error(
                        f"TRUSTED_PROXIES: {proxy!r} is not an IP address or network.",
                        hint="Give addresses or CIDR networks, comma-separated, or a number of hops.",
                        id="inserm_cms.E001",
                    )
                )
    if os.environ.get("CLIENT_IP_HEADER") and not proxies:
        problems.append(
            Warning(
                "CLIENT_IP_HEADER is set but TRUSTED_PROXIES is empty: the header is ignored and every visitor "
                "behind the proxy shares its address (one login lockout and one API throttle count for all).",
                hint="Set TRUSTED_PROXIES to the proxies' addresses or number of hops (1 behind the compose nginx).",
                id="inserm_cms.W001",
            )
        )
    return problems


@register()
def check_scheduled_jobs(app_configs, **kwargs):
    """Refuse a scheduled job whose cron spec or task cannot be used."""
    try:
        scheduled_jobs()
    except (ImproperlyConfigured, ImportError) as error:
        return [Error(f"SCHEDULED_JOBS: {error}", id="inserm_cms.E002")]
    return []
