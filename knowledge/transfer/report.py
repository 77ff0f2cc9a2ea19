"""The French words for what a transfer wrote or read: ``describe(counts)``; the declared
models' rows are counted under their model label and named after the model."""

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

RECORDS = "records"
LABELS = {
    "pages": ngettext_lazy("%d page", "%d pages"),
    "revisions": ngettext_lazy("%d révision", "%d révisions"),
    "glossary": ngettext_lazy("%d terme du glossaire", "%d termes du glossaire"),
    "taxonomy": ngettext_lazy("%d terme de taxonomie", "%d termes de taxonomie"),
    "taxonomy_created": ngettext_lazy("%d terme de taxonomie créé", "%d termes de taxonomie créés"),
    "taxonomy_updated": ngettext_lazy(
        "%d terme de taxonomie mis à jour", "%d termes de taxonomie mis à jour"
    ),
    "collections": ngettext_lazy("%d collection", "%d collections"),
    "document": ngettext_lazy("%d document", "%d documents"),
    "image": ngettext_lazy("%d image", "%d images"),
    "view_restrictions": ngettext_lazy("%d restriction d'accès", "%d restrictions d'accès"),
    "redirects": ngettext_lazy("%d redirection", "%d redirections"),
    RECORDS: None,  # the declared models' rows, by model label, named after the model
    "users": ngettext_lazy("%d compte", "%d comptes"),
    "users_created": ngettext_lazy("%d compte créé", "%d comptes créés"),
    "users_existing": ngettext_lazy("%d compte déjà présent", "%d comptes déjà présents"),
    "groups": ngettext_lazy("%d groupe", "%d groupes"),
}
ALWAYS = ("pages", "revisions", "glossary", "document", "image")


def describe(counts):
    """« 48 pages, 95 révisions, … » in a fixed order; zero counts only for the main kinds."""
    parts = []
    for kind, label in LABELS.items():
        if kind == RECORDS:
            parts += [_record(key, n) for key, n in counts.items() if "." in key and n]
            continue
        number = counts.get(kind, 0)
        if number or kind in ALWAYS:
            parts.append(label % number)
    return ", ".join(parts)


def _record(label, number):
    try:
        meta = apps.get_model(label)._meta
    except LookupError:
        return f"{number} {label}"
    return _count(number, meta.verbose_name, meta.verbose_name_plural)


def _count(number, singular, plural):
    # French: 0 and 1 take the singular.
    return f"{number} {singular if number <= 1 else plural}"


def describe_created(result):
    """« 3 pages créées en brouillon (1 chapitre, 2 remontées de terrain), 0 erreur »."""
    total = sum(result.created.values())
    details = ", ".join(
        _count(
            result.created[key],
            import_type.model._meta.verbose_name,
            import_type.model._meta.verbose_name_plural,
        )
        for key, import_type in result.types.items()
        if result.created[key]
    )
    created = ngettext(
        "%(n)d page créée en brouillon", "%(n)d pages créées en brouillon", total
    ) % {"n": total}
    if details:
        created = f"{created} ({details})"
    return _("%(created)s, 0 erreur") % {"created": created}


def describe_errors(result):
    """« aucune page créée : 2 erreurs dans 2 fichiers sur 5 … »."""
    return ngettext(
        "Import Markdown : aucune page créée, %(errors)s dans %(files)s sur %(total)d. "
        "Rien n'a été importé : corrigez le fichier puis relancez.",
        "Import Markdown : aucune page créée, %(errors)s dans %(files)s sur %(total)d. "
        "Rien n'a été importé : corrigez les fichiers puis relancez.",
        result.files_with_errors,
    ) % {
        "errors": _count(len(result.errors), _("erreur"), _("erreurs")),
        "files": _count(result.files_with_errors, _("fichier"), _("fichiers")),
        "total": result.files,
    }
