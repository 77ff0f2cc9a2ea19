"""What the search columns time and against which targets: the queries, how many runs, the
long query's shape. Read by the timings (``bench.workers.timings``, in each column's process)
and by the report (``bench.report``, in the orchestrator): it imports nothing of Django."""

import json

RUNS = 5
# Whole passes over the queries before any is timed: a fresh index (and a fresh node's JIT)
# answers its first few hundred searches slower than it will all day long after.
WARMUP_PASSES = 2
STOCK_CAP_SECONDS = 2.0
STOCK_QUERIES = 10
PER_PAGE = 20
# p95 targets of the service, by kind of backend, and of the long query everywhere.
SERVICE_TARGET_MS = {"database": 50, "opensearch": 40}
LONG_QUERY_TARGET_MS = 50
LONG_QUERY_CHARS = 200
LONG_QUERY_WORDS = 12
LONG_QUERY_SEED = 1122

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


def query_key(q, filters):
    """How a query is named in the report and the JSON (its filters after it)."""
    return q + (" " + json.dumps(filters, ensure_ascii=False) if filters else "")
