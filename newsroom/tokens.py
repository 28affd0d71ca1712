"""Signed links of subscribers: confirm, manage, unsubscribe. Each one names its purpose and the subscriber's key."""

from django.conf import settings
from django.core import signing

from .models import Subscriber


class BadToken(Exception):
    """The link was tampered with, has expired, or its subscriber is gone."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "invalid" or "expired"


def make_token(subscriber, purpose):
    """Return the signed token of ``purpose`` ("confirm", "manage", "unsubscribe") for ``subscriber``."""
    return signing.dumps([subscriber.pk, subscriber.key], salt=f"newsroom.{purpose}")


def read_token(token, purpose):
    """Return the subscriber of a token, or raise BadToken. Unsubscribe links never expire."""
    max_age = settings.NEWSROOM_LINK_MAX_AGE.get(purpose)
    try:
        pk, key = signing.loads(token, salt=f"newsroom.{purpose}", max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadToken("invalid") from None
    subscriber = Subscriber.objects.filter(pk=pk, key=key).first()
    if subscriber is None:
        raise BadToken("invalid")
    return subscriber
