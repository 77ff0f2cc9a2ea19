from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.commands import BoussoleCommand
from knowledge.transfer.progress import ProgressBar
from search.indexing import BATCH_SIZE, RebuildError, catch_up, rebuild


class Command(BoussoleCommand):
    help = gettext_lazy(
        "Reconstruit l'index de recherche de La Boussole (contenus visibles et glossaire), ou "
        "rejoue les écritures en attente (--catch-up)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--catch-up",
            action="store_true",
            help=gettext_lazy(
                "Rejouer seulement les écritures que le moteur de recherche n'a pas reçues."
            ),
        )

    def handle(self, *args, batch_size, catch_up, **options):
        bar = ProgressBar(self.stdout, enabled=options["verbosity"] > 0)

        def progress(done, total):
            bar(_("éléments indexés"), done, total)

        if catch_up:
            return self.catch_up(progress)
        try:
            total = rebuild(batch_size=batch_size, progress=progress)
        except RebuildError as error:
            raise CommandError(
                _(
                    "Index de la base de données reconstruit, mais le moteur de recherche n'a pas "
                    "pu l'être : %(error)s"
                )
                % {"error": error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Index de recherche reconstruit : %(total)d éléments.") % {"total": total}
            )
        )

    def catch_up(self, progress):
        replayed, pending = catch_up(progress=progress)
        if pending:
            raise CommandError(
                ngettext(
                    "Moteur de recherche injoignable : %(pending)d écriture toujours en attente.",
                    "Moteur de recherche injoignable : %(pending)d écritures toujours en attente.",
                    pending,
                )
                % {"pending": pending}
            )
        message = ngettext(
            "%(replayed)d écriture rejouée.", "%(replayed)d écritures rejouées.", replayed
        )
        self.stdout.write(self.style.SUCCESS(message % {"replayed": replayed}))
