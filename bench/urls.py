"""The site's URLs (``cms.urls``) plus ``/__trivial__/``: a Django view that does nothing, behind
the same middleware, whose throughput is this machine's ceiling in the load test."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

TRIVIAL_PATH = "/__trivial__/"


def trivial(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path(TRIVIAL_PATH.strip("/") + "/", trivial, name="bench-trivial"),
    *site_urlpatterns,
]
