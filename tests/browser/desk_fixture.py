"""The browser tests' centre: a data and config folder made with shubbak-admin, test certificates made with openssl,
a throwaway NSS database that makes Chromium trust the test CA, tickets issued by a real headless shubbak-kiosk
driven by a script, a real shubbak-desk process, headless Chromium sessions, and read-only looks at the store.

Run with Debian's /usr/bin/python3 (python3-selenium); see run.py.
"""
import os
import re
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
from pathlib import Path

SOURCE = Path(os.environ.get("SHUBBAK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BIN = Path(os.environ.get("SHUBBAK_BIN_DIR", SOURCE / "build" / "bin"))
OUT = Path(os.environ.get("SHUBBAK_OUT_DIR", SOURCE / "out" / "desk"))

# Deadlines (seconds): every wait in these tests is a condition with one of these, never a sleep.
START_DEADLINE = 20      # a process says where it listens
KIOSK_DEADLINE = 120     # one scripted kiosk run
PAGE_DEADLINE = 10       # a page or an element after an action
LIVE_DEADLINE = 1.0      # a ticket from the kiosk on every open desk (issue 15)
BANNER_DEADLINE = 60     # the connection banner after the desk stops answering (long-poll timeout + backoff)

STAFF = {"salma": ("Salma B.", "4821"), "karima": ("Karima T.", "7356")}
# The registered visitor whose details must never reach a log, a URL, or the page once she is served.
CANARY = {"name": "Zouhra Qanariya", "phone": "0698765432", "cin": "QX918273", "commune": "Tafraout"}

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def missing_packages():
    """Debian packages the browser tests need and that are absent (scripts/setup installs them)."""
    missing = []
    if not os.access(CHROMEDRIVER, os.X_OK):
        missing.append("chromium-driver")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append("chromium")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python3-selenium")
    if not shutil.which("certutil"):
        missing.append("libnss3-tools")
    return missing


def sh(argv, stdin="", check=True, timeout=60, env=None):
    r = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=timeout, env=env)
    if check and r.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {r.returncode}: {r.stderr.strip()}")
    return r


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, deadline, what, step=0.01):
    """Polls `condition` until it returns something truthy; raises naming `what` after `deadline` seconds."""
    end = time.monotonic() + deadline
    while True:
        got = condition()
        if got:
            return got
        if time.monotonic() > end:
            raise TimeoutError(f"waited {deadline} s for {what}")
        time.sleep(step)  # a polling step, not a synchronisation: the condition decides


