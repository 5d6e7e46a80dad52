"""Debian's nginx with deploy/handbok.conf and deploy/handbok-headers.conf, in
front of a built site, as the current user on 127.0.0.1: what the deploy tests
(tests/test_deploy.py) and the benchmark (scripts/bench.py) serve.

Only the `listen` and `root` lines of deploy/handbok.conf are replaced; the pid,
logs and temporary files live in a directory of the caller's.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(conf_dir: Path, site: Path, port: int) -> Path:
    """deploy/ as a Debian server would have it, with this root and port."""
    server = (DEPLOY / "handbok.conf").read_text(encoding="utf-8")
    server, listens = re.subn(r"(?m)^    listen .*;$", f"    listen 127.0.0.1:{port};", server)
    server, roots = re.subn(r"(?m)^    root .*;$", f"    root {site};", server)
    assert listens == roots == 1, "deploy/handbok.conf needs exactly one `listen` and one `root` line"
    (conf_dir / "snippets").mkdir(parents=True)
    shutil.copy(DEPLOY / "handbok-headers.conf", conf_dir / "snippets" / "handbok-headers.conf")
    (conf_dir / "handbok.conf").write_text(server, encoding="utf-8")
    # Workers switch to `user` only when nginx starts as root; then they must read tmp files.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {conf_dir}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = conf_dir / "nginx.conf"
    main.write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {conf_dir}/access.log;
{temp}
    include handbok.conf;
}}
""",
        encoding="utf-8",
    )
    return main


@contextlib.contextmanager
def serving(site: Path, conf_dir: Path, port: int) -> Iterator[None]:
    """nginx serving `site` on 127.0.0.1:`port` while the block runs."""
    if not NGINX:
        raise RuntimeError("nginx saknas (make nginx installerar Debians paket)")
    main = config(conf_dir, site, port)
    args = [NGINX, "-p", str(conf_dir), "-e", str(conf_dir / "error.log"), "-c", str(main)]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(check.stderr)
    proc = subprocess.Popen(args)
    try:
        for _ in range(100):
            if proc.poll() is not None:
                log = conf_dir / "error.log"
                raise RuntimeError("nginx stopped:\n" + (log.read_text() if log.exists() else ""))
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        else:
            raise RuntimeError("nginx did not start listening")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)
