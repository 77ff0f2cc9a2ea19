"""The benchmark's corpus: French pages generated with a fixed seed, inserted in bulk.

``build_corpus(total)`` creates ``total`` live pages under the three sections (5 % guide
chapters, 60 % practice sheets, 35 % testimonies) with their taxonomy, and the glossary terms
the queries expand. The same seed gives the same corpus in every database, so the backends'
match counts can be compared query by query.

Pages are written in batches through Django's public API: ``bulk_create`` for Wagtail's page
rows and the taxonomy links, one ``executemany`` for the page type's own table (multi-table
inheritance has no ``bulk_create``) with each value prepared by its field's ``get_db_prep_save``,
as the ORM does. No signals, revisions or test factories: 20 000 pages take tens of seconds.
Used in a worker process (``bench.workers.column``, ``bench.workers.load``): Django is set up.
"""

import random

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from home.models import HomePage
from knowledge import models as km
from search.text import words

SEED = 20261122
BATCH = 500

# Word forms are written for this benchmark: nouns (singular, plural), adjectives (m, f, pl),
# verbs (several tenses); frequency follows a Zipf curve over this order.
NOUNS = [
    "santé santés",
    "habitant habitants",
    "coordinateur coordinateurs",
    "coordinatrice coordinatrices",
    "acteur acteurs",
    "actrice actrices",
    "quartier quartiers",
    "élu élus",
    "partenaire partenaires",
    "diagnostic diagnostics",
    "évaluation évaluations",
    "prévention préventions",
    "précarité précarités",
    "territoire territoires",
    "projet projets",
    "réunion réunions",
    "atelier ateliers",
    "action actions",
    "programme programmes",
    "dispositif dispositifs",
    "médecin médecins",
    "infirmière infirmières",
    "pharmacien pharmaciens",
    "association associations",
    "commune communes",
    "collectivité collectivités",
    "agence agences",
    "contrat contrats",
    "conseil conseils",
    "instance instances",
    "comité comités",
    "financement financements",
    "subvention subventions",
    "indicateur indicateurs",
    "besoin besoins",
    "ressource ressources",
    "réseau réseaux",
    "parcours parcours",
    "usager usagers",
    "patient patients",
    "jeune jeunes",
    "adolescent adolescents",
    "famille familles",
    "parent parents",
    "personne personnes",
    "accès accès",
    "soin soins",
    "dépistage dépistages",
    "vaccination vaccinations",
    "nutrition nutritions",
    "logement logements",
    "insalubrité insalubrités",
    "saturnisme saturnismes",
    "addiction addictions",
    "souffrance souffrances",
    "psychiatrie psychiatries",
    "médiation médiations",
    "médiatrice médiatrices",
    "médiateur médiateurs",
    "permanence permanences",
    "maison maisons",
    "centre centres",
    "hôpital hôpitaux",
    "mairie mairies",
    "service services",
    "politique politiques",
    "démarche démarches",
    "méthode méthodes",
    "outil outils",
    "fiche fiches",
    "guide guides",
    "rapport rapports",
    "bilan bilans",
    "enquête enquêtes",
    "questionnaire questionnaires",
    "entretien entretiens",
    "observation observations",
    "donnée données",
    "statistique statistiques",
    "carte cartes",
    "priorité priorités",
    "objectif objectifs",
    "étape étapes",
    "calendrier calendriers",
    "budget budgets",
    "convention conventions",
    "signature signatures",
    "animation animations",
    "participation participations",
    "mobilisation mobilisations",
    "concertation concertations",
    "coordination coordinations",
    "pilotage pilotages",
    "gouvernance gouvernances",
    "inégalité inégalités",
    "déterminant déterminants",
    "environnement environnements",
    "école écoles",
    "collège collèges",
    "enseignant enseignants",
    "éducateur éducateurs",
    "bénévole bénévoles",
    "téléconsultation téléconsultations",
    "généraliste généralistes",
    "sage-femme sages-femmes",
    "handicap handicaps",
    "vieillissement vieillissements",
    "isolement isolements",
    "alimentation alimentations",
    "sport sports",
    "activité activités",
    "sommeil sommeils",
    "écran écrans",
    "violence violences",
    "femme femmes",
    "migrant migrants",
    "interprète interprètes",
    "langue langues",
    "droit droits",
    "assurance assurances",
    "mutuelle mutuelles",
    "complémentaire complémentaires",
    "formation formations",
    "poste postes",
    "fonction fonctions",
    "mission missions",
    "hiérarchie hiérarchies",
    "direction directions",
    "élue élues",
    "maire maires",
    "adjoint adjoints",
]
ADJECTIVES = [
    "local locale locaux",
    "mental mentale mentaux",
    "public publique publics",
    "social sociale sociaux",
    "territorial territoriale territoriaux",
    "partagé partagée partagés",
    "prioritaire prioritaires prioritaires",
    "régional régionale régionaux",
    "municipal municipale municipaux",
    "participatif participative participatifs",
    "nouveau nouvelle nouveaux",
    "premier première premiers",
    "difficile difficiles difficiles",
    "important importante importants",
    "fragile fragiles fragiles",
    "précaire précaires précaires",
    "accessible accessibles accessibles",
    "durable durables durables",
    "collectif collective collectifs",
    "médical médicale médicaux",
    "sanitaire sanitaires sanitaires",
    "scolaire scolaires scolaires",
    "concret concrète concrets",
    "régulier régulière réguliers",
    "annuel annuelle annuels",
]
VERBS = [
    "coordonner coordonne coordonnent coordonnait coordonnera",
    "mobiliser mobilise mobilisent mobilisait mobilisera",
    "animer anime animent animait animera",
    "évaluer évalue évaluent évaluait évaluera",
    "financer finance financent finançait financera",
    "réunir réunit réunissent réunissait réunira",
    "construire construit construisent construisait construira",
    "partager partage partagent partageait partagera",
    "accompagner accompagne accompagnent accompagnait accompagnera",
    "orienter oriente orientent orientait orientera",
    "repérer repère repèrent repérait repérera",
    "prévenir prévient préviennent prévenait préviendra",
    "améliorer améliore améliorent améliorait améliorera",
    "signer signe signent signait signera",
    "impliquer implique impliquent impliquait impliquera",
    "écouter écoute écoutent écoutait écoutera",
]
TERMS = [
    "contrat local de santé",
    "conseil local de santé mentale",
    "atelier santé ville",
    "agence régionale de santé",
    "quartier prioritaire de la politique de la ville",
    "projet régional de santé",
    "éducation thérapeutique du patient",
    "communauté professionnelle territoriale de santé",
    "accès aux soins",
    "santé mentale",
    "promotion de la santé",
    "plan d'action",
]
GLOSSARY = [
    ("Contrat local de santé", "CLS"),
    ("Conseil local de santé mentale", "CLSM"),
    ("Atelier santé ville", "ASV"),
    ("Agence régionale de santé", "ARS"),
    ("Quartier prioritaire de la politique de la ville", "QPV"),
    ("Projet régional de santé", "PRS"),
    ("Éducation thérapeutique du patient", "ETP"),
    ("Communauté professionnelle territoriale de santé", "CPTS"),
]
LINKS = [
    "de la",
    "des",
    "du",
    "et",
    "avec",
    "pour",
    "dans",
    "sur",
    "les",
    "la",
    "le",
    "une",
    "un",
    "à",
    "en",
    "aux",
    "par",
]


