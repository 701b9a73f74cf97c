"""The servers measured side by side, each started on 127.0.0.1 in a folder of its own and stopped by procs."""
import os
import shutil
import subprocess
import time
import urllib.request

from . import procs


class OurServer:
    """`sregistry-server serve` on an ephemeral loopback port, with a user `bench` holding a push token."""

    def __init__(self, bin_dir, data_dir, log_dir, name="sregistry", extra_args=()):
        self.exe = os.path.join(bin_dir, "sregistry-server")
        self.data_dir = data_dir
        self.log = os.path.join(log_dir, f"{name}.log")
        self.extra_args = list(extra_args)
        self.process = None
        self.url = None
        self.token = None

    def cli(self, *args, check=True):
        return procs.run([self.exe, "--data", self.data_dir, *args], check=check)

    def ensure_token(self, user="bench"):
        if self.token:
            return self.token
        if user not in self.cli("user", "ls").stdout.split():
            self.cli("user", "add", user)
        self.token = self.cli("token", "create", user, "--name", f"bench-{time.time_ns()}",
                              "--scope", "push").stdout.strip()
        return self.token

    def start(self):
        os.makedirs(self.data_dir, exist_ok=True)
        self.ensure_token()
        self.process, self.url = procs.start_and_wait_for_url(
            [self.exe, "--data", self.data_dir, "serve", "--listen", "127.0.0.1:0", *self.extra_args], self.log)
        return self

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process:
            procs.stop(self.process)
            self.process = None


class Distribution:
    """Debian's docker-registry (distribution 2.8) with filesystem storage in a temporary folder, no auth."""

    EXE = "/usr/bin/docker-registry"

    def __init__(self, root, log_dir, name="distribution"):
        self.root = root
        self.log = os.path.join(log_dir, f"{name}.log")
        self.process = None
        self.url = None

    @staticmethod
    def version():
        try:
            return procs.run([Distribution.EXE, "--version"]).stdout.strip()
        except (OSError, RuntimeError):
            return None

    def start(self):
        storage = os.path.join(self.root, "storage")
        os.makedirs(storage, exist_ok=True)
        port = procs.free_port()
        config = os.path.join(self.root, "config.yml")
        # Access log off and errors only, as our server's log is a line per request: neither pays for chatter.
        with open(config, "w") as f:
            f.write(f"""version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: {storage}
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:{port}
""")
        self.process = procs.start([self.EXE, "serve", config], self.log)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/v2/", timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"docker-registry did not start: {open(self.log, errors='replace').read()[-1500:]}")

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process:
            procs.stop(self.process)
            self.process = None


class StaticServer:
    """bench-static-server: cpp-httplib serving one file (GET /file) and swallowing uploads (PUT /sink)."""

    def __init__(self, bin_dir, path, log_dir):
        self.args = [os.path.join(bin_dir, "bench-static-server"), path]
        self.log = os.path.join(log_dir, "static-server.log")
        self.process = None
        self.url = None

    def start(self):
        self.process, self.url = procs.start_and_wait_for_url(self.args, self.log)
        return self

    def stop(self):
        if self.process:
            procs.stop(self.process)
            self.process = None


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path
