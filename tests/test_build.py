"""``briefgen build``: incremental, parallel, reproducible, and failing one brief at a time."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.build import usable_cores

from conftest import ROOT, run_cli

SLUG = "narcotrafic-diplomatie"


def _outputs(ws: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted((ws / "out").iterdir()) if p.is_file() and p.name[0] != "."
    }


def test_build_makes_pdf_and_epub_then_is_up_to_date(workspace: Path) -> None:
    first = run_cli("-C", str(workspace), "build")
    assert first.returncode == 0, first.stderr
    assert sorted(_outputs(workspace)) == [f"{SLUG}.en.epub", f"{SLUG}.en.pdf"]
    assert "1 built, 0 up to date, 0 failed" in first.stderr
    before = {p: p.stat().st_mtime_ns for p in (workspace / "out").iterdir()}

    second = run_cli("-C", str(workspace), "build")
    assert second.returncode == 0
    assert f"{SLUG}.en: up to date" in second.stderr
    assert "0 built, 1 up to date" in second.stderr
    assert {p: p.stat().st_mtime_ns for p in (workspace / "out").iterdir()} == before


def test_touching_without_change_stays_up_to_date_but_an_edit_rebuilds(workspace: Path) -> None:
    assert run_cli("-C", str(workspace), "build", "-f", "html").returncode == 0
    catalog = workspace / "translations" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    os.utime(catalog)
    assert "0 built, 1 up to date" in run_cli("-C", str(workspace), "build", "-f", "html").stderr
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("On Saturday", "On Saturday,"), encoding="utf-8"
    )
    rebuilt = run_cli("-C", str(workspace), "build", "-f", "html")
    assert "1 built, 0 up to date" in rebuilt.stderr
    assert "On Saturday," in (workspace / "out" / f"{SLUG}.en.html").read_text(encoding="utf-8")
    layout = workspace / "layouts" / "page.css"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert "1 built" in run_cli("-C", str(workspace), "build", "-f", "html").stderr
    assert "1 built" in run_cli("-C", str(workspace), "build", "-f", "html", "--force").stderr


def test_settings_and_every_layout_catalog_are_inputs_but_pyproject_comments_are_not(workspace: Path) -> None:
    def build_html() -> str:
        result = run_cli("-C", str(workspace), "build", "-f", "html")
        assert result.returncode == 0, result.stderr
        return result.stderr

    source = workspace / "sources" / f"{SLUG}.md"
    # A source in German (its own `lang:`): its layout strings come from de/layouts.po.
    source.write_text(source.read_text(encoding="utf-8").replace("lang: fr", "lang: de"), encoding="utf-8")
    assert "1 built" in build_html()
    pyproject = workspace / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert "0 built, 1 up to date" in build_html()
    german = workspace / "translations" / "de" / "LC_MESSAGES" / "layouts.po"
    german.parent.mkdir(parents=True)
    french = workspace / "translations" / "fr" / "LC_MESSAGES" / "layouts.po"
    german.write_text(
        french.read_text(encoding="utf-8").replace("Language: fr", "Language: de"), encoding="utf-8"
    )
    assert "1 built" in build_html()
    assert "0 built, 1 up to date" in build_html()
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace('formats = ["pdf", "epub"]', 'formats = ["epub", "pdf"]'), encoding="utf-8"
    )
    assert text != pyproject.read_text(encoding="utf-8")
    assert "1 built" in build_html()


def test_two_builds_are_byte_identical_in_any_time_zone(workspace: Path, tmp_path: Path) -> None:
    other = shutil.copytree(workspace, tmp_path / "other")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    one = run_cli("-C", str(workspace), "build", "-f", "pdf", "-f", "epub", env={**env, "TZ": "UTC"})
    two = run_cli("-C", str(other), "build", "-f", "pdf", "-f", "epub", env={**env, "TZ": "Pacific/Auckland"})
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    first, second = _outputs(workspace), _outputs(other)
    assert sorted(first) == [f"{SLUG}.en.epub", f"{SLUG}.en.pdf"]
    assert first == second


def _many(workspace: Path, count: int) -> None:
    """``count`` briefs: the seed under other names, sharing its catalog text."""
    src = workspace / "sources" / f"{SLUG}.md"
    po = workspace / "translations" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    for index in range(1, count):
        shutil.copy(src, workspace / "sources" / f"brief-{index:02d}.md")
        text = po.read_text(encoding="utf-8").replace(f"sources/{SLUG}.md", f"sources/brief-{index:02d}.md")
        po.with_name(f"brief-{index:02d}.po").write_text(text, encoding="utf-8")


def test_parallel_output_is_the_same_as_serial(workspace: Path, tmp_path: Path) -> None:
    _many(workspace, 3)
    other = shutil.copytree(workspace, tmp_path / "other")
    formats = ("-f", "pdf", "-f", "epub", "-f", "html")
    serial = run_cli("-C", str(workspace), "build", "-j", "1", *formats)
    parallel = run_cli("-C", str(other), "build", "-j", "2", *formats)  # contexts read by the helper
    assert serial.returncode == parallel.returncode == 0, serial.stderr + parallel.stderr
    assert "3 built" in parallel.stderr
    assert _outputs(workspace) == _outputs(other)
    assert len(_outputs(workspace)) == 9


def test_one_broken_brief_does_not_stop_the_others(workspace: Path) -> None:
    """Issue 6's case: one broken brief among twenty."""
    _many(workspace, 20)
    broken = workspace / "sources" / "brief-02.md"
    broken.write_text("---\ntitle: [oops\ndate: 2025-11-08\n---\n\nTexte.\n", encoding="utf-8")
    result = run_cli("-C", str(workspace), "build", "-j", "2", "-f", "html")
    assert result.returncode == 1
    assert "19 built, 0 up to date, 1 failed" in result.stderr
    assert len(list((workspace / "out").glob("*.en.html"))) == 19
    assert "sources/brief-02.md:3: front matter is not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (workspace / "out" / "brief-02.en.html").exists()
    assert (workspace / "out" / "brief-03.en.html").is_file()


