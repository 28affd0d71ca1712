from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
]

urlpatterns += i18n_patterns(
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", views.home, name="home"),
    path(_("press/"), include("press.urls")),
    path(_("agreements/"), include("partnerships.urls")),
    path(_("international/"), include("international.urls")),
    path("", include("directory.urls")),
    path("", include("pages.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "inserm_cms.views.page_not_found"
handler500 = "inserm_cms.views.server_error"
