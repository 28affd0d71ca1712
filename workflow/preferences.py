"""The language each staff member works in, remembered from the back office they use and used for their mails."""

from django.conf import settings
from django.utils.translation import get_language

from .models import StaffPreference

SESSION_KEY = "workflow_staff_language"


def remember_language(request):
    """Record the admin's current language as the staff member's own, once per session and language."""
    user = getattr(request, "user", None)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if user is None or not user.is_authenticated or not user.is_staff or not hasattr(request, "session"):
        return
    if request.session.get(SESSION_KEY) == language or language not in dict(settings.LANGUAGES):
        return
    StaffPreference.objects.update_or_create(user=user, defaults={"language": language})
    request.session[SESSION_KEY] = language


def language_of(user):
    """Return the language ``user`` works in: the one they last used in the back office, else the site's."""
    try:
        return user.staff_preference.language
    except StaffPreference.DoesNotExist:
        return settings.LANGUAGE_CODE
