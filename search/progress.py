"""A progress bar for long management commands: redrawn in place on a terminal, a line every
tenth of the way elsewhere (logs, CI)."""

from django.utils.translation import gettext as _

BAR_WIDTH = 30


class ProgressBar:
    def __init__(self, stream, label, enabled=True):
        self.stream, self.label, self.enabled = stream, label, enabled
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._last_tenth = -1

    def __call__(self, done, total):
        if not self.enabled or total <= 0:
            return
        ratio = min(1.0, done / total)
        if self.tty:
            filled = int(ratio * BAR_WIDTH)
            bar = "█" * filled + "░" * (BAR_WIDTH - filled)
            self.stream.write(f"\r  {self.label} {bar} {ratio:4.0%} ({done}/{total})", ending="")
            if done >= total:
                self.stream.write("")
            self.stream.flush()
            return
        tenth = int(ratio * 10)
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(
                _("  %(label)s : %(done)d/%(total)d éléments indexés (%(percent)d %%)")
                % {"label": self.label, "done": done, "total": total, "percent": ratio * 100}
            )
