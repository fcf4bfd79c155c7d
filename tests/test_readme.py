"""Every command the README gives (its sh blocks and inline commands) and the demo console prints still exists
and takes the options written next to it: Django commands are parsed by their own parsers, make targets
dry-run (``make -n``), the benchmarks' options are in their --help, and the deploy files named are there."""

from __future__ import annotations

import glob
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class

ROOT = Path(settings.BASE_DIR)
README = ROOT / "README.md"
# Programs of the system (PostgreSQL's client, the shell), not of this project: the README may name them.
EXTERNAL = ("createdb ", "sudo -u postgres ", "cd ", "export ")
CRON_SCHEDULE = re.compile(r"^(?:[\d*/,-]+ ){5}")
ENVIRONMENT = re.compile(r"^(?:[A-Z_]+=\S* )+")


def _readme_commands() -> list[str]:
    text = README.read_text()
    lines = []
    for block in re.findall(r"^ *```sh\n(.*?)^ *```", text, flags=re.S | re.M):
        lines += re.sub(r"\\\n\s*", " ", block).splitlines()  # a command continued on the next line
    prose = re.sub(r"^ *```.*?^ *```", "", text, flags=re.S | re.M)
    lines += [
        span for span in re.findall(r"`([^`\n]+)`", prose) if span.startswith("make ") or "manage.py " in span
    ]
    commands = []
    for line in lines:
        line = re.sub(r"(^|\s)#.*$", "", line).strip()  # a comment, not a URL's %40 or a fragment
        if not line or re.fullmatch(r"[A-Z_]+=\S*", line):  # an environment file's line
            continue
        for part in re.split(r"\s*(?:&&|;)\s*", CRON_SCHEDULE.sub("", line)):
            part = ENVIRONMENT.sub("", part)
            if part and not part.startswith(EXTERNAL) and part not in commands:
                commands.append(part)
    return commands


def _console_commands() -> list[str]:
    printed = ""
    for _ in range(2):  # first the new login with its password, then "already exists"
        out = io.StringIO()
        call_command("demo_setup", stdout=out)
        printed += out.getvalue()
    return [
        ENVIRONMENT.sub("", command)
        for command in re.findall(r"(?:DEBUG=1 )?\.venv/bin/python manage\.py [\w ]+", printed)
    ]


def _check(command: str) -> None:
    words = shlex.split(command)
    if words[0] == "make":
        dry_run = subprocess.run(["make", "-n", *words[1:]], cwd=ROOT, capture_output=True, text=True)
        assert dry_run.returncode == 0, dry_run.stderr
    elif "manage.py" in words[:2]:
        # Pasted as written it must run with the project's own Python (a bare "python" has no Django).
        assert words[0] in (".venv/bin/python", "manage.py"), (
            f"{command}: run it as .venv/bin/python manage.py"
        )
        name, *arguments = words[words.index("manage.py") + 1 :]
        assert name in get_commands(), f"no command {name!r}"
        parser = load_command_class(get_commands()[name], name).create_parser("manage.py", name)
        parser.parse_args(arguments)  # a CommandError for an option the command does not take
    elif words[0] == ".venv/bin/python" and words[1].startswith("bench/"):
        usage = subprocess.run([sys.executable, words[1], "--help"], cwd=ROOT, capture_output=True, text=True)
        assert usage.returncode == 0, usage.stderr
        options = [word for word in words[2:] if word.startswith("--")]
        assert [option for option in options if option not in usage.stdout] == []
    elif words[0].startswith("deploy/"):
        assert (ROOT / words[0]).is_file(), f"no {words[0]}"
    elif words[:2] == ["sudo", "cp"]:
        assert [pattern for pattern in words[2:-1] if not glob.glob(str(ROOT / pattern))] == []
    elif words[:4] == ["sudo", "systemctl", "enable", "--now"]:
        missing = [
            unit
            for unit in words[4:]
            if not any((ROOT / "deploy" / name).is_file() for name in (unit, f"{unit}.service"))
        ]
        assert missing == []
    else:
        pytest.fail(f"the README gives a command this test does not know how to check: {command}")


def test_the_readme_gives_commands_to_check():
    assert len(_readme_commands()) >= 10


def _readme_environment() -> dict[str, str]:
    """The production environment the README's configuration section gives."""
    return dict(re.findall(r"^([A-Z_]+)=(\S*)$", README.read_text(), flags=re.M))


@pytest.mark.parametrize("command", _readme_commands())
def test_a_readme_command_still_works(command, settings):
    # With the README's production task queue (manage.py db_worker runs only on a database backend).
    settings.TASKS = {"default": {"BACKEND": _readme_environment()["TASKS_BACKEND"]}}

    _check(command)


@pytest.mark.django_db
def test_every_command_the_demo_console_prints_still_works():
    commands = _console_commands()

    assert commands == [".venv/bin/python manage.py changepassword organisers"] * 2
    for command in commands:
        _check(command)


def test_the_readme_python_is_the_makefiles_virtual_environment():
    assert re.search(r"^VENV := \.venv$", (ROOT / "Makefile").read_text(), flags=re.M)
