"""The base of the project's management commands."""

from django.core.management.base import BaseCommand, DjangoHelpFormatter


class FrenchHelpFormatter(DjangoHelpFormatter):
    """Formats help texts given as lazy translations (argparse expects plain strings)."""

    def _split_lines(self, text, width):
        return super()._split_lines(str(text), width)

    def _fill_text(self, text, width, indent):
        return super()._fill_text(str(text), width, indent)


class BoussoleCommand(BaseCommand):
    """A command whose ``help`` and argument helps are French, translated when shown:
    ``manage.py help <command>`` and ``--help`` format them like any text."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)