class TextGenerator:
    """Titles, sentences and paragraphs drawn from the word lists above (Zipf-weighted nouns)."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.nouns = [n.split() for n in NOUNS]
        self.adjectives = [a.split() for a in ADJECTIVES]
        self.verbs = [v.split() for v in VERBS]
        self.noun_weights = [1 / (rank + 1) for rank in range(len(self.nouns))]

    def noun(self):
        forms = self.random.choices(self.nouns, weights=self.noun_weights)[0]
        return self.random.choice(forms)

    def sentence(self):
        r = self.random
        parts = [r.choice(["Les", "Des", "Nos", "Ces", "La", "Le"]), self.noun()]
        if r.random() < 0.5:
            parts.append(r.choice(r.choice(self.adjectives)))
        parts.append(r.choice(r.choice(self.verbs)[1:]))
        parts.append(r.choice(LINKS))
        parts.append(self.noun())
        if r.random() < 0.35:
            parts += [r.choice(LINKS), r.choice(TERMS)]
        if r.random() < 0.5:
            parts += [r.choice(LINKS), self.noun(), r.choice(r.choice(self.adjectives))]
        return " ".join(parts) + "."

    def paragraph(self, word_count):
        out, count = [], 0
        while count < word_count:
            sentence = self.sentence()
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def title(self):
        r = self.random
        noun = self.noun()
        return f"{noun.capitalize()} {r.choice(LINKS)} {r.choice(TERMS if r.random() < 0.3 else [self.noun()])}"


def vocabulary():
    """Every word form the generator can write, folded like the index folds them."""
    forms = [*NOUNS, *ADJECTIVES, *VERBS, *TERMS, *LINKS]
    forms += [f"{term} {acronym}" for term, acronym in GLOSSARY]
    forms += ["Les Des Nos Ces La Le", "Coordinatrice ASV Coordinateur CLS Élue"]
    forms += ["La Boussole", "Fiches pratiques", "Remontées de terrain", "Thème"]
    return {word for form in forms for word in words(form)}


def _log(message):
    print(message, flush=True)  # noqa: T201


# The section page each kind of corpus page goes under: (its model, title, slug).
SECTIONS = {
    km.GuideChapterPage: (km.GuidePage, "La Boussole", "la-boussole"),
    km.PracticeSheetPage: (km.PracticeSheetIndexPage, "Fiches pratiques", "fiches-pratiques"),
    km.TestimonyPage: (km.TestimonyIndexPage, "Remontées de terrain", "remontees-de-terrain"),
}


def section(page_model):
    """The single section page that ``page_model``'s pages go under, below the home page
    (created once, live, without a revision: nothing in the benchmark reads one)."""
    model, title, slug = SECTIONS[page_model]
    existing = model.objects.first()
    if existing is not None:
        return existing
    page = model(title=title, slug=slug)
    HomePage.objects.get(depth=2).add_child(instance=page)
    return page


def _child_path(parent, position):
    """Materialised path of the ``position``-th child (1-based) of ``parent`` (treebeard MP)."""
    alphabet, digits, n = parent.alphabet, "", position
    while n:
        n, digit = divmod(n, len(alphabet))
        digits = alphabet[digit] + digits
    return parent.path + digits.rjust(parent.steplen, alphabet[0])


def _insert_specific(model, objects):
    """Rows of the page type's own table (``page_ptr`` and its local fields) in one statement."""
    fields = [
        f
        for f in model._meta.get_fields(include_parents=False)
        if f.concrete and not f.many_to_many
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", rows
        )


