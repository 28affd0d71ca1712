from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from search.views import robots_txt

from . import views
from .sitemaps import sitemap_xml

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("api/v1/", include("inserm_cms.api_urls")),  # language-neutral: each object carries both languages
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", views.home, name="home"),
    path(_("press/"), include("press.urls")),
    path(_("agreements/"), include("partnerships.urls")),
    path(_("international/"), include("international.urls")),
    path(_("search/"), include("search.urls")),
    path(_("subscriptions/"), include("newsroom.urls")),
    path("", include("directory.urls")),
    path("", include("pages.urls")),
)

if settings.BENCH_VIEWS:
    urlpatterns.append(path("bench/trivial/", views.trivial, name="bench-trivial"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "inserm_cms.views.page_not_found"
handler500 = "inserm_cms.views.server_error"
