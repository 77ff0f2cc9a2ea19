"""The working group and the moderators handle reader feedback in the admin inbox; moderators
may also delete it (spam). Nobody gets « add »: feedback comes from readers only."""

from django.db import migrations

DRAFTERS_GROUP = "Groupe de travail"  # knowledge.workflows, frozen here as migrations must be
MODERATORS_GROUP = "Modération"
GRANTS = {
    DRAFTERS_GROUP: ["change_feedback"],
    MODERATORS_GROUP: ["change_feedback", "delete_feedback"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="feedback", model="feedback")
    names = {"change_feedback": "Can change retour de lecteur", "delete_feedback": "Can delete retour de lecteur"}
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": names[codename]}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="feedback", codename__in=GRANTS[group.name])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("knowledge", "0004_roles_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
