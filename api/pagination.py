"""Offset/limit pagination with Wagtail's response shape, a capped limit and French errors."""

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination

from api.errors import bad_request

DEFAULT_LIMIT = 20


def limit_max():
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 50) or 50


def parse_non_negative(request, name, default):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise bad_request(
            _("« %(name)s » doit être un nombre entier positif ou nul (reçu : « %(value)s »)."),
            name=name,
            value=raw[:50],
        )
    return int(raw)


class BoussolePagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = parse_non_negative(request, "offset", 0)
        limit = parse_non_negative(request, "limit", min(DEFAULT_LIMIT, limit_max()))
        if limit > limit_max():
            raise bad_request(
                _("« limit » ne peut pas dépasser %(max)d."),
                max=limit_max(),
            )
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]
