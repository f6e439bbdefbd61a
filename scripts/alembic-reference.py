#!/usr/bin/python3
"""Reference revision graph of an Alembic history, as Alembic itself computes it.

Test tooling only: loads every revision module the way Alembic's ScriptDirectory does and
prints what Alembic's RevisionMap reports, so Migration Lens can be checked against it.

Usage (run with Debian's interpreter, which has Alembic 1.8 installed, from a folder that does
not hold a folder named `alembic`):

    /usr/bin/python3 scripts/alembic-reference.py [--no-recursive] [--section NAME] [--sys-path DIR]...
        [--relative-to DIR] PATH [PATH...]

Each PATH is either
  * an alembic.ini file, or a folder holding one: the `[alembic]` section (or --section) is read with
    Alembic's own Config / ScriptDirectory.from_config, run from the ini's folder (without a
    script_location, the ini's folder is used, as Flask-Migrate does); or
  * a version folder. Several folders form one history (one ScriptDirectory with those
    version_locations). Subfolders holding .py files are added as version locations too
    (what `recursive_version_locations = true` does in newer Alembic, and what Migration
    Lens assumes for a folder found without config); `--no-recursive` turns that off.

Prints JSON on stdout:
    {"revisions": [{"id", "down_revision": [...], "branch_labels": [...], "depends_on": [...],
                    "file"}],
     "heads": [...], "bases": [...],            # RevisionMap.heads / RevisionMap.bases
     "real_heads": [...], "real_bases": [...],  # the same counting depends_on (informational)
     "script_directory", "version_locations", "resources": [...],  # where Alembic looked
     "warnings": [...], "stubbed_imports": [...], "fallback_files": [...],
     "stub_values": [...]}                      # headers that came out of a stub: not real values
On failure (Alembic raised) prints {"error": ...} and exits 1.

Revision modules import their project's code. Modules that cannot be imported are replaced by
permissive stubs (attribute access yields MagicMock objects). A module that still fails to
execute is executed once more with every import but alembic stubbed (listed in
"fallback_files"). Nothing here changes how Alembic builds the revision map.
"""

import argparse
import ast
import atexit
import builtins
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
import types
import warnings
from unittest import mock


# --------------------------------------------------------------------------------------------
# Import stubbing
# --------------------------------------------------------------------------------------------

STUBBED: set = set()
# Names the module being loaded uses: what `from stub import *` binds.
CURRENT_NAMES: list = []
# Where stub values point when used as paths (a module-level FileHandler(stub), say).
STUB_DIR = tempfile.mkdtemp(prefix="alembic-reference-")
atexit.register(shutil.rmtree, STUB_DIR, True)


class _Value(mock.MagicMock):
    """A MagicMock whose children are alike and which, used as a path, names a file in STUB_DIR."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__fspath__.return_value = os.path.join(STUB_DIR, "stub")

    def _get_child_mock(self, **kwargs):
        name = kwargs.get("name") or ""
        if isinstance(name, str) and name.startswith("__") and name.endswith("__"):
            return mock.MagicMock(**kwargs)
        return _Value(**kwargs)


class _StubModule(types.ModuleType):
    """A package whose every (non-dunder) attribute is a MagicMock."""

    def __getattr__(self, name):
        if name == "__all__":
            return list(CURRENT_NAMES)
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _Value(name="%s.%s" % (self.__name__, name))
        setattr(self, name, value)
        return value


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: answers for any module no real finder could locate."""

    def find_spec(self, fullname, path=None, target=None):
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        STUBBED.add(spec.name.split(".")[0])
        return _StubModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []


def _stub_module(name):
    module = sys.modules.get(name)
    if isinstance(module, _StubModule):
        return module
    module = _StubModule(name)
    module.__path__ = []
    return module


# The fallback stubs everything but these: header values are literals, nothing else matters.
_KEEP_REAL = {"alembic", "__future__"}


