#!/usr/bin/env python3
# bench-app-memory.py: the app's memory with an empty library and with a
# library of 100,000 clippings, under Xvfb.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real app (the build tree's binary) on a private X server and
# D-Bus session, waits until its resident size has settled, and reports
# the UI process's VmRSS with its parts (anonymous, file-backed, shared
# memory) and the WebKit web process's. The big library is the one
# bench-store makes (N=100,000 synthetic articles); set
# CLIP_BENCH_LIBRARY to a directory holding clippings/clippings.db to
# reuse one. It reports; it does not fail.

import os
import shutil
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("CLIP_BUILD_DIR") or sys.argv[1]
APP = os.path.join(BUILD, "src", "gui", "clippings")
N = 100000


def status(pid):
    """The memory lines of /proc/PID/status, in MB."""
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                    fields[key] = int(value.split()[0]) / 1024.0
    except OSError:
        return None
    return fields


def processes():
    """(pid, parent pid, executable) of every process."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            exe = os.readlink(f"/proc/{name}/exe")
        except OSError:
            continue
        yield int(name), ppid, exe


def find_app(data_home):
    """The app process started on data_home."""
    for pid, _, exe in processes():
        if os.path.realpath(exe) != os.path.realpath(APP):
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if f"XDG_DATA_HOME={data_home}".encode() in f.read().split(b"\0"):
                    return pid
        except OSError:
            pass
    return None


def web_processes(app_pid):
    """The app's WebKit web processes (started through bwrap, so not
    always its children)."""
    table = list(processes())
    found, descendants = {app_pid}, []
    while True:
        more = [(pid, exe) for pid, ppid, exe in table
                if ppid in found and pid not in found]
        if not more:
            break
        for pid, exe in more:
            found.add(pid)
            descendants.append((pid, exe))
    return [pid for pid, exe in descendants if exe.endswith("WebKitWebProcess")]


def measure(data_home, label):
    env = dict(os.environ,
               XDG_DATA_HOME=data_home,
               GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, "data"),
               NO_AT_BRIDGE="1")
    runner = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24 -nolisten tcp",
         "dbus-run-session", "--", APP],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        pid = None
        deadline = time.monotonic() + 60
        while pid is None and time.monotonic() < deadline:
            time.sleep(0.5)
            pid = find_app(data_home)
        if pid is None:
            print(f"app-memory: {label} the app did not start")
            return

        # Settled: the same size (to 1 MB) for three seconds running,
        # after the first five.
        time.sleep(5)
        last, steady = None, 0
        while steady < 3 and time.monotonic() < deadline:
            now = status(pid)
            if now is None:
                print(f"app-memory: {label} the app quit")
                return
            steady = steady + 1 if last is not None and abs(now["VmRSS"] - last) < 1 else 0
            last = now["VmRSS"]
            time.sleep(1)

        ui = status(pid)
        web = sum(status(p)["VmRSS"] for p in web_processes(pid) if status(p))
        print(f"app-memory: {label} ui_rss_mb={ui['VmRSS']:.0f} anon_mb={ui['RssAnon']:.0f}"
              f" file_mb={ui['RssFile']:.0f} shmem_mb={ui['RssShmem']:.0f} web_rss_mb={web:.0f}")
    finally:
        os.killpg(runner.pid, 15)
        runner.wait()


def main():
    work = tempfile.mkdtemp(prefix="bench-app-memory-")
    try:
        empty = os.path.join(work, "empty")
        os.makedirs(empty)
        library = os.environ.get("CLIP_BENCH_LIBRARY")
        if not library:
            subprocess.run([os.path.join(BUILD, "tests", "bench-store"), str(N)],
                           env=dict(os.environ, CLIP_BENCH_KEEP_DIR=work),
                           check=True, stdout=subprocess.DEVNULL)
            library = os.path.join(work, str(N))
        measure(empty, "library=empty")
        measure(library, f"library={N}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
