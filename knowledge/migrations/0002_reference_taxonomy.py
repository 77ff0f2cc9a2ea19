"""The fixed reference lists every install needs: dispositifs, territories, audiences, project steps."""

from django.db import migrations

DISPOSITIFS = [
    ("asv", "ASV", "Atelier Santé Ville"),
    ("cls", "CLS", "Contrat Local de Santé"),
    ("clsm", "CLSM", "Conseil Local de Santé Mentale"),
    ("autre", "", "Autre démarche locale de santé"),
]
TERRITORIES = [
    ("75", "paris", "Paris"),
    ("77", "seine-et-marne", "Seine-et-Marne"),
    ("78", "yvelines", "Yvelines"),
    ("91", "essonne", "Essonne"),
    ("92", "hauts-de-seine", "Hauts-de-Seine"),
    ("93", "seine-saint-denis", "Seine-Saint-Denis"),
    ("94", "val-de-marne", "Val-de-Marne"),
    ("95", "val-d-oise", "Val-d'Oise"),
    ("IDF", "region", "Région Île-de-France"),
]
AUDIENCES = [
    ("nouveau-coordinateur", "Nouveau coordinateur"),
    ("coordinateur-confirme", "Coordinateur confirmé"),
    ("elus-et-hierarchie", "Élus et hiérarchie"),
    ("partenaires", "Partenaires"),
]
PROJECT_STEPS = [
    ("prise-de-poste", "Prise de poste"),
    ("diagnostic", "Diagnostic"),
    ("plan-d-action", "Plan d'action"),
    ("animation-du-reseau", "Animation du réseau"),
    ("participation-des-habitants", "Participation des habitants"),
    ("evaluation", "Évaluation"),
]


def create_reference_taxonomy(apps, schema_editor):
    Dispositif = apps.get_model("knowledge", "Dispositif")
    Territory = apps.get_model("knowledge", "Territory")
    Audience = apps.get_model("knowledge", "Audience")
    ProjectStep = apps.get_model("knowledge", "ProjectStep")
    for slug, acronym, name in DISPOSITIFS:
        Dispositif.objects.get_or_create(slug=slug, defaults={"acronym": acronym, "name": name})
    for code, slug, name in TERRITORIES:
        Territory.objects.get_or_create(slug=slug, defaults={"code": code, "name": name})
    for slug, name in AUDIENCES:
        Audience.objects.get_or_create(slug=slug, defaults={"name": name})
    for order, (slug, name) in enumerate(PROJECT_STEPS, start=1):
        ProjectStep.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_reference_taxonomy, migrations.RunPython.noop)]
