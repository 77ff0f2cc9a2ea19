"""Point the default Wagtail site at the development server, so absolute URLs (API `html_url`,
e-mail links, sitemap) work when the demo runs on http://127.0.0.1:8000 rather than port 80."""

from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from wagtail.models import Site


def point_default_site_at(url, stdout=None):
    """Set the default site's hostname and port from `url`; return True when it changed."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    changed = site is not None and (site.hostname, site.port) != (parts.hostname, port)
    if changed:
        site.hostname, site.port = parts.hostname, port
        site.save()  # through the model, so Wagtail clears its cached site root paths
    if changed and stdout is not None:
        stdout.write(
            _("Site par défaut : %(host)s:%(port)d") % {"host": parts.hostname, "port": port}
        )
    return changed
