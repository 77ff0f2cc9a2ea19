import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.transfer.errors import TransferError
from knowledge.transfer.importer import ArchiveImporter
from knowledge.transfer.progress import ProgressBar
from knowledge.transfer.report import describe


class Command(BaseCommand):
    help = gettext_lazy(
        "Importe une archive de « boussole_export » dans une installation vide (juste après "
        "« manage.py migrate ») : tout ou rien, en une transaction. Reconstruit ensuite l'index "
        "de recherche."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=gettext_lazy("Archive à lire (.zip ou .tar.gz)."))
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=gettext_lazy(
                "Ne pas reconstruire l'index de recherche (à faire ensuite avec "
                "« manage.py boussole_search_index »)."
            ),
        )

    def handle(self, *args, archive, no_index, **options):
        verbosity = options["verbosity"]
        started = time.monotonic()
        try:
            summary = ArchiveImporter(
                archive, progress=ProgressBar(self.stdout, enabled=verbosity > 0)
            ).run()
        except TransferError as error:
            raise CommandError(str(error)) from error
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                _("Archive importée : %(content)s en %(seconds).1f s.")
                % {"content": describe(summary.counts), "seconds": time.monotonic() - started}
            )
        )
        if no_index:
            return
        # The content is committed whatever happens here: the index can be rebuilt later.
        try:
            call_command("boussole_search_index", verbosity=verbosity, stdout=self.stdout)
        except CommandError as error:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Contenu importé, mais l'index de recherche n'a pas pu être reconstruit "
                        "(%s) : relancez « manage.py boussole_search_index »."
                    )
                    % error
                )
            )
