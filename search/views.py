from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, override
from django.views.decorators.cache import cache_control

from directory.models import Theme

from .engine import all_kinds, run_search
from .forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    """Search the site in the visitor's language; with no query, explain what can be found and how."""
    form = SearchForm(request.GET or None)
    kinds = all_kinds()
    context = {"form": form, "query": "", "kinds": kinds}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        selected = [data["type"]] if data["type"] else []
        outcome = run_search(data["q"], language=(get_language() or "fr")[:2], kinds=selected, year=data["year"])
        page = Paginator(outcome.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            query=data["q"],
            shortened=form.shortened,
            selected_kind=data["type"],
            facets=[{"kind": kind, "count": outcome.counts[kind.key]} for kind in kinds],
            total=outcome.total,
            capped=outcome.capped,
            all_kinds_total=sum(outcome.counts.values()),
            page_obj=page,
            hits=page.object_list,
        )
    else:
        context["themes"] = Theme.objects.order_by("name_fr")
    return render(request, "search/search.html", context)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Point crawlers to the sitemap and keep them out of search result pages."""
    disallowed = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            disallowed.append(reverse("search:results"))
    context = {"disallowed": disallowed, "sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
