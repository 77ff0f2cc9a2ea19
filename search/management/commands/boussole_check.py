from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.commands import BoussoleCommand
from knowledge.consistency import live_pages_without_live_revision
from search.indexing import index_discrepancies
from search.models import PendingIndexOperation


class Command(BoussoleCommand):
    help = gettext_lazy(
        "Vérifie la cohérence des contenus et de l'index de recherche ; sort en erreur (code 1) "
        "si une page est incohérente."
    )

    def handle(self, *args, **options):
        problems = 0
        for page in live_pages_without_live_revision():
            problems += 1
            self.stdout.write(
                _("En ligne sans révision publiée : « %(title)s » (id %(id)d)")
                % {"title": page.title, "id": page.pk}
            )
        missing, stale = index_discrepancies()
        for page_id in missing:
            problems += 1
            self.stdout.write(
                _("Visible mais absente de l'index de recherche : page %(id)d") % {"id": page_id}
            )
        for page_id in stale:
            problems += 1
            self.stdout.write(_("Dans l'index mais plus visible : page %(id)d") % {"id": page_id})
        pending = PendingIndexOperation.objects.count()
        if pending:
            self.stdout.write(
                ngettext(
                    "%(n)d écriture en attente pour le moteur de recherche (boussole_search_index --catch-up).",
                    "%(n)d écritures en attente pour le moteur de recherche (boussole_search_index --catch-up).",
                    pending,
                )
                % {"n": pending}
            )
        if problems:
            raise CommandError(
                ngettext("%(n)d incohérence trouvée.", "%(n)d incohérences trouvées.", problems)
                % {"n": problems}
            )
        self.stdout.write(self.style.SUCCESS(_("Contenus et index cohérents.")))
