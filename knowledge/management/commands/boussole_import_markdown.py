import time

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.commands import BoussoleCommand
from knowledge.transfer.markdown_import import MarkdownImporter
from knowledge.transfer.progress import ProgressBar
from knowledge.transfer.report import describe_created, describe_errors


class Command(BoussoleCommand):
    help = gettext_lazy(
        "Crée en brouillon un chapitre, une fiche pratique ou une remontée de terrain par "
        "fichier Markdown (en-tête YAML : type, title, summary, taxonomies…). Tous les fichiers "
        "sont vérifiés d'abord : à la moindre erreur, rien n'est importé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="DOSSIER_OU_FICHIER",
            help=gettext_lazy("Fichiers .md, ou dossiers où les chercher (sous-dossiers compris)."),
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help=gettext_lazy(
                "Processus qui lisent les fichiers en parallèle (par défaut : un par cœur, "
                "quatre au plus ; 1 : aucun)."
            ),
        )
        parser.add_argument(
            "--owner",
            metavar="IDENTIFIANT",
            help=gettext_lazy("Compte auteur des brouillons (par défaut : aucun)."),
        )

    def handle(self, *args, paths, owner, jobs, **options):
        owner = self.find_owner(owner)
        started = time.monotonic()
        progress = ProgressBar(self.stdout, enabled=options["verbosity"] > 0)
        result = MarkdownImporter(paths, owner=owner, progress=progress, jobs=jobs).run()
        for error in sorted(result.errors, key=lambda e: (e.path, e.line or 0)):
            self.stderr.write(str(error))
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if result.errors:
            raise CommandError(describe_errors(result))
        self.stdout.write(
            self.style.SUCCESS(
                _("Import Markdown : %(created)s, en %(seconds).1f s.")
                % {"created": describe_created(result), "seconds": time.monotonic() - started}
            )
        )

    @staticmethod
    def find_owner(username):
        if not username:
            return None
        user_model = get_user_model()
        try:
            return user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as error:
            raise CommandError(_("Compte « %s » introuvable.") % username) from error