def _stubbing_import(real_import):
    """An __import__ that gives stubs for every module but alembic."""

    def _import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name.split(".")[0] not in _KEEP_REAL:
            parts = name.split(".")
            modules = [_stub_module(".".join(parts[: i + 1])) for i in range(len(parts))]
            for parent, child in zip(modules, modules[1:]):
                setattr(parent, child.__name__.rsplit(".", 1)[1], child)
            return modules[-1] if fromlist else modules[0]
        return real_import(name, globals, locals, fromlist, level)

    return _import


def names_used(path):
    """Identifiers a module reads but the builtins do not provide."""
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read())
    except (OSError, SyntaxError, ValueError):
        return []
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    return sorted(n for n in names if not hasattr(builtins, n))


def install_import_hooks(fallback_files):
    sys.meta_path.append(_StubFinder())

    from alembic import util as alembic_util
    from alembic.util import pyfiles

    original = pyfiles.load_python_file

    def load_python_file(dir_, filename):
        CURRENT_NAMES[:] = names_used(os.path.join(dir_, filename))
        try:
            return original(dir_, filename)
        except SyntaxError:
            raise
        except BaseException:
            # Executed again with every import stubbed (e.g. a real but older SQLAlchemy lacking
            # a name the migration imports, or module-level logging set up from app config).
            real_import = builtins.__import__
            builtins.__import__ = _stubbing_import(real_import)
            try:
                module = original(dir_, filename)
            finally:
                builtins.__import__ = real_import
            fallback_files.append(os.path.join(dir_, filename))
            return module

    # alembic.script.base calls util.load_python_file at call time.
    alembic_util.load_python_file = load_python_file


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def folders_with_py(root, recursive):
    """The folder itself, and (when recursive) each subfolder that holds .py files."""
    found = [root]
    if recursive:
        for current, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            if current != root and any(f.endswith(".py") for f in files):
                found.append(current)
    return found


RESOURCE_NOTES: list = []


def find_resource_in_tree(location, here):
    """`package.sub:folder/x` looked up as a source tree: next to the ini, in src/, and above."""
    tokens = location.split(":")
    package_path = os.path.join(*tokens[0].split("."))
    rest = os.path.join(*tokens[1:]) if len(tokens) > 1 else ""
    current = os.path.abspath(here)
    while True:
        for base in (current, os.path.join(current, "src")):
            candidate = os.path.join(base, package_path, rest)
            if os.path.isdir(candidate):
                return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def install_resource_fallback(here):
    """Alembic resolves `package:path` locations by importing the package (importlib.resources).

    That is tried first (give the project's source root with --sys-path to make it work for
    real); when the package is not importable here (or is a stub), the location is looked up
    in the source tree around the ini instead.
    """
    from alembic import util as alembic_util

    original = alembic_util.coerce_resource_to_filename

    def coerce_resource_to_filename(fname):
        if os.path.isabs(fname) or ":" not in fname:
            return original(fname)
        try:
            resolved = original(fname)
            if os.path.isdir(resolved):
                RESOURCE_NOTES.append("%s -> %s (importlib)" % (fname, resolved))
                return resolved
        except Exception:  # noqa: BLE001 - a stubbed or missing package
            pass
        found = find_resource_in_tree(fname, here)
        RESOURCE_NOTES.append("%s -> %s (source tree)" % (fname, found))
        return found or fname

    # alembic.script.base calls util.coerce_resource_to_filename at call time.
    alembic_util.coerce_resource_to_filename = coerce_resource_to_filename


def script_directory_from_ini(ini_path, section):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    here = os.path.dirname(os.path.abspath(ini_path))
    os.chdir(here)  # Alembic resolves relative locations from where it is run.
    install_resource_fallback(here)
    config = Config(ini_path, ini_section=section)
    if not config.get_main_option("script_location"):
        # Flask-Migrate keeps alembic.ini without script_location and sets it to the ini's folder.
        config.set_main_option("script_location", here.replace("%", "%%"))
    return ScriptDirectory.from_config(config)