def test_strict_refuses_untranslated_messages(workspace: Path) -> None:
    catalog = workspace / "translations" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "diplomacy"', 'msgstr ""'), encoding="utf-8")
    lenient = run_cli("-C", str(workspace), "build", "-f", "html")
    assert lenient.returncode == 0
    # The msgstr line (the one to fill in), and no advice to drop a --strict that was not given.
    assert f"warning: translations/en/LC_MESSAGES/{SLUG}.po:41: 1 untranslated and 0 fuzzy" in lenient.stderr
    assert "--strict" not in lenient.stderr
    strict = run_cli("-C", str(workspace), "build", "-f", "pdf", "--strict", "--force")
    assert strict.returncode == 1
    assert f"translations/en/LC_MESSAGES/{SLUG}.po" in strict.stderr
    assert "or build without --strict" in strict.stderr
    assert not (workspace / "out" / f"{SLUG}.en.pdf").exists()


def test_a_changed_figure_is_a_warning_and_strict_refuses_it(workspace: Path) -> None:
    """The summary box shows the source's figures: a body that says otherwise is not built silently."""
    catalog = workspace / "translations" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    text = catalog.read_text(encoding="utf-8")
    assert text.count("rise by 20%") == 1
    catalog.write_text(text.replace("rise by 20%", "rise by 25%"), encoding="utf-8")
    rows = catalog.read_text(encoding="utf-8").splitlines()
    changed = next(n for n, row in enumerate(rows) if "rise by 25%" in row)
    line = max(n for n, row in enumerate(rows[: changed + 1], 1) if row.startswith("msgstr "))  # its msgstr
    lenient = run_cli("-C", str(workspace), "build", "-f", "html")
    assert lenient.returncode == 0, lenient.stderr
    warnings = [row for row in lenient.stderr.splitlines() if row.startswith("warning:")]
    assert warnings == [
        f"warning: translations/en/LC_MESSAGES/{SLUG}.po:{line}: '20 %' became '25%'; "
        "give the translation the source's figures"
    ]
    page = (workspace / "out" / f"{SLUG}.en.html").read_text(encoding="utf-8")
    marker = (
        '<span class="marker figures-changed" lang="en" title="&#39;20 %&#39; became &#39;25%&#39;">'
        "[Figures changed]</span>"
    )
    assert page.count(marker) == 1  # the translator sees it in the page (and the preview) too
    strict = run_cli("-C", str(workspace), "build", "-f", "pdf", "--strict")
    assert strict.returncode == 1
    assert f"translations/en/LC_MESSAGES/{SLUG}.po:{line}: '20 %' became '25%'" in strict.stderr
    assert "warning(s) and --strict" not in strict.stderr  # the failure is said once
    assert not (workspace / "out" / f"{SLUG}.en.pdf").exists()
    check = run_cli("-C", str(workspace), "check")
    assert f"{SLUG}.po:{line}: error: [figures] '20 %' became '25%'" in check.stdout  # the same finding


