"""What ``boussole_export`` and ``boussole_import`` share: one archive argument, a progress bar
that ``--verbosity 0`` hides, transfer errors as command errors, then the warnings and one line
with what was written or read and how long it took."""

import time

from django.core.management.base import CommandError

from cms.commands import BoussoleCommand
from knowledge.transfer.errors import TransferError
from knowledge.transfer.progress import ProgressBar
from knowledge.transfer.report import describe


class ArchiveCommand(BoussoleCommand):
    """A subclass sets ``archive_help`` and its on/off options (``switches``: name → help), and
    calls :meth:`transfer` from ``handle``."""

    archive_help = None
    switches = {}

    def add_arguments(self, parser):
        parser.add_argument("archive", help=self.archive_help)
        for name, help_text in self.switches.items():
            parser.add_argument(name, action="store_true", help=help_text)

    def transfer(self, run, message, verbosity, **values):
        """``run(progress)`` does the work and returns a summary (``counts``, ``warnings``);
        ``message`` is formatted with ``values``, ``content`` (the counts in words) and
        ``seconds``."""
        started = time.monotonic()
        try:
            summary = run(ProgressBar(self.stdout, enabled=verbosity > 0))
        except TransferError as error:
            raise CommandError(str(error)) from error
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(warning))
        values.update(content=describe(summary.counts), seconds=time.monotonic() - started)
        self.stdout.write(self.style.SUCCESS(message % values))
        return summary
