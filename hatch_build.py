"""Build hook: compile the optional C accelerators in kg/_native/ (see kg/_native/__init__.py).

Each ``kg/_native/NAME.c`` becomes the extension module ``kg._native.NAME``,
built with the C compiler Python was built with, against the Python headers
only (no numpy headers, no Cython). Where no compiler is found or a source
fails to compile, the build goes on and ``kg`` runs on its pure-Python paths,
which give the same output, slower; ``kg models`` and the bench say which is in use.

A standard wheel carries the built modules; an editable install builds them
in place, next to their sources (git ignores them).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

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


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("KG_NO_NATIVE"):
            return
        root = Path(self.root)
        built = compile_all(root, lambda m: print(m, file=sys.stderr))
        if not built:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            for so in built:
                build_data["force_include"][str(so)] = str(so.relative_to(root))


if __name__ == "__main__":  # python hatch_build.py: rebuild in place after editing a .c file
    done = compile_all(Path(__file__).resolve().parent)
    print("\n".join(str(p) for p in done) or "nothing built")
