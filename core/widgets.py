"""Form widgets for the public lists' filters."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _text(value):
    """Return ``value`` as escaped text, as Django's ``escape`` does, without its lazy-string checks."""
    return escape(str(value), quote=True)


class QuickSelect(forms.Select):
    """A ``<select>`` rendered in Python: the HTML of Django's template, straight from the choices.

    A filter with hundreds of organisations took most of the press list's time: first in one template per
    option, then in the option dictionaries and ``format_html`` calls (each ``escape`` checks its arguments
    for lazy strings). Here each option is two ``html.escape`` calls (bench/profiles/).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        wanted, selected_once = set(widget["value"]), False
        parts = []
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                group, options = group_value, group_label
            else:
                group, options = None, [(group_value, group_label)]
            rendered = []
            for option_value, label in options:
                option_value = "" if option_value is None else str(option_value)
                selected = (not selected_once or self.allow_multiple_selected) and option_value in wanted
                selected_once |= selected
                rendered.append(
                    f'<option value="{_text(option_value)}"{" selected" if selected else ""}>{_text(label)}</option>'
                )
            html = "".join(rendered)
            parts.append(f'<optgroup label="{_text(group)}">{html}</optgroup>' if group is not None else html)
        return mark_safe(f'<select name="{_text(widget["name"])}"{flatatt(widget["attrs"])}>{"".join(parts)}</select>')
