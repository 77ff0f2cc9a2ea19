from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche de La Boussole (contenus visibles et glossaire)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size, **options):
        verbosity = options.get("verbosity", 1)

        def progress(done, total):
            if verbosity:
                self.stdout.write(f"  {done}/{total} éléments indexés")

        total = rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Index de recherche reconstruit : {total} éléments."))
