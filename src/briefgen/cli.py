"""The ``briefgen`` command line: each command parses options, calls one library function, maps errors.

Exit status: 0 success, 1 a problem in the user's files (one line naming file
and line), 2 wrong usage. ``--debug`` shows tracebacks.

A command's own progress lines go to stderr (none with ``-q``); the commands
that run workspace code also show the library's log records there
(:mod:`briefgen.console`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, cast

import click

from . import languages, registry
from .errors import BriefgenError
from .version import __version__

__all__ = ["main"]


class _Group(click.Group):
    """Turns unexpected exceptions into one line unless ``--debug`` is given."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefgenError:
            if ctx.obj and ctx.obj.get("debug"):
                import traceback

                traceback.print_exc()
            raise
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `briefgen ... | head`: click's main() exits 1 quietly, as it should
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; nothing half-written was left behind", err=True)
            sys.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"error: internal error ({type(exc).__name__}: {exc}); "
                "run again with --debug and report the traceback",
                err=True,
            )
            sys.exit(1)


def _complete_slugs(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of a source's slug: the ``sources/*.md`` of the workspace (``-C`` honoured)."""
    folder = Path(ctx.find_root().params.get("directory") or ".") / "sources"
    return sorted(path.stem for path in folder.glob("*.md") if path.stem.startswith(incomplete))


def _workspace(ctx: click.Context) -> Any:
    """The workspace of ``-C`` (or the current folder), with the library's log records shown."""
    from .config import load_workspace
    from .console import show_library_logs

    show_library_logs(quiet=ctx.obj["quiet"], debug=ctx.obj["debug"])
    return load_workspace(ctx.obj["directory"])


def _say(ctx: click.Context, line: str) -> None:
    """A command's own progress line, on stderr unless ``-q``."""
    if not ctx.obj["quiet"]:
        click.echo(line, err=True)


def _fail_on_warnings(strict: bool) -> None:
    from .console import warnings_shown

    if strict and warnings_shown():
        raise BriefgenError(f"{warnings_shown()} warning(s) and --strict is set; fix them or drop --strict")


def _echo_json(data: Any) -> None:
    import json  # for the --format json of four commands; 1 ms of every command's start-up

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Run as if started in DIR (the workspace).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.pass_context
def main(ctx: click.Context, directory: Path | None, debug: bool, quiet: bool) -> None:
    """Bilingual briefs: French source, gettext catalogs, side-by-side PDF and EPUB."""
    ctx.ensure_object(dict)
    if directory is not None:
        # As git -C and make -C: path arguments are read from DIR, and messages name files
        # relative to it, errors and warnings alike. A DIR that is not a folder is reported
        # by the command (load_workspace), with the path as given.
        directory = Path(os.path.abspath(directory))
        if "" in sys.path:  # `python -c`: imports keep coming from where Python started, not from DIR
            sys.path[sys.path.index("")] = os.getcwd()
        with contextlib.suppress(OSError):
            os.chdir(directory)
    ctx.obj.update(directory=directory, debug=debug, quiet=quiet)


# -- catalogs -------------------------------------------------------------------------------------


@main.command()
@click.pass_context
def extract(ctx: click.Context) -> None:
    """Write translations/<slug>.pot for every source and translations/layouts.pot."""
    from .catalogs.workflow import extract_templates

    for line in extract_templates(_workspace(ctx)):
        _say(ctx, line)


@main.command()
@click.option("--lang", "-l", "langs", multiple=True, required=True, help="Language code, e.g. en.")
@click.option("--force", is_flag=True, help="Replace existing catalogs (their translations are lost).")
@click.pass_context
def init(ctx: click.Context, langs: tuple[str, ...], force: bool) -> None:
    """Start a translation: create translations/L/LC_MESSAGES/*.po from the templates."""
    from .catalogs.workflow import init_catalogs

    for line in init_catalogs(_workspace(ctx), langs, force=force):
        _say(ctx, line)


@main.command()
@click.option("--lang", "-l", "langs", multiple=True, help="Only these languages (default: all).")
@click.option(
    "--no-obsolete", is_flag=True, help="Drop messages that left the source instead of keeping them as #~."
)
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...], no_obsolete: bool) -> None:
    """Extract, then merge the templates into every catalog (like msgmerge --previous)."""
    from .catalogs.workflow import update_catalogs

    for line in update_catalogs(_workspace(ctx), langs or None, keep_obsolete=not no_obsolete):
        _say(ctx, line)


