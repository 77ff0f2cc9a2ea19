"""The demo information pages (À propos, Contact, Mentions légales, Accessibilité, Données
personnelles), loaded by the demo loader (``knowledge.demo.loader``) under the home page.

Idempotent, by natural key: each page's slug under the home page; an existing page is never
touched (editors own the text once it exists). Each new page is « shown in menus », so it appears
in the site footer, and published. Reports created vs existing on the loader's output.

The texts say what the software does (no IP address stored, retention period, purge command);
what only the publisher can know (legal entity, host, mailbox) is marked « à compléter ».
"""

from django.utils.translation import gettext as _

from feedback.models import RETENTION_DAYS
from home.information import InformationPage

CONTACT_ADDRESS = "contact@boussole.example"  # .example: a placeholder the publisher replaces


def _h(text):
    return {"type": "heading", "value": {"text": text}}


def _p(html):
    return {"type": "paragraph", "value": html}


def _callout(title, html, kind="info"):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


PAGES = [
    {
        "slug": "a-propos",
        "title": "À propos de la Boussole",
        "summary": (
            "Pourquoi la Boussole existe, qui l'écrit et comment elle est tenue à jour grâce aux "
            "retours de celles et ceux qui l'utilisent."
        ),
        "body": [
            _h("Pour qui"),
            _p(
                "<p>La Boussole de la démarche locale en santé s'adresse aux personnes qui "
                "coordonnent un atelier santé ville (ASV), un contrat local de santé (CLS) ou un "
                "conseil local de santé mentale (CLSM) en Île-de-France, et d'abord à celles qui "
                "arrivent dans le poste et ont besoin de repères.</p>"
            ),
            _h("Qui l'écrit"),
            _p(
                "<p>Un groupe de travail de coordinateurs et coordinatrices en poste rédige les "
                "chapitres du guide, les fiches pratiques et le glossaire, et recueille les "
                "remontées de terrain, toujours anonymisées et publiées avec l'accord des "
                "personnes. Chaque contenu est relu par un pair puis validé par un modérateur "
                "avant publication.</p>"
            ),
            _h("Comment elle évolue"),
            _p(
                "<p>Chaque page indique sa date de mise à jour et, quand elle existe, sa date de "
                "vérification. En bas de chaque chapitre, fiche ou remontée, vous pouvez dire si "
                "la page vous a été utile et signaler une information obsolète ou proposer une "
                "mise à jour : le groupe de travail lit chaque retour.</p>"
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "summary": "Écrire au groupe de travail qui tient la Boussole à jour.",
        "body": [
            _h("Une erreur, une mise à jour à proposer"),
            _p(
                "<p>Le plus rapide est le formulaire « Signaler une erreur ou proposer une mise à "
                "jour » en bas de la page concernée : votre message arrive directement à la "
                "personne qui suit cette page. Aucun compte n'est nécessaire.</p>"
            ),
            _h("Écrire au groupe de travail"),
            _p(
                f"<p>Pour toute autre question (proposer une remontée de terrain, rejoindre le "
                f"groupe de travail, signaler un problème d'accessibilité) : "
                f'<a href="mailto:{CONTACT_ADDRESS}">{CONTACT_ADDRESS}</a>.</p>'
            ),
            _callout(
                "À compléter par l'éditeur",
                "<p>Remplacer cette adresse d'exemple par la boîte aux lettres du groupe de "
                "travail avant la mise en ligne.</p>",
                kind="warning",
            ),
        ],
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "summary": "Éditeur, responsable de la publication, hébergement et réutilisation.",
        "body": [
            _h("Éditeur"),
            _p(
                "<p>La Boussole de la démarche locale en santé est éditée par le groupe de "
                "travail régional des coordinateurs et coordinatrices ASV, CLS et CLSM "
                "d'Île-de-France. Nom de la structure porteuse, adresse et numéro "
                "d'immatriculation : à compléter par l'éditeur.</p>"
            ),
            _h("Responsable de la publication"),
            _p("<p>À compléter par l'éditeur : nom et fonction de la personne responsable.</p>"),
            _h("Hébergement"),
            _p(
                "<p>À compléter par l'éditeur : nom, adresse et téléphone de l'hébergeur "
                "(article 6 de la loi n° 2004-575 du 21 juin 2004 pour la confiance dans "
                "l'économie numérique).</p>"
            ),
            _h("Contenus et réutilisation"),
            _p(
                "<p>Les textes sont rédigés par le groupe de travail. Les remontées de terrain "
                "sont anonymisées et publiées avec le consentement écrit des personnes ; elles ne "
                "peuvent pas être réutilisées hors de leur contexte. Les contenus publiés sont "
                "aussi disponibles par l'API de la Boussole.</p>"
            ),
            _h("Absence de suivi"),
            _p(
                "<p>La lecture du site ne dépose aucun cookie. Le site n'utilise aucun outil de "
                "mesure d'audience ni aucun service tiers : polices, scripts et images sont servis "
                "par le site lui-même.</p>"
            ),
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d'accessibilité",
        "summary": (
            "L'état de conformité de la Boussole au référentiel général d'amélioration de "
            "l'accessibilité (RGAA), ce qui n'est pas encore accessible et comment nous le "
            "signaler."
        ),
        "body": [
            _p(
                "<p>Le groupe de travail de la Boussole s'engage à rendre son site accessible "
                "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette "
                "déclaration d'accessibilité s'applique au site La Boussole de la démarche "
                "locale en santé.</p>"
            ),
            _h("État de conformité"),
            _p(
                "<p>La Boussole est <strong>non conforme</strong> avec le RGAA 4.1.2 : aucun audit "
                "de conformité n'a encore été réalisé, et le RGAA demande de déclarer un site non "
                "audité « non conforme », quel que soit le soin apporté. Le taux de conformité "
                "n'est donc pas connu.</p>"
            ),
            _p(
                "<p>Le site a été conçu pour être accessible et il est testé automatiquement à "
                "chaque modification : chaque type de page est analysé par axe-core, qui ne "
                "relève aucune violation, et le code HTML est validé par le validateur Nu HTML "
                "Checker. Les pages fonctionnent au clavier et sans JavaScript (seule la "
                "progression dans les parcours en a besoin), et les sigles du glossaire sont "
                "expliqués là où ils apparaissent. Ces tests automatiques ne couvrent qu'une "
                "partie des critères : ils ne remplacent pas un audit.</p>"
            ),
            _h("Contenus non accessibles"),
            _p(
                "<p>En l'absence d'audit, la liste des non-conformités n'est pas établie. Points "
                "connus à ce jour :</p><ul>"
                "<li>les documents à télécharger (PDF, traitements de texte, tableurs) déposés par "
                "les rédacteurs n'ont pas tous été vérifiés : demandez-nous une version "
                "accessible si besoin ;</li>"
                "<li>les sites externes vers lesquels pointent les fiches ne dépendent pas de "
                "nous ;</li>"
                "<li>l'interface d'administration, réservée aux rédacteurs, est celle du logiciel "
                "Wagtail et n'a pas été évaluée.</li></ul>"
            ),
            _h("Établissement de cette déclaration"),
            _p(
                "<p>Cette déclaration a été établie par le groupe de travail à partir des tests "
                "automatiques décrits ci-dessus (axe-core et Nu HTML Checker, dans le navigateur "
                "Chromium) et des tests dans ce même navigateur qui utilisent le site au clavier "
                "seulement. Elle sera mise à jour après le premier audit.</p>"
            ),
            _h("Retour d'information et contact"),
            _p(
                f"<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous "
                f'à <a href="mailto:{CONTACT_ADDRESS}">{CONTACT_ADDRESS}</a> ou utilisez le '
                f"formulaire « Signaler une erreur » en bas de la page concernée : nous vous "
                f"indiquerons une alternative accessible ou vous transmettrons le contenu sous "
                f"une autre forme.</p>"
            ),
            _h("Voies de recours"),
            _p(
                "<p>Si vous nous avez signalé un défaut d'accessibilité qui vous empêche "
                "d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse "
                "satisfaisante, vous pouvez :</p><ul>"
                "<li>écrire un message au Défenseur des droits "
                "(formulaire en ligne sur defenseurdesdroits.fr) ;</li>"
                "<li>contacter le délégué du Défenseur des droits dans votre région ;</li>"
                "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : "
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
            ),
        ],
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "summary": (
            "Ce que la Boussole enregistre quand vous lui écrivez, combien de temps, et ce "
            "qu'elle n'enregistre jamais."
        ),
        "body": [
            _h("Lire la Boussole"),
            _p(
                "<p>Lire le site ne demande aucun compte et ne dépose aucun cookie. Votre "
                "progression dans un parcours est gardée dans votre navigateur seulement "
                "(stockage local) : elle n'est jamais envoyée au site, et vous pouvez l'effacer "
                "depuis la page du parcours ou en vidant les données du site dans votre "
                "navigateur.</p>"
            ),
            _h("Quand vous donnez votre avis ou signalez une erreur"),
            _p(
                "<p>La réponse à « Cette page vous a-t-elle été utile ? » enregistre la page, la "
                "réponse (oui ou non) et la date, rien d'autre.</p>"
                "<p>Un signalement enregistre la page, la catégorie choisie, votre message s'il y "
                "en a un, votre adresse e-mail seulement si vous la donnez (pour que nous "
                "puissions vous répondre), la date, et le suivi de son traitement par le groupe "
                "de travail.</p>"
                "<p>Votre adresse IP n'est pas enregistrée. Pour limiter les envois abusifs, une "
                "empreinte chiffrée de l'adresse est comptée dans le cache du serveur le temps de "
                "la fenêtre de limitation (une heure par défaut), puis effacée ; elle n'est "
                "jamais écrite dans la base de données.</p>"
            ),
            _h("Combien de temps"),
            _p(
                f"<p>Les signalements et les réponses « utile ? » sont supprimés "
                f"{RETENTION_DAYS} jours après leur réception, par une tâche programmée "
                f"(commande <code>manage.py boussole_purge_feedback</code>).</p>"
            ),
            _h("Qui les lit"),
            _p(
                "<p>Seuls les membres du groupe de travail et les modérateurs de la Boussole "
                "voient les signalements, dans l'administration du site ; la personne qui suit la "
                "page reçoit le signalement par e-mail. Rien n'est transmis à des tiers.</p>"
            ),
            _h("Vos droits"),
            _p(
                f"<p>Vous pouvez demander à consulter, corriger ou supprimer un signalement que "
                f'vous avez envoyé en écrivant à <a href="mailto:{CONTACT_ADDRESS}">'
                f"{CONTACT_ADDRESS}</a>. Si vous estimez que vos droits ne sont pas respectés, "
                f"vous pouvez adresser une réclamation à la CNIL.</p>"
            ),
        ],
    },
]


def load(loader, home):
    """Create the missing information pages under ``home``, counted by ``loader``."""
    loader.add_published(
        _("Pages d'information"),
        home,
        InformationPage,
        PAGES,
        lambda data: InformationPage(show_in_menus=True, **data),
        feminine=True,
    )
