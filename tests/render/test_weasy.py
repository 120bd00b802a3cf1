"""briefgen imports WeasyPrint without ctypes' library probes, and loads the same libraries.

Each test runs a fresh interpreter: the shortcut only acts on the first import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the shortcut only acts on Linux")

# Prints the shared libraries of WeasyPrint's stack that the process mapped, and the processes it spawned.
REPORT = """
import json, re, subprocess
spawned = []
_popen_init = subprocess.Popen.__init__
def _recording_init(self, args, *rest, **kwargs):
    spawned.append(args if isinstance(args, str) else list(map(str, args)))
    _popen_init(self, args, *rest, **kwargs)
subprocess.Popen.__init__ = _recording_init
{body}
libs = set()
with open("/proc/self/maps") as maps:
    for line in maps:
        path = line.split()[-1]
        if re.search(r"/lib(gobject|pango|pangoft2|harfbuzz|harfbuzz-subset|fontconfig)[-.][^/]*\\.so", path):
            libs.add(path)
print(json.dumps({{"libs": sorted(libs), "spawned": spawned}}))
"""


def _report(body: str) -> dict[str, list[str]]:
    code = REPORT.format(body=textwrap.dedent(body))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_same_libraries_as_a_plain_import_and_no_process_spawned() -> None:
    plain = _report("import weasyprint")
    ours = _report("import briefgen.render.weasy")
    assert plain["spawned"], "the plain import probes with ldconfig/gcc: nothing left to measure"
    assert ours["spawned"] == []
    assert ours["libs"] == plain["libs"]
    assert any("libpango-1.0" in lib for lib in ours["libs"])
    assert any("libharfbuzz-subset" in lib for lib in ours["libs"])


def test_falls_back_to_the_ordinary_import_when_a_soname_does_not_load() -> None:
    # A library that only ctypes' probes can find: every direct load fails during the fast attempt.
    ours = _report(
        """
        import ctypes.util, cffi
        _dlopen = cffi.FFI.dlopen
        def _dlopen_sonames_broken(self, name, flags=0):
            if ctypes.util.find_library.__name__ == "_found_nowhere":
                raise OSError(f"cannot open {name}")
            return _dlopen(self, name, flags)
        cffi.FFI.dlopen = _dlopen_sonames_broken
        import io, contextlib
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            from briefgen.render.weasy import HTML
        assert out.getvalue() == "", out.getvalue()  # WeasyPrint's installation advice stays hidden
        assert HTML(string="<p>x</p>").write_pdf().startswith(b"%PDF")
        """
    )
    assert ours["spawned"], "the fallback is the ordinary import, probes included"
    assert any("libpango-1.0" in lib for lib in ours["libs"])


# Renders two documents whose fonts use different numbers of glyphs; prints the PDFs' digests
# and how many C type strings cffi parsed for them.
SUBSETTING = """
import hashlib, json, os
import cffi.cparser
os.environ["SOURCE_DATE_EPOCH"] = "1762560000"
{imports}
parsed = []
_parse = cffi.cparser.Parser.parse_type_and_quals
def _counting(self, cdecl):
    parsed.append(cdecl)
    return _parse(self, cdecl)
cffi.cparser.Parser.parse_type_and_quals = _counting
fonts = "@font-face {{ font-family: T; src: url(file://{fonts}/NotoSerif-Regular.ttf) }}"
fonts += " p {{ font-family: T }}"
digests = []
for text in ("Les chiffres clés : 20 %.", "Une autre note, plus longue : x3 ; 1,5 Md€."):
    pdf = HTML(string=f"<style>{{fonts}}</style><p>{{text}}</p>").write_pdf()
    digests.append(hashlib.sha256(pdf).hexdigest())
print(json.dumps({{"digests": digests, "arrays": [c for c in parsed if c.startswith("hb_codepoint_t")]}}))
"""


def _subsetting(imports: str) -> dict[str, list[str]]:
    from conftest import ROOT

    code = SUBSETTING.format(imports=imports, fonts=ROOT / "layouts" / "fonts")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_font_subsetting_parses_its_array_type_once_and_makes_the_same_pdf() -> None:
    plain = _subsetting("from weasyprint import HTML")
    ours = _subsetting("from briefgen.render.weasy import HTML")
    assert len(set(plain["arrays"])) >= 3, "plain WeasyPrint parses one array type per glyph count"
    assert ours["arrays"] == ["hb_codepoint_t[]"]
    assert ours["digests"] == plain["digests"]
