"""Dispositif names in sentence case, as the glossary writes them (« Conseil local de santé
mentale »): the seed of 0002 had Title Case. Names an editor has changed since are left alone."""

from django.db import migrations

RENAMES = {
    "asv": ("Atelier Santé Ville", "Atelier santé ville"),
    "cls": ("Contrat Local de Santé", "Contrat local de santé"),
    "clsm": ("Conseil Local de Santé Mentale", "Conseil local de santé mentale"),
}


def rename(apps, schema_editor, backwards=False):
    Dispositif = apps.get_model("knowledge", "Dispositif")
    for slug, (seeded, sentence) in RENAMES.items():
        old, new = (sentence, seeded) if backwards else (seeded, sentence)
        Dispositif.objects.filter(slug=slug, name=old).update(name=new)


def unrename(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0006_referent_update_notes")]

    operations = [migrations.RunPython(rename, unrename)]
