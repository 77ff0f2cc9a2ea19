"""A small progress bar for the transfer commands: redrawn in place on a terminal, one line
every tenth of the way elsewhere (logs, CI).

The transfer code only calls ``progress(label, done, total)``; the command decides whether it
is shown (``--verbosity 0`` hides it), so the logic stays silent in tests and scripts.
"""

from django.utils.translation import gettext as _

BAR_WIDTH = 30


def no_progress(label, done, total):
    """The default callback: nothing is shown."""


class ProgressBar:
    """``ProgressBar(stream)(label, done, total)``; ``stream`` is a command's ``self.stdout``."""

    def __init__(self, stream, enabled=True):
        self.stream, self.enabled = stream, enabled
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._last = {}

    def __call__(self, label, done, total):
        if not self.enabled or total <= 0:
            return
        ratio = min(1.0, done / total)
        if self.tty:
            filled = int(ratio * BAR_WIDTH)
            bar = "█" * filled + "░" * (BAR_WIDTH - filled)
            self.stream.write(f"\r  {label} {bar} {ratio:4.0%} ({done}/{total})", ending="")
            if done >= total:
                self.stream.write("")
            self.stream.flush()
            return
        tenth = int(ratio * 10)
        if self._last.get(label) != tenth:
            self._last[label] = tenth
            self.stream.write(
                _("  %(label)s : %(done)d/%(total)d (%(percent)d %%)")
                % {"label": label, "done": done, "total": total, "percent": ratio * 100}
            )
