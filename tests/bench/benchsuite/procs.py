"""Processes the suite starts: servers waited for until they listen, and every one of them stopped on exit.

Every process is started here and remembered by its id; `stop_all` (run at exit, on SIGINT/SIGTERM, and after
each measure) ends exactly those, never anything found by name.
"""
import atexit
import os
import re
import signal
import subprocess
import sys
import time

_started = []  # Popen objects still to stop


def run(args, check=True, capture=True, timeout=None, env=None, cwd=None):
    """Runs a command to completion; returns CompletedProcess (stdout/stderr as text when captured)."""
    result = subprocess.run(args, check=False, text=True, timeout=timeout, env=env, cwd=cwd,
                            stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.PIPE if capture else None)
    if check and result.returncode != 0:
        where = " ".join(str(a) for a in args)
        raise RuntimeError(f"{where} exited {result.returncode}: {(result.stderr or '').strip()[-2000:]}")
    return result


def start(args, log_path, env=None):
    """Starts a background process with stdout+stderr going to log_path; returns its Popen."""
    log = open(log_path, "ab")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                               start_new_session=True)
    log.close()
    _started.append(process)
    return process


def start_and_wait_for_url(args, log_path, pattern=r"listening on (https?://\S+)", timeout=60, env=None):
    """Starts a server that prints its URL; returns (Popen, url) once the line appears in its log (logs are
    appended to, so only what this start wrote is searched)."""
    offset = os.path.getsize(log_path) if os.path.exists(log_path) else 0
    process = start(args, log_path, env=env)
    deadline = time.monotonic() + timeout
    regex = re.compile(pattern)
    while time.monotonic() < deadline:
        with open(log_path, "r", errors="replace") as log:
            log.seek(offset)
            match = regex.search(log.read())
        if match:
            return process, match.group(1).rstrip("/")
        if process.poll() is not None:
            break
        time.sleep(0.05)
    stop(process)
    with open(log_path, "r", errors="replace") as log:
        tail = log.read()[-2000:]
    raise RuntimeError(f"{args[0]} did not get ready: {tail}")


def stop(process, timeout=30):
    """SIGTERM, then SIGKILL after timeout; the process only (its own session, started by us)."""
    if process in _started:
        _started.remove(process)
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def stop_all():
    for process in list(_started):
        stop(process, timeout=10)


def _on_signal(number, _frame):
    stop_all()
    sys.exit(128 + number)


def install_cleanup():
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)


def free_port():
    """A port that was free on 127.0.0.1 a moment ago (for servers that cannot pick their own and report it)."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kib(pid, field):
    """A field of /proc/<pid>/status in KiB (VmRSS, VmHWM); None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None
