"""scripts/bench desk: the desk's figures with real headless Chromium sessions on loopback, through the browser
tests' own centre (desk_fixture: shubbak-admin, test CA trusted through NSS, real kiosk tickets, a real desk).

  /usr/bin/python3 tests/browser/bench_desk.py      (SHUBBAK_BIN_DIR: the binaries; SHUBBAK_OUT_DIR: where to write)

Prints `key=value` lines for scripts/bench (and keeps them in OUT/bench.txt):
- page loads from the Navigation Timing API (responseStart and loadEventEnd, ms from the navigation's start), LOADS
  loads each of the sign-in page, the console with a queue of QUEUE tickets, the served page with her details;
- shubbak-desk's CPU over IDLE_SECONDS (/proc/PID/stat utime+stime) with DESKS signed-in Chromium sessions, each
  its own browser process and session cookie running the real desk.js long-poll, and nothing happening;
- its VmHWM after that;
- ticket-to-desk latency on every one of those open desks (test_live's measure: store row -> li[data-ticket]).
Not a test: it asserts nothing, scripts/bench compares with the goals.
"""
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desk_fixture import OUT, PAGE_DEADLINE, Centre, Desk, TempRoot, browser, trusting_home, wait_until  # noqa: E402
from desk_pages import Page  # noqa: E402
from test_live import OBSERVE, SEEN, issue_and_stamp_row  # noqa: E402

LOADS = int(os.environ.get("SHUBBAK_BENCH_DESK_LOADS", "30"))
QUEUE = int(os.environ.get("SHUBBAK_BENCH_DESK_QUEUE", "30"))
DESKS = int(os.environ.get("SHUBBAK_BENCH_DESKS", "20"))
IDLE_SECONDS = int(os.environ.get("SHUBBAK_BENCH_DESK_IDLE", "60"))
ROUNDS = 5
SIGNIN_DEADLINE = 150  # the desk takes 10 sign-ins a minute from one address (desk_limits.hpp): 20 need two minutes
HZ = os.sysconf("SC_CLK_TCK")

NAVIGATION = ("const n = performance.getEntriesByType('navigation')[0];"
              "return n && n.loadEventEnd > 0 ? [n.responseStart, n.loadEventEnd] : null;")


def percentile(values, p):
    """Nearest rank."""
    v = sorted(values)
    return v[max(0, min(len(v) - 1, math.ceil(p / 100 * len(v)) - 1))]


def loads(page, path, n):
    """n loads of `path` in one tab (driver.get waits for the load event); [(responseStart, loadEventEnd)] in ms."""
    out = []
    for _ in range(n):
        page.open(path)
        out.append(wait_until(lambda: page.driver.execute_script(NAVIGATION), PAGE_DEADLINE, f"{path}'s load event"))
    return out


def sign_in_paced(page, login, counter):
    """Signs in, trying again while the desk's per-address rate refuses (429); returns once on the console."""
    def attempt():
        page.sign_in(login, counter, "fr")
        return page.signed_in()
    wait_until(attempt, SIGNIN_DEADLINE, f"{login} signed in at desk {counter}", step=2)


def ticks(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def vm_hwm_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def emit(out, key, value):
    line = f"{key}={value}"
    print(line, flush=True)
    out.append(line)


def page_loads(centre, first, out):
    """The three pages' loads, in desk 1's tab; leaves it serving the registered visitor."""
    for key, (path, before) in {"signin": ("/signin", None), "console": ("/console", "sign_in"),
                                "served": ("/console", "call_next")}.items():
        if before == "sign_in":
            sign_in_paced(first, "salma", 1)
        elif before == "call_next":
            first.press("call-next")
            assert first.has("#details"), "the served page does not show her details"
        got = loads(first, path, LOADS)
        queue = len(first.queue()) if key != "signin" else 0
        for i, name in ((0, "response"), (1, "load")):
            ms = [g[i] for g in got]
            emit(out, f"{key}_{name}_p50", f"{percentile(ms, 50):.0f}")
            emit(out, f"{key}_{name}_p95", f"{percentile(ms, 95):.0f}")
        emit(out, f"{key}_queue", queue)
    emit(out, "loads", LOADS)


def idle_cpu(desk, pages, out):
    """The desk's CPU while DESKS desks are open and nothing happens; then its VmHWM."""
    pid = desk.proc.pid
    t0, w0 = ticks(pid), time.monotonic()
    time.sleep(IDLE_SECONDS)  # the measurement's own span, not a synchronisation
    t1, w1 = ticks(pid), time.monotonic()
    emit(out, "idle_desks", len(pages))
    emit(out, "idle_seconds", f"{w1 - w0:.1f}")
    emit(out, "idle_cpu_percent", f"{(t1 - t0) / HZ / (w1 - w0) * 100:.2f}")
    emit(out, "idle_vmhwm_mb", f"{vm_hwm_kb(pid) / 1024:.1f}")
    still = sum(1 for p in pages if p.signed_in())
    emit(out, "idle_still_signed_in", still)


def latency(centre, pages, out):
    for p in pages:
        p.driver.execute_script(OBSERVE, "no-reload")
    ms = []
    for _ in range(ROUNDS):
        row_at, ticket_id, number = issue_and_stamp_row(centre)
        for i, p in enumerate(pages):
            seen = p.wait(lambda d: d.execute_script(SEEN, ticket_id, number), PAGE_DEADLINE, f"{number} on desk {i}")
            ms.append(seen - row_at)
    reloaded = sum(1 for p in pages if p.driver.execute_script("return window.__shubbak_marker") != "no-reload")
    emit(out, "latency_n", len(ms))
    emit(out, "latency_p50", f"{percentile(ms, 50):.0f}")
    emit(out, "latency_max", f"{max(ms):.0f}")
    emit(out, "latency_min", f"{min(ms):.0f}")
    emit(out, "latency_reloaded", reloaded)


def main():
    out = []
    with TempRoot() as root:
        centre = Centre(root, staff=("salma", "karima"))
        centre.write_desk_section()
        home = trusting_home(root / "home", centre.certs.ca)
        centre.register_canary("jisr")           # first by arrival: the one "call next" gives desk 1
        centre.issue_tickets("jisr", QUEUE)      # the queue the console shows
        desk = Desk(centre)
        drivers = []
        try:
            first = Page(browser(home), desk)
            drivers.append(first.driver)
            page_loads(centre, first, out)
            pages = [first]
            for i in range(1, DESKS):  # desks 1, 2, 1, 2...: both list jisr (config/demo/catalog.conf)
                p = Page(browser(home), desk)
                drivers.append(p.driver)
                sign_in_paced(p, ("salma", "karima")[i % 2], 1 + i % 2)
                pages.append(p)
            idle_cpu(desk, pages, out)
            latency(centre, pages, out)
        finally:
            for d in drivers:
                d.quit()
            desk.stop()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.txt").write_text("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
