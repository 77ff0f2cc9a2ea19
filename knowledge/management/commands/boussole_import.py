from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.transfer.command import ArchiveCommand
from knowledge.transfer.importer import ArchiveImporter


class Command(ArchiveCommand):
    help = gettext_lazy(
        "Importe une archive de « boussole_export » dans une installation vide (juste après "
        "« manage.py migrate ») : tout ou rien, en une transaction. Reconstruit ensuite l'index "
        "de recherche."
    )
    archive_help = gettext_lazy("Archive à lire (.zip ou .tar.gz).")
    switches = {
        "--no-index": gettext_lazy(
            "Ne pas reconstruire l'index de recherche (à faire ensuite avec "
            "« manage.py boussole_search_index »)."
        ),
    }

    def handle(self, *args, archive, no_index, **options):
        verbosity = options["verbosity"]
        self.transfer(
            lambda progress: ArchiveImporter(archive, progress=progress).run(),
            _("Archive importée : %(content)s en %(seconds).1f s."),
            verbosity,
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
