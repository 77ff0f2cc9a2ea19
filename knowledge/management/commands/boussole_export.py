from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.transfer.command import ArchiveCommand
from knowledge.transfer.exporter import Exporter


class Command(ArchiveCommand):
    help = gettext_lazy(
        "Exporte tout le contenu de La Boussole dans une archive .zip ou .tar.gz : pages (place "
        "dans l'arborescence, version en ligne et dernier brouillon), taxonomies, glossaire, "
        "documents et images (fichiers compris), avis des lecteurs s'il y en a."
    )
    archive_help = gettext_lazy("Fichier à écrire (.zip ou .tar.gz).")
    switches = {
        "--with-users": gettext_lazy(
            "Exporter aussi les comptes (mots de passe chiffrés compris : gardez l'archive "
            "en lieu sûr), les groupes et leurs droits."
        ),
    }

    def handle(self, *args, archive, with_users, **options):
        self.transfer(
            lambda progress: Exporter(with_users=with_users, progress=progress).export(archive),
            _("Archive écrite : %(path)s (%(content)s) en %(seconds).1f s."),
            options["verbosity"],
            path=archive,
        )