def _link_taxonomy(model, objects, rnd, choices):
    """Random taxonomy terms for each page, one ``bulk_create`` per relation."""
    for field_name, terms, most in choices:
        if not hasattr(model, field_name):
            continue
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        keys = {f.related_model: f.attname for f in through._meta.get_fields() if f.many_to_one}
        source, target = keys[model], keys[field.related_model]
        through.objects.bulk_create(
            [
                through(**{source: obj.pk, target: term.pk})
                for obj in objects
                for term in rnd.sample(terms, rnd.randint(1, most))
            ]
        )


def _specific_fields(model, gen, taxonomy, now):
    rnd = gen.random
    word_count = rnd.randint(150, 320)
    if model is km.TestimonyPage:
        return {
            "quote": gen.paragraph(word_count // 2),
            "context": f"<p>{gen.paragraph(word_count // 2)}</p>",
            "speaker_role": rnd.choice(["Coordinatrice ASV", "Coordinateur CLS", "Élue"]),
            "territory": rnd.choice(taxonomy["territories"]),
            "dispositif": rnd.choice(taxonomy["dispositifs"]),
            "consent_given": True,
            "consent_date": now.date(),
        }
    if model is km.PracticeSheetPage:
        return {
            "objectives": f"<p>{gen.paragraph(30)}</p>",
            "body": [("paragraph", RichText(f"<p>{gen.paragraph(word_count - 30)}</p>"))],
        }
    return {
        "body": [
            ("heading", {"text": gen.title()}),
            ("paragraph", RichText(f"<p>{gen.paragraph(word_count)}</p>")),
        ]
    }


def build_corpus(total, seed=SEED, log=_log):
    """Create ``total`` live pages under the three sections; returns the number created."""
    gen = TextGenerator(seed)
    rnd = gen.random
    themes = [
        km.Theme.objects.get_or_create(slug=f"theme-{i}", defaults={"name": f"Thème {i}"})[0]
        for i in range(1, 13)
    ]
    taxonomy = {
        "dispositifs": list(km.Dispositif.objects.all()),
        "territories": list(km.Territory.objects.all()),
    }
    links = [
        ("themes", themes, 3),
        ("project_steps", list(km.ProjectStep.objects.all()), 2),
        ("dispositifs", taxonomy["dispositifs"], 2),
        ("audiences", list(km.Audience.objects.all()), 2),
    ]
    page_fields = [
        f
        for f in Page._meta.get_fields()
        if f.concrete and not f.many_to_many and not f.primary_key
    ]
    locale = Locale.get_default()
    now = timezone.now()
    sections = {page_model: section(page_model) for page_model in SECTIONS}
    counts = {km.GuideChapterPage: round(total * 0.05), km.PracticeSheetPage: round(total * 0.6)}
    counts[km.TestimonyPage] = total - sum(counts.values())  # the rest: 35 %
    created, step = 0, max(BATCH, total // 10 // BATCH * BATCH)
    for model, parent in sections.items():
        parent = Page.objects.get(pk=parent.pk)
        count = counts[model]
        shared = {  # what every page of the section has
            "depth": parent.depth + 1,
            "numchild": 0,
            "content_type": ContentType.objects.get_for_model(model),
            "live": True,
            "has_unpublished_changes": False,
            "locale": locale,
        }
        start = parent.numchild
        for batch_start in range(0, count, BATCH):
            batch = []
            for i in range(batch_start, min(count, batch_start + BATCH)):
                title = gen.title()[:200]
                slug = f"{slugify(title)[:40]}-{i}"
                published = now - timezone.timedelta(days=rnd.randint(0, 1500))
                batch.append(
                    model(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        path=_child_path(parent, start + i + 1),
                        url_path=f"{parent.url_path}{slug}/",
                        first_published_at=published,
                        last_published_at=published,
                        summary=gen.paragraph(rnd.randint(15, 30)),
                        **shared,
                        **_specific_fields(model, gen, taxonomy, now),
                    )
                )
            with transaction.atomic():  # one transaction per batch: linear on PostgreSQL too
                bases = Page.objects.bulk_create(
                    [
                        Page(**{f.attname: getattr(obj, f.attname) for f in page_fields})
                        for obj in batch
                    ]
                )
                for obj, base in zip(batch, bases, strict=True):
                    obj.page_ptr_id = obj.pk = obj.id = base.pk
                _insert_specific(model, batch)
                _link_taxonomy(model, batch, rnd, links)
            before, created = created, created + len(batch)
            if created // step > before // step or created == total:
                log(f"  … {created}/{total} pages créées")
        Page.objects.filter(pk=parent.pk).update(numchild=start + count)
    for term, acronym in GLOSSARY:
        km.GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={
                "acronym": acronym,
                "definition": f"<p>{gen.paragraph(40)}</p>",
                "live": True,
            },
        )
    return created
