"""Demo practice sheets left at each stage of « Relecture et validation ».

So that a newcomer logging in as a demo account finds the moderation queue populated: one
draft, one awaiting peer review, one awaiting the moderators, one returned with changes
requested (and the reviewer's comment). Natural key: the sheet's slug under the sheets index.
An item that already exists is left as it is (people may have moved it on since).
Everything goes through Wagtail's real workflow (revisions, task states, history).
"""

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Workflow

from knowledge.demo.pages import add_missing, fields
from knowledge.models import PracticeSheetIndexPage, PracticeSheetPage
from knowledge.workflows import WORKFLOW_NAME

STAGES = [
    {
        "slug": "demo-brouillon-accueillir-un-interne-en-sante-publique",
        "title": "Accueillir un interne en santé publique",
        "summary": "Brouillon en cours : préparer l'accueil d'un interne dans une démarche "
        "locale de santé, de la convention de stage au sujet de mémoire.",
        "objectives": "<p>Définir une mission utile au territoire et à l'interne.</p>",
        "author": "redactrice",
        "stage": "draft",
    },
    {
        "slug": "demo-a-relire-preparer-un-comite-de-pilotage",
        "title": "Préparer un comité de pilotage",
        "summary": "Ordre du jour, tableau de bord et relevé de décisions : les étapes pour "
        "un comité de pilotage qui décide vraiment.",
        "objectives": "<p>Obtenir des décisions claires des élus et des partenaires.</p>",
        "author": "redactrice",
        "stage": "peer_review",
    },
    {
        "slug": "demo-a-valider-organiser-une-marche-exploratoire",
        "title": "Organiser une marche exploratoire avec les habitants",
        "summary": "Parcourir le quartier avec les habitants pour repérer ce qui favorise ou "
        "freine la santé, et en tirer des pistes d'action.",
        "objectives": "<p>Recueillir le regard des habitants sur leur cadre de vie.</p>",
        "author": "relecteur",
        "reviewer": "redactrice",
        "stage": "validation",
    },
    {
        "slug": "demo-a-reprendre-cartographier-les-partenaires",
        "title": "Cartographier les partenaires du territoire",
        "summary": "Une carte des acteurs pour savoir qui fait quoi, avec qui, et où sont "
        "les manques.",
        "objectives": "<p>Repérer les partenaires clés et les relais de terrain.</p>",
        "author": "relecteur",
        "reviewer": "redactrice",
        "stage": "changes_requested",
        "comment": "Merci d'ajouter un exemple de carte et de préciser à quelle fréquence la "
        "mettre à jour.",
    },
]

STAGE_LABELS = {
    "draft": gettext_lazy("brouillon"),
    "peer_review": gettext_lazy("en attente de relecture par un pair"),
    "validation": gettext_lazy("en attente de validation"),
    "changes_requested": gettext_lazy("modifications demandées"),
}


def _act(page, user, action, comment=""):
    page = Page.objects.get(pk=page.pk).specific
    page.current_workflow_task.on_action(
        page.current_workflow_task_state, user, action, comment=comment
    )


def stage_demo_workflow(stdout=None):
    """Create the missing staged sheets; return the slugs created."""
    write = stdout.write if stdout is not None else (lambda message: None)
    users = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    index = PracticeSheetIndexPage.objects.first()
    needed = {s["author"] for s in STAGES} | {s["reviewer"] for s in STAGES if "reviewer" in s}
    if index is None or not needed <= users.keys():
        write(_("Circuit de relecture : pas de démonstration (comptes de démonstration absents)."))
        return []

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    # The demo story is not news: nobody gets e-mails about it.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        added = add_missing(
            index,
            PracticeSheetPage,
            STAGES,
            lambda spec: PracticeSheetPage(
                owner=users[spec["author"]],
                **fields(spec, "title", "slug", "summary", "objectives"),
            ),
        )
        for page, spec in added.new:
            author = page.owner
            page.save_revision(user=author, log_action=True)
            if spec["stage"] != "draft":
                workflow.start(page, author)
            if spec["stage"] == "validation":
                _act(page, users[spec["reviewer"]], "approve")
            elif spec["stage"] == "changes_requested":
                _act(page, users[spec["reviewer"]], "reject", spec["comment"])
            write(
                _("  + fiche « %(title)s » : %(stage)s")
                % {"title": spec["title"], "stage": STAGE_LABELS[spec["stage"]]}
            )
    write(
        _("Circuit de relecture : %(created)d fiches créées, %(existing)d existantes.")
        % {"created": len(added.new), "existing": added.existing}
    )
    return [page.slug for page, _spec in added.new]
