"""A request is saved whole or not at all, also when its worker dies, and concurrent publishes
on the embedded SQLite database all succeed. Real processes on a real database file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from knowledge.factories import PracticeSheetPageFactory

BASE_DIR = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("probes") / "publish_probe.py"
KILLS = 20
CONCURRENT = 20


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("BOUSSOLE_SEARCH")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{var / 'probe.sqlite3'}",
        "BOUSSOLE_VAR_DIR": str(var),
        "PYTHONPATH": str(BASE_DIR),  # the probe runs as a script, from its own folder
    }

    def run(*args, check=True):
        return subprocess.run(
            [sys.executable, str(PROBE), *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=check,
        )

    run("setup")
    run.env = env
    return run


def _check(probe):
    return subprocess.run(
        [sys.executable, "manage.py", "boussole_check"],
        cwd=BASE_DIR,
        env=probe.env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_worker_killed_mid_publish_leaves_nothing_half_saved(probe):
    done = probe("kills", str(KILLS))
    assert done.stdout.split() == ["-9"] * KILLS, done.stderr[-2000:]  # each killed as planned
    report = _check(probe)
    assert report.returncode == 0, report.stdout + report.stderr
    assert "Contenus et index cohérents." in report.stdout


def test_twenty_concurrent_publishes_on_sqlite_all_succeed(probe):
    done = probe("concurrent", str(CONCURRENT))
    assert done.stdout.split() == ["302"] * CONCURRENT, done.stderr[-2000:]
    report = _check(probe)
    assert report.returncode == 0, report.stdout + report.stderr


@pytest.mark.django_db
def test_boussole_check_reports_a_live_page_without_revision(capsys):
    PracticeSheetPageFactory(title="Sans révision")  # factories publish without a revision
    with pytest.raises(Exception, match="incohérence"):
        call_command("boussole_check")
    assert "Sans révision" in capsys.readouterr().out
