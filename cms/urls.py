from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.resilience import health
from cms.security import throttled_authenticate_with_password
from knowledge import urls as knowledge_urls
from knowledge.sitemaps import SITEMAPS

urlpatterns = [
    path("api/", include("api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}),
    path("health/", health, name="health"),
    path(  # Wagtail's own view, rate-limited (cms/security.py)
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttled_authenticate_with_password,
    ),
    path("recherche/", include("search.urls")),
    path("retours/", include("feedback.urls")),
    path("", include(knowledge_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
