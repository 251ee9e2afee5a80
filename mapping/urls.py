"""Root URLs: the JSON API, accounts, admin and the pages of each app."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from mapping.api.root import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("mapping.accounts_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ogc/", include("imports.ogc.urls")),
    path("", include("tiles.urls")),
    path("", include("tiles.document_urls")),
    path("", include("web.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