def script_directory_from_folders(folders, recursive):
    from alembic.script import ScriptDirectory

    locations = []
    for folder in folders:
        for location in folders_with_py(os.path.abspath(folder), recursive):
            if location not in locations:
                locations.append(location)
    return ScriptDirectory(os.path.dirname(locations[0]), version_locations=locations)


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--no-recursive", action="store_true")
    parser.add_argument("--section", default="alembic", help="the alembic.ini section to read (default alembic)")
    parser.add_argument(
        "--sys-path",
        action="append",
        default=[],
        help="prepend to sys.path (like prepend_sys_path): lets revisions import the project's real code",
    )
    parser.add_argument("--relative-to", default=None, help="write file paths relative to this folder")
    args = parser.parse_args(argv)

    fallback_files = []
    sys.path[:0] = [os.path.abspath(p) for p in args.sys_path]
    install_import_hooks(fallback_files)
    relative_to = os.path.abspath(args.relative_to or os.getcwd())

    captured = []
    stdout = sys.stdout
    sys.stdout = io.StringIO()  # revision modules may print; keep stdout for the JSON.
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ini = None
            if len(args.paths) == 1:
                path = args.paths[0]
                if path.endswith(".ini") and os.path.isfile(path):
                    ini = path
                elif os.path.isfile(os.path.join(path, "alembic.ini")):
                    ini = os.path.join(path, "alembic.ini")
            script = (
                script_directory_from_ini(os.path.abspath(ini), args.section)
                if ini
                else script_directory_from_folders(args.paths, not args.no_recursive)
            )
            revision_map = script.revision_map
            heads = list(revision_map.heads)
            bases = list(revision_map.bases)
            real_heads = list(revision_map._real_heads)
            real_bases = list(revision_map._real_bases)
            revisions = []
            seen = set()
            stub_values = []
            for key, rev in revision_map._revision_map.items():
                if rev is None or key != rev.revision or rev.revision in seen:
                    continue  # branch-label aliases and the None/() entries
                seen.add(rev.revision)
                for name, value in (
                    ("down_revision", rev.down_revision),
                    ("branch_labels", list(rev._orig_branch_labels)),
                    ("depends_on", rev.dependencies),
                ):
                    # A header computed from a stubbed import is not the project's real value.
                    values = value if isinstance(value, (list, tuple)) else [] if value is None else [value]
                    if any(not isinstance(v, str) for v in values):
                        stub_values.append("%s: %s" % (rev.revision, name))
                revisions.append(
                    {
                        "id": rev.revision,
                        "down_revision": as_list(rev.down_revision),
                        "branch_labels": as_list(list(rev._orig_branch_labels)),
                        "depends_on": as_list(rev.dependencies),
                        "file": os.path.relpath(getattr(rev, "path", ""), relative_to),
                    }
                )
            # Alembic's own warnings (util.warn): duplicates, missing revisions.
            captured = [str(w.message) for w in caught if w.category is UserWarning]
    except BaseException as error:  # noqa: BLE001 - reported as data
        sys.stdout = stdout
        print(json.dumps({"error": "%s: %s" % (type(error).__name__, error), "fallback_files": fallback_files}, indent=2))
        return 1
    finally:
        sys.stdout = stdout

    print(
        json.dumps(
            {
                "revisions": revisions,
                "heads": heads,
                "bases": bases,
                "real_heads": real_heads,
                "real_bases": real_bases,
                "script_directory": os.path.relpath(os.path.abspath(script.dir), relative_to),
                "version_locations": [os.path.relpath(v, relative_to) for v in script._version_locations],
                "resources": RESOURCE_NOTES,
                "warnings": captured,
                "stub_values": stub_values,
                "stubbed_imports": sorted(STUBBED),
                "fallback_files": [os.path.relpath(f, relative_to) for f in fallback_files],
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