class Certs:
    """A test CA and a server certificate for 127.0.0.1 and localhost, made with openssl (EC keys: fast)."""

    def __init__(self, folder: Path):
        self.dir = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.ca, self.ca_key = folder / "ca.pem", folder / "ca.key"
        self.cert, self.key = folder / "server.pem", folder / "server.key"
        self._key(self.ca_key)
        sh(["openssl", "req", "-x509", "-new", "-key", self.ca_key, "-out", self.ca, "-days", "30", "-subj",
            "/CN=Shubbak browser-test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        self._key(self.key)
        csr, ext = folder / "server.csr", folder / "server.ext"
        sh(["openssl", "req", "-new", "-key", self.key, "-out", csr, "-subj", "/CN=localhost"])
        ext.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                       "extendedKeyUsage=serverAuth\n")
        sh(["openssl", "x509", "-req", "-in", csr, "-CA", self.ca, "-CAkey", self.ca_key, "-CAcreateserial",
            "-out", self.cert, "-days", "2", "-extfile", ext])

    @staticmethod
    def _key(path):
        sh(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", path])


def trusting_home(folder: Path, ca: Path):
    """A HOME whose NSS database (the one Chromium reads on Linux) trusts `ca` for TLS servers."""
    nssdb = folder / ".pki" / "nssdb"
    nssdb.mkdir(parents=True, exist_ok=True)
    sh(["certutil", "-N", "-d", f"sql:{nssdb}", "--empty-password"])
    if ca is not None:
        sh(["certutil", "-A", "-d", f"sql:{nssdb}", "-t", "C,,", "-n", "shubbak-test", "-i", ca])
    return folder


def ticket_script(service, priority=False):
    """One visitor at the kiosk: a quick ticket for `service` (docs/automation.md)."""
    ask = "tap action.priority\n" if priority else ""
    return f"tap lang.fr\ntap service.{service}\n{ask}tap action.ticket\nexpect screen ticket\ntap ticket.done\n"


def registration_script(service, share=True):
    """She registers at the kiosk and answers the three consent questions: keep, SMS, then sharing with partners
    (yes unless `share` is False)."""
    c = CANARY
    last = "consent.yes" if share else "consent.no"
    return (f"tap lang.fr\ntap service.{service}\ntap action.register\ntype {c['name']}\ntap form.next\n"
            f"type {c['phone']}\ntap form.next\ntype {c['cin']}\ntap form.next\ntype 1985\ntap form.next\n"
            f"type {c['commune']}\ntap form.next\ntap contact.call\ntap form.next\nexpect screen consent\n"
            f"tap consent.yes\ntap consent.yes\ntap {last}\nexpect screen ticket\ntap ticket.done\n")


def checkin_script(service):
    return (f"tap lang.fr\ntap service.{service}\ntap action.checkin\nexpect screen checkin\n"
            f"type {CANARY['phone']}\ntap form.next\nexpect screen ticket\ntap ticket.done\n")


class Centre:
    """A centre on a temporary data and config folder, set up the way a technician does (shubbak-admin)."""

    def __init__(self, root: Path, staff=("salma",)):
        self.root = root
        self.data, self.cfg = root / "data", root / "cfg"
        self.logs = root / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.cfg.mkdir(parents=True, exist_ok=True)
        demo = SOURCE / "config" / "demo"
        shutil.copy(demo / "catalog.conf", self.cfg / "catalog.conf")
        shutil.copy(demo / "centre.conf", self.cfg / "centre.conf")
        self.admin("init")
        for login in staff:
            name, pin = STAFF[login]
            self.admin("staff", "add", login, name, stdin=pin + "\n")
        self.certs = Certs(root / "certs")
        self._kiosk_runs = 0

    def admin(self, *args, stdin=""):
        return sh([BIN / "shubbak-admin", "--data", self.data, "--config", self.cfg, *args], stdin=stdin)

    def kiosk(self, script, lang="fr", check=True):
        """A real headless shubbak-kiosk running `script` (docs/automation.md) to its end; its stderr is kept."""
        self._kiosk_runs += 1
        n = self._kiosk_runs
        path = self.root / f"kiosk-{n}.script"
        path.write_text(script)
        r = sh([BIN / "shubbak-kiosk", "--headless", "--role", "visitor", "--lang", lang, "--size", "1080x1920",
                "--data", self.data, "--config", self.cfg, "--script", path, "--shots", self.root / "kiosk-shots"],
               check=False, timeout=KIOSK_DEADLINE)
        (self.logs / f"kiosk-{n}.stderr").write_text(r.stderr + r.stdout)
        if check and r.returncode != 0:
            raise RuntimeError(f"kiosk script {path} exited {r.returncode}: {r.stderr.strip()}")
        return r

    def issue_tickets(self, service="jisr", count=1, priority=False):
        """`count` quick tickets for `service`, taken at the kiosk by as many visitors (asking for priority: pregnant,
        elderly, disabled); returns their numbers."""
        return self.kiosk_tickets(ticket_script(service, priority) * count)

    def register_canary(self, service="jisr"):
        """The canary visitor registers at the kiosk (name, phone, CIN, birth year, commune, consent) and takes a
        ticket; returns its number."""
        new = self.kiosk_tickets(registration_script(service))
        assert len(new) == 1, new
        return new[0]

    def checkin_canary(self, service="jisr"):
        """The canary, already registered, checks in at the kiosk with her phone; returns her new ticket's number."""
        new = self.kiosk_tickets(checkin_script(service))
        assert len(new) == 1, new
        return new[0]

    def kiosk_tickets(self, script):
        """Runs a kiosk script; returns the numbers of the tickets it issued, oldest first."""
        before = {row[0] for row in self.query("SELECT id FROM tickets")}
        self.kiosk(script)
        rows = self.query("SELECT id, number FROM tickets ORDER BY issued_at, rowid")
        return [number for tid, number in rows if tid not in before]

    def query(self, sql, params=()):
        """Rows from the store, read-only (the store belongs to the processes under test)."""
        db = sqlite3.connect(f"file:{self.data / 'shubbak.db'}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def scalar(self, sql, params=()):
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def write_desk_section(self, listen="127.0.0.1:0", allow="127.0.0.0/8, ::1/128", extra="", cfg=None):
        """The [desk] section of centre.conf (docs/configuration.md) in `cfg` (default: the centre's config folder;
        another folder gets a copy of it first), with the test certificate."""
        cfg = cfg or self.cfg
        if cfg != self.cfg and not cfg.exists():
            shutil.copytree(self.cfg, cfg)
        (cfg / "desk").mkdir(exist_ok=True)
        shutil.copy(self.certs.cert, cfg / "desk" / "server.pem")
        shutil.copy(self.certs.key, cfg / "desk" / "server.key")
        text = (cfg / "centre.conf").read_text()
        text = re.sub(r"\n\[desk\][^\[]*", "\n", text)
        text += (f"\n[desk]\nlisten = {listen}\ncert_file = desk/server.pem\nkey_file = desk/server.key\n"
                 f"allow = {allow}\n{extra}")
        (cfg / "centre.conf").write_text(text)
        return cfg

    def all_logs(self):
        """Every line the processes under test wrote (desk stdout and stderr, kiosk stderr)."""
        return "".join(p.read_text(errors="replace") for p in sorted(self.logs.iterdir()))


class Desk:
    """A running shubbak-desk on a centre. Its stdout and stderr go to files in the centre's log folder."""

    _count = 0

    def __init__(self, centre: Centre, listen=None, config=None):
        self.centre, self.listen, self.config = centre, listen, config or centre.cfg
        self.proc, self.port = None, None
        self.start()

    def start(self):
        Desk._count += 1
        name = f"desk-{Desk._count}"
        self.err = open(self.centre.logs / f"{name}.stderr", "w")
        argv = [BIN / "shubbak-desk", "--data", self.centre.data, "--config", self.config]
        if self.listen:
            argv += ["--listen", self.listen]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.err)
        self.port = self._read_port(self.centre.logs / f"{name}.stdout")

    def _read_port(self, out_path):
        """Waits for "listening on https://HOST:PORT" on stdout, then copies the rest of stdout to `out_path`."""
        out = open(out_path, "wb")
        line, end = b"", time.monotonic() + START_DEADLINE
        while b"\n" not in line:
            left = end - time.monotonic()
            ready = select.select([self.proc.stdout], [], [], max(left, 0))[0] if left > 0 else []
            chunk = os.read(self.proc.stdout.fileno(), 4096) if ready else b""
            if not chunk:
                out.write(line)
                out.close()
                raise RuntimeError(f"shubbak-desk did not say where it listens within {START_DEADLINE} s "
                                   f"(exit {self.proc.poll()}); stdout: {line!r}; stderr: "
                                   f"{Path(self.err.name).read_text()}")
            line += chunk
        out.write(line)
        threading.Thread(target=self._drain, args=(out,), daemon=True).start()
        m = re.search(rb"listening on https://[^\s]*:(\d+)", line)
        if not m:
            raise RuntimeError(f"shubbak-desk's first line does not say 'listening on https://HOST:PORT': {line!r}")
        return int(m.group(1))

    def _drain(self, out):
        for chunk in iter(lambda: os.read(self.proc.stdout.fileno(), 4096), b""):
            out.write(chunk)
            out.flush()
        out.close()

    @property
    def url(self):
        return f"https://127.0.0.1:{self.port}"

    def send(self, sig):
        self.proc.send_signal(sig)

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.err.close()
        return self.proc.returncode if self.proc else None

    def restart(self):
        """SIGKILL, then start again on the same port (the browser's page keeps its address)."""
        self.stop(signal.SIGKILL)
        self.listen = f"127.0.0.1:{self.port}"
        self.start()


def browser(home: Path, lang="fr", size=(1366, 768)):
    """A headless Chromium session whose HOME (so NSS database) is `home`; no certificate errors ignored."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={size[0]},{size[1]}",
              f"--lang={lang}", "--disable-dev-shm-usage", "--no-first-run"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"intl.accept_languages": lang})
    env = dict(os.environ, HOME=str(home))
    return webdriver.Chrome(service=Service(CHROMEDRIVER, env=env), options=opts)


class TempRoot:
    """A temporary folder for one test, removed afterwards unless SHUBBAK_KEEP_TEMP is set."""

    def __enter__(self):
        self.path = Path(tempfile.mkdtemp(prefix="shubbak-browser-"))
        return self.path

    def __exit__(self, *exc):
        if not os.environ.get("SHUBBAK_KEEP_TEMP"):
            shutil.rmtree(self.path, ignore_errors=True)
