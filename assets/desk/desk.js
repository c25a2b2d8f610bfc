// shubbak-desk: keyboard shortcuts and live updates. The pages work without it (every action is a form POST).
(function () {
  'use strict';
  const body = document.body;
  if (!body || body.dataset.page !== 'console') return;

  // Shortcuts for what staff repeat all day: N next, R recall, S served. Not while typing in a field.
  const shortcuts = { n: 'call-next', r: 'recall', s: 'served' };
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    const id = shortcuts[e.key.toLowerCase()];
    const button = id && document.getElementById(id);
    if (button) {
      e.preventDefault();
      button.click();
    }
  });

  // The appointment card: the print stylesheet keeps only it (day, time, code, the centre).
  const printCard = document.getElementById('print-card');
  if (printCard) printCard.addEventListener('click', () => window.print());
  // The booking box: a new service or day shows its slots at once (without the script: the "show" button).
  for (const id of ['book-service', 'book-day']) {
    const sel = document.getElementById(id);
    if (sel) sel.addEventListener('change', () => {
      if (id === 'book-service') { const day = document.getElementById('book-day'); if (day) day.disabled = true; }
      sel.form.submit();
    });
  }

  // "She is still at her desk": typing a note or using the page keeps the flow's idle rule from signing her out.
  let lastTouch = Date.now();
  const touch = () => {
    if (Date.now() - lastTouch < 60000) return;
    lastTouch = Date.now();
    const csrf = document.getElementById('csrf');
    if (!csrf) return;
    fetch('/touch', { method: 'POST', credentials: 'same-origin', cache: 'no-store',
                      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                      body: 'csrf=' + encodeURIComponent(csrf.value) }).catch(() => {});
  };
  ['keydown', 'pointerdown', 'input'].forEach((k) => document.addEventListener(k, touch, { passive: true }));

  // Live: long-poll /events; on a new version fetch /console/live and swap its parts in.
  let version = body.dataset.version || '';
  const banner = document.getElementById('connection');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const show = (down) => { if (banner) banner.hidden = !down; };
  // A desk that stops answering without closing the connection (frozen, the PC asleep, the Wi-Fi gone) must still
  // be noticed: the desk answers a waiting /events within 25 s (desk/desk_limits.hpp kParkSeconds), so 35 s of
  // silence is a lost connection; the page's parts come back within 10 s or not at all.
  const within = (ms) => { const c = new AbortController(); setTimeout(() => c.abort(), ms); return c.signal; };

  async function refresh() {
    const r = await fetch('/console/live', { credentials: 'same-origin', cache: 'no-store', signal: within(10000) });
    if (r.status === 401) { location.reload(); return false; }
    if (!r.ok) throw new Error('live ' + r.status);
    const doc = new DOMParser().parseFromString('<body>' + (await r.text()) + '</body>', 'text/html');
    const current = doc.getElementById('current');
    if (current && current.dataset.version) version = current.dataset.version;
    // The ticket being served changes only by her own actions (which reload the page): never wipe a note she types.
    const here = document.getElementById('current');
    if (current && here && current.dataset.current !== here.dataset.current) {
      here.replaceWith(document.adoptNode(current));
      const file = doc.getElementById('accompany'), oldFile = document.getElementById('accompany');
      if (file && oldFile) oldFile.replaceWith(document.adoptNode(file));
    }
    for (const id of ['queue', 'alerts', 'today', 'sync', 'appointments-today', 'referrals-in']) {
      const fresh = doc.getElementById(id), old = document.getElementById(id);
      if (fresh && old) old.replaceWith(document.adoptNode(fresh));
    }
    const title = doc.querySelector('.waiting h2'), oldTitle = document.querySelector('.waiting h2');
    if (title && oldTitle) oldTitle.textContent = title.textContent;
    return true;
  }

  async function loop() {
    let backoff = 1000, lost = false;
    for (;;) {
      const started = Date.now();
      try {
        const r = await fetch('/events?since=' + encodeURIComponent(version),
                              { credentials: 'same-origin', cache: 'no-store', signal: within(35000) });
        if (r.status === 401) { location.reload(); return; }
        if (!r.ok) throw new Error('events ' + r.status);
        let next = null;
        try { next = String(JSON.parse(await r.text()).version); } catch (e) { next = null; }
        show(false);
        backoff = 1000;
        if (lost || (next !== null && next !== version)) {
          if (!(await refresh())) return;
          lost = false;
        } else if (Date.now() - started < 500) {
          await sleep(1000);  // answered at once without news: do not spin
        }
      } catch (e) {
        show(true);
        lost = true;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 15000);
      }
    }
  }
  loop();
})();
