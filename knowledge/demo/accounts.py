"""Demo accounts, one per role, for trying the editorial workflow locally (`make run`).

Created only where settings.BOUSSOLE_DEMO_ACCOUNTS is True (cms/settings/dev.py): never in
production. Each password is random, printed once when the account is created and appended to
settings.BOUSSOLE_DEMO_ACCOUNTS_FILE (var/demo-accounts.txt, git-ignored, readable only by its
owner). Existing accounts are left alone: their password is never reset or printed again.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from knowledge.workflows import ADMINISTRATORS_GROUP, DRAFTERS_GROUP, MODERATORS_GROUP

# (username, first name, last name, group or None for the superuser)
DEMO_ACCOUNTS = [
    ("redactrice", "Camille", "Rédactrice", DRAFTERS_GROUP),
    ("relecteur", "Karim", "Relecteur", DRAFTERS_GROUP),
    ("moderatrice", "Sophie", "Modératrice", MODERATORS_GROUP),
    ("administratrice", "Nadia", "Administratrice", ADMINISTRATORS_GROUP),
    ("admin", "Super", "Administrateur", None),
]


def accounts_file():
    default = Path(settings.BASE_DIR) / "var" / "demo-accounts.txt"
    return Path(getattr(settings, "BOUSSOLE_DEMO_ACCOUNTS_FILE", default))


def _record(lines):
    path = accounts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(f"{line}\n" for line in lines)
    path.chmod(0o600)


def ensure_demo_accounts(stdout=None):
    """Create the missing demo accounts; return {username: password} for those just created."""
    write = stdout.write if stdout is not None else (lambda message: None)
    if not getattr(settings, "BOUSSOLE_DEMO_ACCOUNTS", False):
        write(_("Comptes de démonstration : désactivés dans cette configuration."))
        return {}

    User = get_user_model()
    created = {}
    lines = []
    for username, first_name, last_name, group_name in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                email=f"{username}@example.org",
                password=password,
                first_name=first_name,
                last_name=last_name,
                is_staff=group_name is None,
                is_superuser=group_name is None,
            )
            created[username] = password
            role = group_name or _("superutilisateur")
            lines.append(f"{username}\t{password}\t{role}")
            write(
                _("  + compte « %(username)s » (%(role)s), mot de passe : %(password)s")
                % {"username": username, "role": role, "password": password}
            )
        if group_name:
            # Idempotent: the role is restored if someone removed it, nothing else changes.
            user.groups.add(Group.objects.get(name=group_name))

    if lines:
        _record(lines)
        write(
            _(
                "Comptes de démonstration : %(created)d créés. Les mots de passe ne seront plus "
                "affichés ; ils sont aussi dans %(path)s."
            )
            % {"created": len(lines), "path": accounts_file()}
        )
    else:
        write(
            _("Comptes de démonstration : déjà présents (mots de passe dans %(path)s).")
            % {"path": accounts_file()}
        )
    return created
