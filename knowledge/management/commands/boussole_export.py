import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.transfer.errors import TransferError
from knowledge.transfer.exporter import Exporter
from knowledge.transfer.progress import ProgressBar
from knowledge.transfer.report import describe


class Command(BaseCommand):
    help = gettext_lazy(
        "Exporte tout le contenu de La Boussole dans une archive .zip ou .tar.gz : pages (place "
        "dans l'arborescence, version en ligne et dernier brouillon), taxonomies, glossaire, "
        "documents et images (fichiers compris), avis des lecteurs s'il y en a."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=gettext_lazy("Fichier à écrire (.zip ou .tar.gz)."))
        parser.add_argument(
            "--with-users",
            action="store_true",
            help=gettext_lazy(
                "Exporter aussi les comptes (mots de passe chiffrés compris : gardez l'archive "
                "en lieu sûr), les groupes et leurs droits."
            ),
        )

    def handle(self, *args, archive, with_users, **options):
        progress = ProgressBar(self.stdout, enabled=options["verbosity"] > 0)
        started = time.monotonic()
        try:
            summary = Exporter(with_users=with_users, progress=progress).export(archive)
        except TransferError as error:
            raise CommandError(str(error)) from error
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                _("Archive écrite : %(path)s (%(content)s) en %(seconds).1f s.")
                % {
                    "path": archive,
                    "content": describe(summary.counts),
                    "seconds": time.monotonic() - started,
                }
            )
        )
