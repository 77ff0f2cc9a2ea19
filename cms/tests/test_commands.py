"""Every command of the project answers ``manage.py help <command>`` with its French help (its
texts are lazy translations, which argparse cannot format by itself)."""

import pytest
from django.core.management import get_commands, load_command_class

from cms.commands import BoussoleCommand

PROJECT_APPS = ("feedback", "home", "knowledge", "parcours", "search", "api", "cms")


def project_commands():
    return sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_commands():
    assert {"boussole_search_index", "load_demo_content", "boussole_export"} <= set(
        project_commands()
    )


@pytest.mark.parametrize("name", project_commands())
def test_help_is_shown_in_french(name, capsys):
    command = load_command_class(get_commands()[name], name)
    assert isinstance(command, BoussoleCommand)
    command.print_help("manage.py", name)
    shown = capsys.readouterr().out
    assert f"manage.py {name}" in shown
    assert str(command.help).split()[0] in shown  # the command's own French description
