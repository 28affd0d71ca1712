from django import template

from newsroom.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("includes/subscribe_form.html", takes_context=True)
def subscribe_form(context, source="subscribe-page"):
    """Render a blank subscription form; ``source`` records on which page it was filled in."""
    from django.utils.translation import get_language

    form = SubscribeForm(initial={"languages": get_language() or "fr", "source": source})
    return {"form": form, "request": context.get("request"), "csrf_token": context.get("csrf_token")}
