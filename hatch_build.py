"""Build hook: compile the optional native code of kg (see kg/_native/__init__.py).

1. Each ``kg/_native/NAME.c`` becomes the extension module ``kg._native.NAME``,
   built with the C compiler Python was built with, against the Python headers
   only (no numpy headers, no Cython).
2. The rule modules listed in ``kg._native.COMPILED`` are compiled by mypyc
   (a build requirement, pinned in pyproject.toml) from their own typed
   sources, and ``kg/_native/rules.json`` records a hash of each source.

Where no compiler is found or a step fails, the build goes on and ``kg`` runs
on its pure-Python paths, which give the same output, slower; ``kg models
status`` and the bench say which is in use. ``KG_NO_NATIVE=1`` skips both
steps, ``KG_NO_MYPYC=1`` the second (a quicker install).

A standard wheel carries the built modules; an editable install builds them
in place, next to their sources (git ignores them). After editing a rule
module, ``kg`` uses its source (the build no longer matches) until
``python hatch_build.py`` rebuilds.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # imported outside a build (tests, `python hatch_build.py` without hatchling)
    BuildHookInterface = object  # type: ignore[assignment,misc]

CFLAGS = ["-O2", "-fPIC", "-shared", "-std=c99", "-Wall", "-Wno-unused-function"]


def compile_all(root: Path, log: Any = print) -> list[Path]:
    """Compile every kg/_native/*.c next to its source; the paths built (a failure is logged and skipped)."""
    cc = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    if not shutil.which(cc[0]):
        log(f"kg build hook: no C compiler ({cc[0]}); pure-Python paths will be used")
        return []
    include = sysconfig.get_paths()["include"]
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    built = []
    for src in sorted((root / "kg" / "_native").glob("*.c")):
        out = src.with_name(src.stem + suffix)
        cmd = [*cc, *CFLAGS, f"-I{include}", str(src), "-o", str(out), "-lm"]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            log(f"kg build hook: {src.name} did not compile; its pure-Python path will be used\n{res.stderr}")
            continue
        built.append(out)
    return built


def _native_spec(root: Path) -> Any:
    """kg/_native/__init__.py loaded on its own (the build environment may lack kg's dependencies)."""
    spec = importlib.util.spec_from_file_location("_kg_native_spec", root / "kg" / "_native" / "__init__.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def compile_rules(root: Path, log: Any = print) -> list[Path]:
    """Compile the ``COMPILED`` rule modules with mypyc, in place; the files built (none on failure)."""
    spec = _native_spec(root)
    manifest = root / "kg" / "_native" / spec.MANIFEST
    manifest.unlink(missing_ok=True)  # until the build succeeds, kg uses the sources
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
    except ImportError as exc:
        log(f"kg build hook: mypyc is not installed ({exc}); the rule modules stay pure Python")
        return []
    sources = [spec.source_of(m, root) for m in spec.COMPILED]
    rel = [str(p.relative_to(root)) for p in sources]
    cwd = os.getcwd()
    try:
        os.chdir(root)  # mypyc names modules after their paths relative to the working directory
        exts = mypycify(["--ignore-missing-imports", "--follow-imports=silent", *rel], opt_level="3",
                        debug_level="0", multi_file=True, group_name=spec.GROUP,
                        target_dir=str(Path("build") / "mypyc"))
        for ext in exts:  # multi_file puts the group's headers beside the group's module path
            ext.include_dirs.append(str(Path("build", "mypyc", *spec.GROUP.split(".")[:-1])))
        dist = Distribution({"name": "kg-rules", "ext_modules": exts})
        cmd = dist.get_command_obj("build_ext")
        cmd.inplace = True
        cmd.parallel = os.cpu_count() or 1
        cmd.build_temp = str(Path("build") / "mypyc" / "temp")
        with contextlib.redirect_stdout(sys.stderr), warnings.catch_warnings():  # compiler chatter
            warnings.simplefilter("ignore")  # setuptools' notice that setup.py is deprecated: not used here
            dist.run_command("build_ext")
        built = [Path(cmd.get_ext_fullpath(ext.name)).resolve() for ext in exts]  # the in-place files
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        log(f"kg build hook: mypyc failed ({exc!r}); the rule modules stay pure Python")
        return []
    finally:
        os.chdir(cwd)
    manifest.write_text(json.dumps({
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "sources": {m: spec.digest(p) for m, p in zip(spec.COMPILED, sources)},
    }, indent=1) + "\n", encoding="utf-8")
    return [*built, manifest]


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("KG_NO_NATIVE"):
            return
        root = Path(self.root).resolve()

        def log(m: str) -> None:
            print(m, file=sys.stderr)

        built = compile_all(root, log)
        if not os.environ.get("KG_NO_MYPYC"):
            built += compile_rules(root, log)
        if not built:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            for so in built:
                build_data["force_include"][str(so)] = str(so.relative_to(root))


if __name__ == "__main__":  # python hatch_build.py: rebuild in place after editing a .c file or a rule module
    here = Path(__file__).resolve().parent
    done = compile_all(here) + ([] if os.environ.get("KG_NO_MYPYC") else compile_rules(here))
    print("\n".join(str(p) for p in done) or "nothing built")
