from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import RETENTION_DAYS, Feedback, HelpfulVote


class Command(BaseCommand):
    help = gettext_lazy(
        "Supprime les retours des lecteurs (signalements et réponses « utile ? ») reçus il y a "
        "plus de %(days)d jours. À lancer chaque jour (cron)."
    ) % {"days": RETENTION_DAYS}

    def handle(self, *args, **options):
        reports = Feedback.objects.purge_expired()
        votes = HelpfulVote.objects.purge_expired()
        self.stdout.write(
            _(
                "%(reports)d signalement(s) et %(votes)d réponse(s) supprimés (plus de %(days)d jours)."
            )
            % {"reports": reports, "votes": votes, "days": RETENTION_DAYS}
        )
