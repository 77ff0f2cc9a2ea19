"""Search benchmark (``make bench``; not part of the tests).

Builds the same 20 000-item French corpus (chapters, practice sheets, testimonies, fixed seed) in
two throw-away databases — a SQLite file under var/ and the PostgreSQL database
``boussole_bench`` — indexes it through the Boussole indexing path, then times 50 representative
queries (with facets) per engine:

- the Boussole search service (``search.service.search``: count, ranked page, facet counts,
  highlights, typo/synonym analysis) — the figure that matters (target p95 ≤ 50 ms);
- the bare full-text query underneath (match + LIMIT 20, no ranking, no facets);
- Wagtail's stock ``Page.objects.live().search(q)[:20]`` on a subset, each query capped.

Writes a Markdown table (``--output``, default var/bench.md) and the raw figures as JSON beside
it. Each engine runs in its own subprocess with its own DATABASE_URL.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get(
    "BOUSSOLE_BENCH_PG_ADMIN_URL", "postgres://boussole:boussole@127.0.0.1:5432/boussole"
)
PG_BENCH_DB = "boussole_bench"
RUNS = 5
STOCK_CAP_SECONDS = 2.0
STOCK_QUERIES = 10

# Word forms are written for this benchmark: nouns (singular, plural), adjectives (m, f, pl),
# verbs (several tenses); frequency follows a Zipf curve over this order.
NOUNS = [
    "santé santés",
    "habitant habitants",
    "coordinateur coordinateurs",
    "coordinatrice coordinatrices",
    "\nacteur acteurs",
    "actrice actrices",
    "quartier quartiers",
    "élu élus",
    "partenaire partenaires",
    "diagnostic diagnostics",
    "\névaluation évaluations",
    "prévention préventions",
    "précarité précarités",
    "territoire territoires",
    "projet projets",
    "\nréunion réunions",
    "atelier ateliers",
    "action actions",
    "programme programmes",
    "dispositif dispositifs",
    "\nmédecin médecins",
    "infirmière infirmières",
    "pharmacien pharmaciens",
    "association associations",
    "\ncommune communes",
    "collectivité collectivités",
    "agence agences",
    "contrat contrats",
    "conseil conseils",
    "\ninstance instances",
    "comité comités",
    "financement financements",
    "subvention subventions",
    "indicateur indicateurs",
    "\nbesoin besoins",
    "ressource ressources",
    "réseau réseaux",
    "parcours parcours",
    "usager usagers",
    "patient patients",
    "\njeune jeunes",
    "adolescent adolescents",
    "famille familles",
    "parent parents",
    "personne personnes",
    "\naccès accès",
    "soin soins",
    "dépistage dépistages",
    "vaccination vaccinations",
    "nutrition nutritions",
    "\nlogement logements",
    "insalubrité insalubrités",
    "saturnisme saturnismes",
    "addiction addictions",
    "\nsouffrance souffrances",
    "psychiatrie psychiatries",
    "médiation médiations",
    "médiatrice médiatrices",
    "\nmédiateur médiateurs",
    "permanence permanences",
    "maison maisons",
    "centre centres",
    "hôpital hôpitaux",
    "\nmairie mairies",
    "service services",
    "politique politiques",
    "démarche démarches",
    "méthode méthodes",
    "outil outils",
    "\nfiche fiches",
    "guide guides",
    "rapport rapports",
    "bilan bilans",
    "enquête enquêtes",
    "questionnaire questionnaires",
    "\nentretien entretiens",
    "observation observations",
    "donnée données",
    "statistique statistiques",
    "carte cartes",
    "\npriorité priorités",
    "objectif objectifs",
    "étape étapes",
    "calendrier calendriers",
    "budget budgets",
    "\nconvention conventions",
    "signature signatures",
    "animation animations",
    "participation participations",
    "\nmobilisation mobilisations",
    "concertation concertations",
    "coordination coordinations",
    "pilotage pilotages",
    "\ngouvernance gouvernances",
    "inégalité inégalités",
    "déterminant déterminants",
    "environnement environnements",
    "\nécole écoles",
    "collège collèges",
    "enseignant enseignants",
    "éducateur éducateurs",
    "bénévole bénévoles",
    "\ntéléconsultation téléconsultations",
    "généraliste généralistes",
    "sage-femme sages-femmes",
    "\nhandicap handicaps",
    "vieillissement vieillissements",
    "isolement isolements",
    "alimentation alimentations",
    "\nsport sports",
    "activité activités",
    "sommeil sommeils",
    "écran écrans",
    "violence violences",
    "femme femmes",
    "\nmigrant migrants",
    "interprète interprètes",
    "langue langues",
    "droit droits",
    "assurance assurances",
    "\nmutuelle mutuelles",
    "complémentaire complémentaires",
    "formation formations",
    "poste postes",
    "fonction fonctions",
    "\nmission missions",
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
    "\nterritorial territoriale territoriaux",
    "partagé partagée partagés",
    "prioritaire prioritaires prioritaires",
    "\nrégional régionale régionaux",
    "municipal municipale municipaux",
    "participatif participative participatifs",
    "\nnouveau nouvelle nouveaux",
    "premier première premiers",
    "difficile difficiles difficiles",
    "\nimportant importante importants",
    "fragile fragiles fragiles",
    "précaire précaires précaires",
    "\naccessible accessibles accessibles",
    "durable durables durables",
    "collectif collective collectifs",
    "\nmédical médicale médicaux",
    "sanitaire sanitaires sanitaires",
    "scolaire scolaires scolaires",
    "\nconcret concrète concrets",
    "régulier régulière réguliers",
    "annuel annuelle annuels",
]
VERBS = [
    "coordonner coordonne coordonnent coordonnait coordonnera",
    "mobiliser mobilise mobilisent mobilisait mobilisera",
    "\nanimer anime animent animait animera",
    "évaluer évalue évaluent évaluait évaluera",
    "\nfinancer finance financent finançait financera",
    "réunir réunit réunissent réunissait réunira",
    "\nconstruire construit construisent construisait construira",
    "partager partage partagent partageait partagera",
    "\naccompagner accompagne accompagnent accompagnait accompagnera",
    "orienter oriente orientent orientait orientera",
    "\nrepérer repère repèrent repérait repérera",
    "prévenir prévient préviennent prévenait préviendra",
    "\naméliorer améliore améliorent améliorait améliorera",
    "signer signe signent signait signera",
    "\nimpliquer implique impliquent impliquait impliquera",
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

QUERIES = [
    ("santé", {}),
    ("sante", {}),
    ("prevention", {}),
    ("prévention", {"type": ["fiche-pratique"]}),
    ("coordinateur", {}),
    ("coordinateurs", {"departement": ["essonne"]}),
    ("coordinatrice", {}),
    ("habitant", {}),
    ("habitants quartier", {"dispositif": ["asv"]}),
    ("acteur", {}),
    ("evaluation", {}),
    ("évaluation indicateurs", {"etape": ["evaluation"]}),
    ("diagnostic", {"etape": ["diagnostic"]}),
    ("diagnostic partagé", {}),
    ("acces aux soins", {}),
    ("accès soins", {"theme": ["theme-2"]}),
    ("elus", {}),
    ("élus municipaux", {"audience": ["elus-et-hierarchie"]}),
    ("precarite", {}),
    ("précarité logement", {}),
    ("clsm", {}),
    ("CLSM", {"departement": ["seine-saint-denis"]}),
    ("cls", {}),
    ("CLS signature", {}),
    ("asv", {"type": ["remontee-de-terrain"]}),
    ("conseil local de santé mentale", {}),
    ("contrat local de santé", {"dispositif": ["cls"]}),
    ('"atelier santé ville"', {}),
    ('"santé mentale"', {}),
    ("coordinaton", {}),
    ("mobilisaton habitants", {}),
    ("evaluaton", {}),
    ("saturnisme", {}),
    ("téléconsultation", {}),
    ("medecin generaliste", {}),
    ("infirmière scolaire", {}),
    ("vaccination jeunes", {"theme": ["theme-5"]}),
    ("dépistage", {"sort": "date"}),
    ("santé mentale adolescents", {}),
    ("isolement personnes", {}),
    ("financement subvention", {}),
    ("réseau partenaires", {"type": ["chapitre"]}),
    ("participation des habitants", {"etape": ["participation-des-habitants"]}),
    ("animer le réseau", {}),
    ("prise de poste coordinateur", {"audience": ["nouveau-coordinateur"]}),
    ("ars", {}),
    ("interprète langue", {}),
    ("santé", {"type": ["fiche-pratique"], "dispositif": ["clsm"], "departement": ["paris"]}),
    ("zzzz introuvable", {}),
    ("mediatrice", {"sort": "date"}),
]


# --------------------------------------------------------------------------------------------
# Corpus


def _log(message):
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


class TextGenerator:
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

    def paragraph(self, words):
        out, count = [], 0
        while count < words:
            sentence = self.sentence()
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def title(self):
        r = self.random
        noun = self.noun()
        return f"{noun.capitalize()} {r.choice(LINKS)} {r.choice(TERMS if r.random() < 0.3 else [self.noun()])}"


def build_corpus(total, seed=20261122, log=_log):
    """Create ``total`` live pages under the three sections, fast (bulk inserts, no signals)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Locale, Page
    from wagtail.rich_text import RichText

    from knowledge import factories
    from knowledge import models as km

    gen = TextGenerator(seed)
    rnd = gen.random
    themes = [
        km.Theme.objects.get_or_create(slug=f"theme-{i}", defaults={"name": f"Thème {i}"})[0]
        for i in range(1, 13)
    ]
    dispositifs = list(km.Dispositif.objects.all())
    territories = list(km.Territory.objects.all())
    audiences = list(km.Audience.objects.all())
    steps = list(km.ProjectStep.objects.all())
    sections = {
        km.GuideChapterPage: factories.guide_page(),
        km.PracticeSheetPage: factories.sheet_index_page(),
        km.TestimonyPage: factories.testimony_index_page(),
    }
    shares = {km.GuideChapterPage: 0.05, km.PracticeSheetPage: 0.6, km.TestimonyPage: 0.35}
    locale = Locale.get_default()
    now = timezone.now()
    created = 0
    for model, parent in sections.items():
        parent = Page.objects.get(pk=parent.pk)
        count = round(total * shares[model]) if model is not km.TestimonyPage else total - created
        content_type = ContentType.objects.get_for_model(model)
        start = parent.numchild
        for batch_start in range(0, count, 500):
            batch = []
            for i in range(batch_start, min(count, batch_start + 500)):
                title = gen.title()[:200]
                slug = f"{slugify(title)[:40]}-{i}"
                published = now - timezone.timedelta(days=rnd.randint(0, 1500))
                fields = {
                    "title": title,
                    "draft_title": title,
                    "slug": slug,
                    "path": Page._get_path(parent.path, parent.depth + 1, start + i + 1),
                    "depth": parent.depth + 1,
                    "numchild": 0,
                    "url_path": f"{parent.url_path}{slug}/",
                    "content_type": content_type,
                    "live": True,
                    "has_unpublished_changes": False,
                    "first_published_at": published,
                    "last_published_at": published,
                    "locale": locale,
                    "summary": gen.paragraph(rnd.randint(15, 30)),
                }
                words = rnd.randint(150, 320)
                if model is km.TestimonyPage:
                    fields.update(
                        quote=gen.paragraph(words // 2),
                        context=f"<p>{gen.paragraph(words // 2)}</p>",
                        speaker_role=rnd.choice(["Coordinatrice ASV", "Coordinateur CLS", "Élue"]),
                        territory=rnd.choice(territories),
                        dispositif=rnd.choice(dispositifs),
                        consent_given=True,
                        consent_date=now.date(),
                    )
                elif model is km.PracticeSheetPage:
                    fields.update(
                        objectives=f"<p>{gen.paragraph(30)}</p>",
                        body=[("paragraph", RichText(f"<p>{gen.paragraph(words - 30)}</p>"))],
                    )
                else:
                    fields["body"] = [
                        ("heading", {"text": gen.title()}),
                        ("paragraph", RichText(f"<p>{gen.paragraph(words)}</p>")),
                    ]
                batch.append(model(**fields))
            with transaction.atomic():  # one transaction per batch: linear on PostgreSQL too
                bases = Page.objects.bulk_create(
                    [
                        Page(
                            **{
                                f.attname: getattr(obj, f.attname)
                                for f in Page._meta.concrete_fields
                                if f.attname != "id"
                            }
                        )
                        for obj in batch
                    ]
                )
                for obj, base in zip(batch, bases, strict=True):
                    obj.page_ptr_id = obj.pk = obj.id = base.id
                model.objects._insert(batch, fields=model._meta.local_concrete_fields)
                _bulk_taxonomy(model, batch, rnd, themes, dispositifs, audiences, steps)
            created += len(batch)
            log(f"  {created}/{total} pages créées")
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


def _bulk_taxonomy(model, batch, rnd, themes, dispositifs, audiences, steps):
    def link(field, choices, k):
        through = getattr(model, field).through
        source = f"{model._meta.model_name}_id"
        target = [f for f in through._meta.concrete_fields if f.is_relation and f.attname != source]
        target_name = target[-1].attname
        through.objects.bulk_create(
            [
                through(**{source: obj.pk, target_name: choice.pk})
                for obj in batch
                for choice in rnd.sample(choices, rnd.randint(1, k))
            ]
        )

    link("themes", themes, 3)
    link("project_steps", steps, 2)
    if hasattr(model, "audiences"):
        link("dispositifs", dispositifs, 2)
        link("audiences", audiences, 2)


# --------------------------------------------------------------------------------------------
# Timing


def percentile(samples, p):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def _params(q, filters):
    return {"q": q, "per_page": 20, **filters}


def time_service(log):
    from search.service import search

    samples, per_query = [], {}
    for q, filters in QUERIES:
        result = search(_params(q, filters), record_zero_results=False)  # warm-up
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            search(_params(q, filters), record_zero_results=False)
            times.append((time.perf_counter() - start) * 1000)
        samples.extend(times)
        per_query[q + (" " + json.dumps(filters, ensure_ascii=False) if filters else "")] = {
            "median_ms": round(statistics.median(times), 2),
            "total": result.total,
            "relaxed": result.relaxed,
        }
    log(f"  service: p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms")
    return samples, per_query


def time_bare_fts(log):
    from django.db import connection

    from search.engines import get_engine
    from search.lexicon import get_lexicon
    from search.query import parse

    engine, lexicon, samples = get_engine(), get_lexicon(), []
    for q, _filters in QUERIES:
        parsed = parse(q, lexicon)
        if parsed.empty:
            continue
        sql, params = engine.bare_query(parsed.expr)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
            for _ in range(RUNS):
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                samples.append((time.perf_counter() - start) * 1000)
    log(f"  bare FTS: p50 {percentile(samples, 50):.2f} ms, p95 {percentile(samples, 95):.2f} ms")
    return samples


def _capped(vendor, function, cap):
    """Run ``function``; give up after ``cap`` seconds (SQLite progress handler, PG timeout)."""
    from django.db import OperationalError, connection, transaction
    from django.db.utils import DatabaseError

    start = time.perf_counter()
    if vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        raw.set_progress_handler(lambda: int(time.perf_counter() - start > cap), 10_000)
        try:
            function()
        except OperationalError:
            return None
        finally:
            raw.set_progress_handler(None, 0)
    else:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL statement_timeout = {int(cap * 1000)}")
                function()
        except DatabaseError:
            return None
    elapsed = time.perf_counter() - start
    return None if elapsed > cap else elapsed * 1000


def time_stock(vendor, log):
    from wagtail.models import Page

    samples, per_query = [], {}
    for q, _filters in QUERIES[:STOCK_QUERIES]:
        times = []
        for _ in range(3):
            ms = _capped(
                vendor, lambda q=q: list(Page.objects.live().search(q)[:20]), STOCK_CAP_SECONDS
            )
            times.append(ms)
            if ms is None:
                break  # already over the cap: do not spend more time on it
        per_query[q] = [None if t is None else round(t, 1) for t in times]
        samples.extend(STOCK_CAP_SECONDS * 1000 if t is None else t for t in times)
    timeouts = sum(1 for t in per_query.values() if None in t)
    log(
        f"  stock Wagtail: p50 {percentile(samples, 50):.0f} ms, p95 {percentile(samples, 95):.0f} ms"
        f" ({timeouts}/{len(per_query)} queries over {STOCK_CAP_SECONDS:.0f} s)"
    )
    return samples, per_query, timeouts


def run_engine(engine_name, total, log=_log):
    """In a subprocess whose DATABASE_URL points at a fresh bench database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False  # no query log growing over 20 000 pages
    log(f"[{engine_name}] migrations")
    call_command("migrate", verbosity=0)
    log(f"[{engine_name}] corpus de {total} éléments")
    start = time.perf_counter()
    created = build_corpus(total, log=lambda m: None)
    create_s = time.perf_counter() - start
    log(f"  {created} pages en {create_s:.1f} s")
    start = time.perf_counter()
    from search.indexing import rebuild

    indexed = rebuild(batch_size=500)
    index_s = time.perf_counter() - start
    log(f"  index Boussole : {indexed} documents en {index_s:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    stock_index_s = time.perf_counter() - start
    log(f"  index Wagtail (update_index) : {stock_index_s:.1f} s")
    service, per_query = time_service(log)
    bare = time_bare_fts(log)
    stock, stock_per_query, stock_timeouts = time_stock(connection.vendor, log)
    return {
        "engine": engine_name,
        "vendor": connection.vendor,
        "database_version": _db_version(connection),
        "pages": created,
        "documents": indexed,
        "create_s": round(create_s, 1),
        "index_s": round(index_s, 1),
        "stock_index_s": round(stock_index_s, 1),
        "service_ms": _summary(service),
        "bare_fts_ms": _summary(bare),
        "stock_ms": _summary(stock),
        "stock_timeouts": stock_timeouts,
        "stock_queries": len(stock_per_query),
        "stock_per_query_ms": stock_per_query,
        "per_query": per_query,
    }


def _db_version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _summary(samples):
    return {
        "n": len(samples),
        "p50": round(percentile(samples, 50), 2),
        "p95": round(percentile(samples, 95), 2),
        "max": round(max(samples), 2),
    }


# --------------------------------------------------------------------------------------------
# Orchestration


def _reset_postgres():
    import psycopg
    from dj_database_url import parse

    admin = parse(PG_ADMIN_URL)
    with psycopg.connect(
        host=admin["HOST"],
        port=admin["PORT"] or 5432,
        user=admin["USER"],
        password=admin["PASSWORD"],
        dbname=admin["NAME"],
        autocommit=True,
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"


def _spawn(engine, url, total, json_path):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    env.pop("BOUSSOLE_SEARCH_ENGINE", None)
    command = [sys.executable, "-m", "search.bench", "--engine", engine, "--items", str(total)]
    subprocess.run([*command, "--json", str(json_path)], env=env, cwd=BASE_DIR, check=True)
    return json.loads(Path(json_path).read_text())


def _markdown(results, total):
    lines = [
        "# Benchmark de la recherche Boussole",
        "",
        f"Corpus : {total} éléments générés (chapitres, fiches pratiques, remontées de terrain), "
        f"{len(QUERIES)} requêtes françaises, {RUNS} mesures chacune après un tour de chauffe ; "
        "20 résultats par page, facettes, extraits surlignés compris.",
        "",
        "| | " + " | ".join(f"{r['engine']} ({r['database_version']})" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]

    def row(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in results) + " |")

    row(
        "**Service Boussole p50 / p95**",
        lambda r: f"**{r['service_ms']['p50']} / {r['service_ms']['p95']} ms**",
    )
    row("Service Boussole max", lambda r: f"{r['service_ms']['max']} ms")
    row(
        "Requête plein texte seule p50 / p95",
        lambda r: f"{r['bare_fts_ms']['p50']} / {r['bare_fts_ms']['p95']} ms",
    )
    row(
        f"Wagtail `Page.objects.live().search()` p50 / p95 ({STOCK_QUERIES} requêtes, plafond {STOCK_CAP_SECONDS:.0f} s)",
        lambda r: (
            f"{_fmt_capped(r['stock_ms']['p50'])} / {_fmt_capped(r['stock_ms']['p95'])}"
            f" ({r['stock_timeouts']} au-delà du plafond)"
        ),
    )
    row("Création du corpus", lambda r: f"{r['create_s']} s")
    row("Indexation Boussole (`boussole_search_index`)", lambda r: f"{r['index_s']} s")
    row("Indexation Wagtail (`update_index`)", lambda r: f"{r['stock_index_s']} s")
    row(
        "Objectif p95 ≤ 50 ms",
        lambda r: "atteint" if r["service_ms"]["p95"] <= 50 else "NON atteint",
    )
    lines += [
        "",
        "## Détail par requête (service Boussole, médiane en ms / nombre de résultats)",
        "",
    ]
    lines.append("| requête | " + " | ".join(r["engine"] for r in results) + " |")
    lines.append("|---|" + "---|" * len(results))
    for key in results[0]["per_query"]:
        cells = []
        for r in results:
            q = r["per_query"].get(key, {})
            relaxed = " (élargie)" if q.get("relaxed") else ""
            cells.append(f"{q.get('median_ms')} ms / {q.get('total')}{relaxed}")
        lines.append(f"| `{key}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _fmt_capped(ms):
    return f"≥ {ms / 1000:.0f} s" if ms >= STOCK_CAP_SECONDS * 1000 else f"{ms:.0f} ms"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(BASE_DIR / "var" / "bench.md"))
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # subprocess mode
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BASE_DIR))

    if args.engine:
        result = run_engine(args.engine, args.items, log=_log)
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2))
        return

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.perf_counter()
    for engine in args.engines.split(","):
        if engine == "sqlite":
            db = output.parent / "bench.sqlite3"
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{db.resolve()}"
        else:
            url = _reset_postgres()
        results.append(_spawn(engine, url, args.items, output.with_name(f"bench-{engine}.json")))
    markdown = _markdown(results, args.items)
    markdown += f"\nDurée totale du benchmark : {time.perf_counter() - started:.0f} s.\n"
    output.write_text(markdown)
    output.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    sys.stdout.write(markdown)


if __name__ == "__main__":
    main()