@main.command(name="compile")
@click.pass_context
def compile_(ctx: click.Context) -> None:
    """Compile every catalog to a .mo file next to it."""
    from .catalogs.workflow import compile_catalogs

    for line in compile_catalogs(_workspace(ctx)):
        _say(ctx, line)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def status(ctx: click.Context, fmt: str) -> None:
    """Translation status per source and language (messages and words)."""
    from .catalogs.workflow import format_status, workspace_status

    rows = workspace_status(_workspace(ctx))
    if fmt == "json":
        _echo_json(rows)
    else:
        click.echo(format_status(rows))


@main.command()
@click.argument("definitions", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.argument("template", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write the merged catalog (may be DEFINITIONS itself; - for standard output).",
)
@click.option("-U", "--update", is_flag=True, help="Update DEFINITIONS in place (untouched if unchanged).")
@click.option("-N", "--no-fuzzy-matching", is_flag=True, help="No fuzzy matches: unmatched messages are new.")
@click.option("--no-obsolete", is_flag=True, help="Drop messages absent from the template.")
@click.option(
    "-w",
    "--width",
    type=click.IntRange(min=20),
    default=79,
    show_default=True,
    help="Wrap new and changed strings at this many columns.",
)
@click.option("--no-wrap", is_flag=True, help="Do not wrap long strings (references still are), as msgcat.")
@click.pass_context
def merge(
    ctx: click.Context,
    definitions: Path,
    template: Path,
    output: Path | None,
    update: bool,
    no_fuzzy_matching: bool,
    no_obsolete: bool,
    width: int,
    no_wrap: bool,
) -> None:
    """Merge DEFINITIONS.po with TEMPLATE.pot into OUTPUT (msgmerge --previous semantics).

    Give -o OUTPUT or -U, as with msgmerge. Either input may be - for standard input.
    """
    from .catalogs.files import merge_files

    if definitions == template == Path("-"):
        raise click.UsageError("only one of DEFINITIONS and TEMPLATE can be read from standard input")
    if (output is None) == (not update):
        raise click.UsageError("give either -o OUTPUT or -U (update DEFINITIONS in place)")
    if update and definitions == Path("-"):
        raise click.UsageError("-U updates a file: DEFINITIONS cannot be standard input")
    target = definitions if update else cast(Path, output)
    _say(
        ctx,
        merge_files(
            definitions,
            template,
            target,
            keep_obsolete=not no_obsolete,
            fuzzy_matching=not no_fuzzy_matching,
            width=width,
            wrap=not no_wrap,
        ),
    )


@main.command()
@click.argument("po_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(po_file: Path, fmt: str) -> None:
    """Count translated, fuzzy, untranslated and obsolete messages of one catalog (- for stdin)."""
    from .catalogs.files import file_stats

    result, warnings = file_stats(po_file)
    for warning in warnings:
        click.echo(warning, err=True)
    if fmt == "json":
        _echo_json(result)
    else:
        click.echo(", ".join(f"{value} {key}" for key, value in result.items()))


# -- facts and checks -----------------------------------------------------------------------------


@main.command()
@click.argument("target", required=False, shell_complete=_complete_slugs)
@click.option(
    "--lang",
    type=click.Choice(languages.codes()),
    default=None,
    help=f"Language of the text (default: the source's, or {languages.DEFAULT_SOURCE}).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def facts(ctx: click.Context, target: str | None, lang: str | None, fmt: str) -> None:
    """Print the key figures of a source (slug or path) or of a plain text file (- for stdin)."""
    from .qa import facts_of

    found = facts_of(ctx.obj["directory"], target, lang)
    if fmt == "json":
        _echo_json(found)
    else:
        for fact in found:
            qualifier = f" ({fact['qualifier']})" if fact["qualifier"] else ""
            value = _date(fact["value"]) if fact["kind"] == "date" else _number(fact["value"])
            click.echo(
                f"{fact['start']}-{fact['end']}\t{fact['kind']}\t{value}\t"
                f"{fact['unit'] or ''}\t{fact['text']}{qualifier}"
            )


@main.command()
@click.argument("slugs", nargs=-1, shell_complete=_complete_slugs)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def box(ctx: click.Context, slugs: tuple[str, ...], fmt: str) -> None:
    """Print the key-figure box of each brief (all, or SLUG...) in each target language."""
    from .qa import box_of, format_box

    boxes = box_of(ctx.obj["directory"], slugs)
    if fmt == "json":
        _echo_json(boxes)
    else:
        click.echo(format_box(boxes))


@main.command()
@click.argument("po_files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--source-lang",
    type=click.Choice(languages.codes()),
    default=None,
    help=f"Language of the msgids (default: the workspace's, or {languages.MESSAGE_LANG}).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_context
def check(
    ctx: click.Context, po_files: tuple[Path, ...], source_lang: str | None, fmt: str, strict: bool
) -> None:
    """Check translations: figures, line breaks, markup, names, quotes, length, fuzzy, untranslated."""
    from .qa import check_catalogs

    findings = check_catalogs(ctx.obj["directory"], list(po_files), source_lang)
    if fmt == "json":
        _echo_json([f.as_dict() for f in findings])
    else:
        for finding in findings:
            click.echo(finding.as_line())
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if fmt == "text":
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


# -- building ---------------------------------------------------------------------------------------


@main.command()
@click.argument("sources", nargs=-1, shell_complete=_complete_slugs)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(registry.names()),  # the installed formats: entry points in briefgen.formats
    help="Output format (repeatable; default: the workspace's formats).",
)
@click.option("--lang", "-l", "langs", multiple=True, help="Target languages (default: the workspace's).")
@click.option(
    "--epub-mode",
    "epub_modes",
    multiple=True,
    type=click.Choice(["interleaved", "parallel", "source", "target"]),
    help="EPUB reading mode (repeatable; default: interleaved).",
)
@click.option("--pdf-variant", type=click.Choice(["pdf/ua-1"]), default=None, help="Make a tagged PDF/UA-1.")
@click.option(
    "--strict", is_flag=True, help="Refuse to build with untranslated or fuzzy messages or warnings."
)
@click.option("--force", is_flag=True, help="Rebuild even when outputs are up to date.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel processes (default: the cores this process may use).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings, errors and failures.")
@click.pass_context
def build(
    ctx: click.Context,
    sources: tuple[str, ...],
    formats: tuple[str, ...],
    langs: tuple[str, ...],
    epub_modes: tuple[str, ...],
    pdf_variant: str | None,
    strict: bool,
    force: bool,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Build PDF, EPUB and HTML briefs into out/ (only what is out of date)."""
    from .build import BuildOptions
    from .build import build as run_build

    options = BuildOptions(
        formats=formats or None,
        langs=langs or None,
        epub_modes=epub_modes or ("interleaved",),
        pdf_variant=pdf_variant,
        strict=strict,
        force=force,
        jobs=jobs,
        quiet=quiet or ctx.obj["quiet"],
    )
    report = run_build(_workspace(ctx), list(sources), options)
    if report.failed:
        sys.exit(1)
    _fail_on_warnings(strict)


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.pass_context
def preview(ctx: click.Context, port: int) -> None:
    """Serve the bilingual HTML briefs on 127.0.0.1 and reload them as files change."""
    from .preview import serve

    serve(_workspace(ctx), port)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def new(ctx: click.Context, directory: Path) -> None:
    """Create a new workspace in DIRECTORY that builds at once."""
    from .scaffold import new_workspace

    _say(ctx, new_workspace(directory))


@main.command()
@click.argument("slug")
@click.option("--title", required=True, help="The source's title.")
@click.option("--date", "date_", default=None, help="Publication date, YYYY-MM-DD (default: today).")
@click.pass_context
def add(ctx: click.Context, slug: str, title: str, date_: str | None) -> None:
    """Add sources/SLUG.md with valid front matter."""
    from .scaffold import add_source, slug_problem

    problem = slug_problem(slug)
    if problem is not None:  # a wrong argument is a usage error: exit status 2
        raise click.BadParameter(problem.removeprefix(f"invalid slug {slug!r}: "), param_hint="SLUG")

    _say(ctx, add_source(_workspace(ctx), slug, title, date_))


def _date(value: object) -> str:
    """A date fact's ``YYYYMMDD`` (``00`` for a part the text lacks) in ISO 8601.

    ``2025-11-08``, ``2025-11``, ``2024``, and without a year ``--11-08`` or ``--11``.
    """
    code = int(float(str(value)))
    year, month, day = code // 10000, code // 100 % 100, code % 100
    if year and month:
        return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    if year and not day:
        return f"{year:04d}"
    if month:
        return f"--{month:02d}" + (f"-{day:02d}" if day else "")
    return _number(value)


def _number(value: object) -> str:
    """``20``, ``12.5``, ``20251108``: no exponent, no trailing ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
