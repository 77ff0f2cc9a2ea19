from django import template

from feedback.forms import ReportForm
from feedback.models import RETENTION_DAYS

register = template.Library()


@register.simple_tag
def empty_report_form():
    """An unbound report form for the widget at the foot of a page (no query, no token)."""
    return ReportForm(auto_id="retour-%s")


@register.simple_tag
def retention_days():
    return RETENTION_DAYS
