"""Print the pages whose review is overdue or due soon: the dashboard panel's list, for cron or mail."""

from django.core.management.base import CommandError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.commands import BoussoleCommand
from knowledge.freshness import DUE_SOON_DAYS, due_reviews


class Command(BoussoleCommand):
    help = gettext_lazy(
        "Liste les contenus dont la relecture est en retard ou prévue prochainement."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help=_("Horizon en jours (par défaut %(days)d).") % {"days": DUE_SOON_DAYS},
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError(_("L’horizon doit être un nombre de jours positif ou nul."))
        rows = due_reviews(horizon_days=days)
        if not rows:
            self.stdout.write(_("Aucun contenu à relire."))
            return
        for row in rows:
            self.stdout.write(
                " · ".join(
                    [
                        row.page.title,
                        str(row.type_label).capitalize(),
                        date_format(row.due_on, "j F Y"),
                        row.delay_label,
                        row.owner_label,
                        row.page.url_path,
                    ]
                )
            )
        self.stdout.write(_("%(count)d contenu(s) à relire.") % {"count": len(rows)})
