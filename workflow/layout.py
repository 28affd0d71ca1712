"""Change forms laid out the way staff work: each inline table next to the fields it belongs with.

Django renders every inline after all the fieldsets. An inline naming a fieldset (its ``fieldset``
attribute, the fieldset's title) is rendered right after that fieldset instead, so that the issuing
organisations and press contacts sit with the other people and organisations, not below the publication.
"""


class PlacedInlinesMixin:
    """Admin mixin: render each inline after the fieldset its ``fieldset`` attribute names.

    ``templates/admin/workflow/change_form.html`` reads ``placed_fieldsets`` and ``unplaced_inline_formsets``;
    without them (a revert form, another admin) it falls back to Django's order.
    """

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        if adminform is not None:
            fieldsets = list(adminform)
            names = {str(fieldset.name) for fieldset in fieldsets if fieldset.name}
            placed, rest = {}, []
            for inline_formset in context.get("inline_admin_formsets", []):
                target = getattr(inline_formset.opts, "fieldset", None)
                if target is not None and str(target) in names:
                    placed.setdefault(str(target), []).append(inline_formset)
                else:
                    rest.append(inline_formset)
            context["placed_fieldsets"] = [
                (fieldset, placed.get(str(fieldset.name), []) if fieldset.name else []) for fieldset in fieldsets
            ]
            context["unplaced_inline_formsets"] = rest
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
