"""Roles and the editorial workflow, created on every install (not only in the demo).

- « Groupe de travail » (drafters): add/change pages under the home page — never publish, so
  Wagtail refuses them publish, unpublish and deleting live pages; add/change glossary terms
  (no publish, no delete); documents and images in the root collection.
- « Modération »: the same plus publish, lock and unlock pages; publish, lock, unlock and delete
  glossary terms; delete documents and images.
- « Administration »: users, groups, taxonomy, sites, workflows and tasks, redirects, collections.
  No page permission: people who also write are added to one of the two other groups.
- Workflow « Relecture et validation »: « Relecture par un pair » (PeerReviewTask, groups
  Groupe de travail + Modération) then « Validation » (ValidationTask, group Modération),
  assigned to the home page (the whole Boussole tree) and to the glossary snippet.

Wagtail's own starter roles (« Editors », « Moderators ») and its default workflow would compete
with these: the workflow is deactivated and the groups removed when nobody belongs to them.
"""

from django.db import migrations

DRAFTERS = "Groupe de travail"
MODERATORS = "Modération"
ADMINISTRATORS = "Administration"
WORKFLOW = "Relecture et validation"
PEER_REVIEW = "Relecture par un pair"
VALIDATION = "Validation"

PAGE_PERMISSIONS = {
    DRAFTERS: ["add", "change"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
}
COLLECTION_PERMISSIONS = {
    DRAFTERS: [
        ("wagtaildocs", "document", ["add", "change", "choose"]),
        ("wagtailimages", "image", ["add", "change", "choose"]),
    ],
    MODERATORS: [
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
    ],
    ADMINISTRATORS: [
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
        ("wagtailcore", "collection", ["add", "change", "delete"]),
    ],
}
TAXONOMY = ["theme", "dispositif", "territory", "audience", "projectstep"]
CRUD = ["add", "change", "delete", "view"]
MODEL_PERMISSIONS = {
    DRAFTERS: [
        ("wagtailadmin", "admin", ["access"]),
        ("knowledge", "glossaryterm", ["add", "change", "view"]),
    ],
    MODERATORS: [
        ("wagtailadmin", "admin", ["access"]),
        (
            "knowledge",
            "glossaryterm",
            ["add", "change", "delete", "view", "publish", "lock", "unlock"],
        ),
    ],
    ADMINISTRATORS: [
        ("wagtailadmin", "admin", ["access"]),
        *[("knowledge", model, CRUD) for model in TAXONOMY],
        ("auth", "user", CRUD),
        ("auth", "group", CRUD),
        ("wagtailcore", "site", ["add", "change", "delete"]),
        ("wagtailcore", "workflow", ["add", "change", "delete"]),
        ("wagtailcore", "task", ["add", "change", "delete"]),
        ("wagtailredirects", "redirect", ["add", "change", "delete"]),
    ],
}


def _permission(apps, app_label, model, action):
    """Permissions may not exist yet on a fresh database (Django adds them after migrating)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = "access_admin" if (app_label, action) == ("wagtailadmin", "access") else f"{action}_{model}"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model}"[:255]},
    )
    return permission


def _home_page(apps):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        return Page.objects.get(pk=site.root_page_id)
    return Page.objects.filter(depth=2).order_by("path").first()


def create_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    PeerReviewTask = apps.get_model("knowledge", "PeerReviewTask")
    ValidationTask = apps.get_model("knowledge", "ValidationTask")

    home = _home_page(apps)
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (DRAFTERS, MODERATORS, ADMINISTRATORS)}

    for name, triples in MODEL_PERMISSIONS.items():
        for app_label, model, actions in triples:
            for action in actions:
                groups[name].permissions.add(_permission(apps, app_label, model, action))
    if home is not None:
        for name, actions in PAGE_PERMISSIONS.items():
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=home, permission=_permission(apps, "wagtailcore", "page", action)
                )
    if root_collection is not None:
        for name, triples in COLLECTION_PERMISSIONS.items():
            for app_label, model, actions in triples:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, action),
                    )

    def task(model, model_name, name, group_names):
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model=model_name)
        instance = model.objects.filter(name=name).first()
        if instance is None:
            instance = model.objects.create(name=name, content_type=content_type, active=True)
        instance.groups.set([groups[g] for g in group_names])
        return instance

    peer_review = task(PeerReviewTask, "peerreviewtask", PEER_REVIEW, [DRAFTERS, MODERATORS])
    validation = task(ValidationTask, "validationtask", VALIDATION, [MODERATORS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    for order, step in enumerate([peer_review, validation]):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=step, defaults={"sort_order": order})
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    glossary_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="glossaryterm")
    WorkflowContentType.objects.update_or_create(content_type=glossary_type, defaults={"workflow": workflow})

    # Wagtail's starter workflow and roles: out of the way, without touching anyone's account.
    for default in Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval"):
        WorkflowPage.objects.filter(workflow=default).delete()
        default.active = False
        default.save(update_fields=["active"])
    Task = apps.get_model("wagtailcore", "Task")
    Task.objects.filter(name="Moderators approval").update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


def remove_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name__in=[PEER_REVIEW, VALIDATION]).delete()
    Group.objects.filter(name__in=[DRAFTERS, MODERATORS, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_workflow_tasks"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow)]
