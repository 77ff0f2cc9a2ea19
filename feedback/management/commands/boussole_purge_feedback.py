from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.commands import BoussoleCommand
from feedback.models import RETENTION_DAYS, Feedback, HelpfulVote


class Command(BoussoleCommand):
    help = gettext_lazy(
        "Supprime les retours des lecteurs (signalements et réponses « utile ? ») reçus il y a "
        "plus de %(days)d jours. À lancer chaque jour (cron)."
    ) % {"days": RETENTION_DAYS}

    def handle(self, *args, **options):
        reports = Feedback.objects.purge_expired()
        votes = HelpfulVote.objects.purge_expired()
        self.stdout.write(
            _("Supprimés (plus de %(days)d jours) : %(reports)s, %(votes)s.")
            % {
                "days": RETENTION_DAYS,
                "reports": ngettext("%d signalement", "%d signalements", reports) % reports,
                "votes": ngettext("%d réponse « utile ? »", "%d réponses « utile ? »", votes)
                % votes,
            }
        )
