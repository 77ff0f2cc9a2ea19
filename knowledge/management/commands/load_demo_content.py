from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.commands import BoussoleCommand
from home.models import HomePage
from knowledge.demo.accounts import ensure_demo_accounts
from knowledge.demo.follow_up import assign_demo_follow_up
from knowledge.demo.loader import DemoLoader
from knowledge.demo.site import point_default_site_at
from knowledge.demo.workflow_stages import stage_demo_workflow


class Command(BoussoleCommand):
    help = gettext_lazy(
        "Charge le contenu de démonstration de La Boussole (chapitres, fiches pratiques, "
        "remontées de terrain, thématiques, glossaire). Sans effet sur ce qui existe déjà."
    )
    # `make run` has just run migrate (and its checks); skipping them keeps the second run quick.
    requires_system_checks = []

    def handle(self, *args, **options):
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            raise CommandError(
                _("Page d'accueil introuvable : lancez d'abord « manage.py migrate ».")
            )
        DemoLoader(self.stdout, self.style, options["verbosity"]).load(home)
        # Accounts after the content (the staged items need their authors), dev only.
        ensure_demo_accounts(self.stdout)
        stage_demo_workflow(self.stdout)
        assign_demo_follow_up(self.stdout)  # needs the accounts: referents, update notes
        if getattr(settings, "BOUSSOLE_DEMO_SITE_URL", None):  # absolute URLs → the dev server
            point_default_site_at(settings.BOUSSOLE_DEMO_SITE_URL, self.stdout)
