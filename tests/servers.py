"""Start real SPARQL servers on 127.0.0.1 for the tests: Oxigraph server and Virtuoso.

Each harness takes a free port, its own temporary directory, waits until the
server answers, and stops it on ``stop()`` (the conftest fixtures do it at
session end). A missing binary raises ``ServerMissing``: the fixtures skip,
or fail when ``KG_REQUIRE_SERVERS=1``.

Virtuoso setup (the minimal one that works, see docs/sparql.md):
- an ini with both ports bound to 127.0.0.1, the database in the temp dir,
  and ``ResultSetMaxRows``/``MaxQueryExecutionTime`` raised so nothing is
  truncated silently;
- reads through ``/sparql`` anonymously; writes through the digest-auth
  endpoints ``/sparql-auth`` (SPARQL Update) and ``/sparql-graph-crud-auth``
  (Graph Store Protocol) as ``dba``/``dba`` — a fresh database's admin
  account — so no GRANT is needed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


class ServerMissing(RuntimeError):
    """The server binary is not installed."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - loopback only
                if r.status < 500:
                    return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout}s: {log.read_text(errors='replace')[-2000:]}")


@dataclass
class Server:
    """A running server: its endpoints and how to write to it."""

    name: str
    query_url: str
    update_url: str
    gsp_url: str
    user: str | None = None
    password: str | None = None
    proc: subprocess.Popen[bytes] | None = None
    workdir: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` CLI (PyPI package ``oxigraph``), next to this Python or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def start_oxigraph(timeout: float = 30.0) -> Server:
    """``oxigraph serve --location TMP --bind 127.0.0.1:PORT --union-default-graph``."""
    exe = oxigraph_binary()
    if exe is None:
        raise ServerMissing("oxigraph (pip install oxigraph)")
    work = Path(tempfile.mkdtemp(prefix="kg-oxigraph-"))
    port = free_port()
    log = work / "server.log"
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(work / "db"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph", "--timeout-s", "120"],
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    srv = Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", proc=proc, workdir=work)
    try:
        _wait_http(f"{base}/query?query=ASK%7B%7D", proc, log, timeout)
    except Exception:
        srv.stop()
        raise
    return srv


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., {dir}, /usr/share/virtuoso-opensource-7/vad
VADInstallDir            = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {dir}/vsp
MaxClientConnections        = 10
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
Charset                     = UTF-8
EnabledGzipContent          = 0

[SPARQL]
; the defaults (10000 rows, 60 s) cut results silently
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
MaxSortedTopRows           = 10000000
DefaultGraph               =
"""


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def start_virtuoso(timeout: float = 90.0) -> Server:
    """``virtuoso-t +foreground +configfile TMP/virtuoso.ini`` on loopback ports."""
    exe = virtuoso_binary()
    if exe is None:
        raise ServerMissing("virtuoso-t (apt-get install virtuoso-opensource)")
    work = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    (work / "vsp").mkdir()
    http_port, sql_port = free_port(), free_port()
    ini = work / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=work, http_port=http_port, sql_port=sql_port))
    log = work / "server.log"
    proc = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=work,
                            stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    srv = Server("virtuoso", f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth",
                 user="dba", password="dba", proc=proc, workdir=work, extra={"sql_port": str(sql_port)})
    try:
        _wait_http(f"{base}/sparql?query=ASK%7B%7D", proc, log, timeout)
    except Exception:
        srv.stop()
        raise
    return srv


def start(name: str) -> Server:
    return {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}[name]()


def servers_required() -> bool:
    return os.environ.get("KG_REQUIRE_SERVERS") == "1"


if __name__ == "__main__":  # manual check: python tests/servers.py virtuoso
    s = start(sys.argv[1] if len(sys.argv) > 1 else "oxigraph")
    print(s.query_url, s.update_url, s.gsp_url)
    try:
        input("running; press Enter to stop ")
    finally:
        s.stop()
