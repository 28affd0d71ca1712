"""The site's URLs with the notices added, as inserm_cms/urls.py would hold them once the app is installed.

Built when imported (the walkthrough test reloads it after registering): the API routes and the admin's
URLs are read from the registry and the admin site at that moment.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.urls.resolvers import LocalePrefixPattern

from inserm_cms import urls as site
from inserm_cms.api_urls import api_urlpatterns

handler404, handler500 = site.handler404, site.handler500

localized = next(pattern for pattern in site.urlpatterns if isinstance(pattern.pattern, LocalePrefixPattern))
urlpatterns = [
    path("api/v1/", include((api_urlpatterns(), "api"))),
    *(pattern for pattern in site.urlpatterns if pattern is not localized and str(pattern.pattern) != "api/v1/"),
    *i18n_patterns(
        path(settings.ADMIN_PATH, admin.site.urls),
        path("notices/", include("tests.throwaway.urls")),
        *(pattern for pattern in localized.url_patterns if str(pattern.pattern) != settings.ADMIN_PATH),
    ),
]