def test_figures_in_words_are_checked_in_german(workspace: Path) -> None:
    """German "verdreifacht" for French "triplés": the German profile reads both as x3."""
    from briefgen.catalogs.pofile import read_po_file, write_po_file

    settings = workspace / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('["en"]', '["de"]'), encoding="utf-8")
    assert run_cli("-C", str(workspace), "init", "--lang", "de").returncode == 0
    catalog_path = workspace / "translations" / "de" / "LC_MESSAGES" / f"{SLUG}.po"

    def build_with(multiplier: str) -> str:
        catalog = read_po_file(catalog_path)
        for message in catalog.messages:
            if "triplés" in message.msgid:
                message.msgstr = f"Das Personal wird um 20 % aufgestockt, die Einsatzmittel {multiplier}."
        write_po_file(catalog, catalog_path)
        result = run_cli("-C", str(workspace), "build", "-f", "html")
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "figure" not in build_with("verdreifacht")
    assert "verdreifacht" in (workspace / "out" / f"{SLUG}.de.html").read_text(encoding="utf-8")
    assert "'triplés' became 'verdoppelt'" in build_with("verdoppelt")


def test_unwritable_out_is_a_clear_error(workspace: Path) -> None:
    (workspace / "out").chmod(0o500)
    result = run_cli("-C", str(workspace), "build", "-f", "html", as_a_user=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "cannot write" in result.stderr and "permission denied" in result.stderr.lower()
    assert not list((workspace / "out").iterdir())


@pytest.mark.parametrize(
    "args, message",
    [
        (("build", "no-such-brief"), "sources/no-such-brief.md: error: no such source"),
        (("build", "--lang", "zz-nope"), "unknown language code 'zz-nope'"),
    ],
)
def test_bad_build_requests(workspace: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli("-C", str(workspace), *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_usage_exits_2(workspace: Path) -> None:
    assert run_cli("-C", str(workspace), "build", "--format", "docx").returncode == 2


def test_shell_completion_offers_the_workspace_slugs(workspace: Path) -> None:
    _many(workspace, 3)
    env = {
        **os.environ,
        "_BRIEFGEN_COMPLETE": "bash_complete",
        "COMP_WORDS": f"briefgen -C {workspace} build brief-",
        "COMP_CWORD": "4",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from briefgen.cli import main; main(prog_name='briefgen')"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == ["plain,brief-01", "plain,brief-02"], done.stderr


def test_a_catalog_of_another_source_is_refused(workspace: Path) -> None:
    po = workspace / "translations" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    shutil.copy(workspace / "sources" / f"{SLUG}.md", workspace / "sources" / "copie.md")
    shutil.copy(po, po.with_name("copie.po"))
    result = run_cli("-C", str(workspace), "build", "copie", "-f", "html")
    assert result.returncode == 1
    assert (
        f"translations/en/LC_MESSAGES/copie.po: this catalog translates sources/{SLUG}.md, "
        "not sources/copie.md"
    ) in result.stderr
    fixed = run_cli("-C", str(workspace), "update")
    assert fixed.returncode == 0, fixed.stderr
    assert run_cli("-C", str(workspace), "build", "copie", "-f", "html").returncode == 0


@pytest.mark.parametrize(
    ("cpu_max", "expected"),
    [
        (None, 8),  # no cgroup v2 controller: CPU affinity alone
        ("max 100000\n", 8),  # no quota
        ("100000 100000\n", 1),
        ("150000 100000\n", 2),  # 1.5 cores of time: rounded up
        ("50000 100000\n", 1),  # never 0
        ("1600000 100000\n", 8),  # a quota above the cores allowed: the cores
        ("garbage\n", 8),  # a format this does not know: ignored
        ("v1 100000 100000", 1),  # cgroup v1: cpu/cpu.cfs_quota_us and cpu.cfs_period_us
        ("v1 250000 100000", 3),
        ("v1 -1 100000", 8),  # v1 without quota
    ],
)
def test_default_jobs_follow_affinity_and_cgroup_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpu_max: str | None, expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)))  # 8 cores allowed
    if cpu_max is not None and cpu_max.startswith("v1 "):
        _, quota, period = cpu_max.split()
        (tmp_path / "cpu").mkdir()
        (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(quota + "\n")
        (tmp_path / "cpu" / "cpu.cfs_period_us").write_text(period + "\n")
    elif cpu_max is not None:
        (tmp_path / "cpu.max").write_text(cpu_max)
    assert usable_cores(tmp_path) == expected


def test_default_jobs_respect_a_narrower_cpu_affinity(tmp_path: Path) -> None:
    code = (
        "import os, sys; from pathlib import Path; from briefgen.build import usable_cores; "
        "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); print(usable_cores(Path(sys.argv[1])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "1"


def test_a_parallel_build_reports_what_a_serial_one_does(workspace: Path) -> None:
    """The warnings of each brief, in order, and a brief that cannot be read fails alone, named with
    its file and line, whatever process read it."""
    _many(workspace, 4)
    po = workspace / "translations" / "en" / "LC_MESSAGES" / "brief-03.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "diplomacy"', 'msgstr ""'), encoding="utf-8")
    (workspace / "sources" / "brief-02.md").write_text("---\ntitle: [oops\n---\n\nTexte.\n", encoding="utf-8")
    runs = {
        jobs: run_cli("-C", str(workspace), "build", "-j", jobs, "-f", "html", "--force")
        for jobs in ("2", "1")
    }
    for result in runs.values():
        assert result.returncode == 1
        assert "3 built, 0 up to date, 1 failed" in result.stderr
        assert "Traceback" not in result.stderr
    logged = [row for row in runs["2"].stderr.splitlines() if row.startswith(("warning:", "error:"))]
    assert logged == [row for row in runs["1"].stderr.splitlines() if row.startswith(("warning:", "error:"))]
    assert logged == [
        "error: sources/brief-02.md:2: front matter is not valid YAML "
        "(expected ',' or ']', but got '<stream end>'); fix the syntax",
        "warning: translations/en/LC_MESSAGES/brief-03.po:41: 1 untranslated and 0 fuzzy message(s) "
        "(92\xa0% translated); translate them (the outputs are marked as a draft until then)",
    ]
    assert not (workspace / "out" / "brief-02.en.html").exists()
    assert (workspace / "out" / "brief-03.en.html").is_file()


#: The build as a user runs it, with an audit hook (sys.addaudithook, Python's public API for
#: watching what a process does) that plays the OOM killer: a process other than the build's
#: own that opens brief-02's catalog (its worker, reading it) is killed there with SIGKILL.
KILL_BRIEF_02_WORKER = """
import os, signal, sys
build = os.getpid()
def hook(event, args):
    if event == "open" and str(args[0]).endswith("brief-02.po") and os.getpid() != build:
        os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(hook)
from briefgen.cli import main
sys.exit(main(sys.argv[1:], prog_name="briefgen"))
"""


def test_a_worker_killed_by_the_system_fails_its_brief_alone(workspace: Path) -> None:
    """The OOM killer or a stray kill -9: that brief is named, nothing half-written, the others built."""
    _many(workspace, 3)
    done = subprocess.run(
        [sys.executable, "-c", KILL_BRIEF_02_WORKER, "build", "-j", "2", "-f", "html", "--force"],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    stderr = done.stderr
    assert done.returncode == 1, stderr
    assert "2 built, 0 up to date, 1 failed" in stderr
    assert (
        "error: sources/brief-02.md: the build process was killed (SIGKILL, out of memory?); "
        "nothing was written for it; build it again"
    ) in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in (workspace / "out").iterdir() if p.name != ".state") == [
        "brief-01.en.html",
        f"{SLUG}.en.html",
    ]


def test_ctrl_c_stops_a_parallel_build_quietly_and_leaves_only_whole_files(workspace: Path) -> None:
    """Ctrl-C reaches the whole process group: the parent says so once; no child prints a traceback."""
    _many(workspace, 8)
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", "-j", "2"],
        cwd=workspace,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal's foreground job
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # children are rendering once the first brief is built
    assert first.endswith(": built\n"), first
    os.killpg(proc.pid, signal.SIGINT)
    rest = proc.stderr.read()
    lines = (first + rest).splitlines()
    assert proc.wait(timeout=60) == 130, lines
    assert lines[-1] == "interrupted; nothing half-written was left behind"
    assert all(line.endswith(": built") for line in lines[:-1]), lines
    assert len(lines) - 1 < 8  # it stopped before the end
    out = workspace / "out"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".state"]  # no staging folder
    for pdf in out.glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_source_without_a_catalog_is_built_from_its_text_with_one_warning(workspace: Path) -> None:
    assert run_cli("-C", str(workspace), "add", "nouveau", "--title", "Un titre").returncode == 0
    result = run_cli("-C", str(workspace), "build", "-f", "html", "nouveau")
    assert result.returncode == 0, result.stderr
    warnings = [row for row in result.stderr.splitlines() if row.startswith("warning:")]
    assert warnings == [
        "warning: translations/en/LC_MESSAGES/nouveau.po: no en catalog; run 'briefgen init --lang en' "
        "(the source text is shown instead)"
    ]
    assert "Un titre" in (workspace / "out" / "nouveau.en.html").read_text(encoding="utf-8")
    strict = run_cli("-C", str(workspace), "build", "-f", "html", "--strict", "--force", "nouveau")
    assert strict.returncode == 1
    assert "error: " in strict.stderr and "nouveau.po: no en catalog" in strict.stderr


def test_the_next_build_removes_what_a_killed_build_left(workspace: Path) -> None:
    """kill -9 (or the OOM killer) stops a build mid-brief: the next build tidies out/ up.

    The killed process stages brief-02 as a build does (a staging folder holding a file, then a
    temporary file beside the output) and is killed right after."""
    _many(workspace, 4)
    out = workspace / "out"
    stage = (
        "import os, signal, sys, tempfile\n"
        "from briefgen.fsutil import temporary_prefix\n"
        "out = sys.argv[1]\n"
        "os.makedirs(out, exist_ok=True)\n"
        "staging = tempfile.mkdtemp(prefix=temporary_prefix('brief-02.en'), suffix='.staging', dir=out)\n"
        "open(os.path.join(staging, 'brief-02.en.html'), 'w').write('<html>half')\n"
        "tempfile.mkstemp(prefix=temporary_prefix('brief-02.en.pdf'), suffix='.tmp', dir=out)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", stage, str(out)],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert killed.returncode == -signal.SIGKILL
    left = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert len(left) == 2, left

    rebuilt = run_cli("-C", str(workspace), "build", "-f", "html")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "out: removed 2 temporary file(s) of a build that was killed" in rebuilt.stderr
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".state"]
    assert len(list(out.glob("*.en.html"))) == 4


def test_temporary_names_of_running_processes_and_other_machines_are_kept(tmp_path: Path) -> None:
    from briefgen.fsutil import remove_abandoned, temporary_prefix

    ended = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True, check=True)
    dead = int(ended.stdout)
    host = os.uname().nodename
    names = {
        f".a.pdf.{dead}@{host}.abcd1234.tmp": False,  # its process ended: removed
        f".a.en.{dead}@{host}.abcd_123.staging": False,
        f"{temporary_prefix('a.pdf')}abcd1234.tmp": True,  # this process's
        f".a.pdf.{dead}@other.example.org.abcd1234.tmp": True,  # another machine's (a shared disk)
        ".a.pdf.abcd1234.tmp": True,  # not a name briefgen makes
        "a.pdf": True,
    }
    for name in names:
        if name.endswith(".staging"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "a.pdf").write_bytes(b"%PDF")
        else:
            (tmp_path / name).write_bytes(b"")
    removed = remove_abandoned(tmp_path)
    assert sorted(p.name for p in removed) == sorted(name for name, kept in names.items() if not kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, kept in names.items() if kept)
    assert remove_abandoned(tmp_path / "missing") == []
