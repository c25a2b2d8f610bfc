# The demo's SMS (issue 18, docs/sms.md): a real gammu-smsd with Gammu's dummy phone (config/gammu/smsdrc.dummy)
# and shubbak-sms on the demo centre; afterwards the texts that went out, printed from the store.
# Sourced by scripts/demo: sms_up DEMO BIN ROOT (appends [sms] to DEMO/config/centre.conf, starts both, pids in
# sms_pids), sms_print DEMO.

sms_up() {
  local demo="$1" bin="$2" root="$3" spool="$1/sms-spool"
  mkdir -p "$spool"/{inbox,outbox,sent,error,dummy-phone}
  sed "s#SPOOL#$spool#g" "$root/config/gammu/smsdrc.dummy" > "$spool/smsdrc"
  # No quiet hours in the demo: it may run at night.
  printf '\n[sms]\nspool = %s\nname.ar = مركز الحي الحسني\nname.fr = Centre Hay Hassani\nname.zgh = ⴰⵎⵙⵉⵡⴰⴹ ⵍⵃⵉ ⵍⵃⴰⵙⴰⵏⵉ\nquiet_start = 00:00\nquiet_end = 00:00\npoll_ms = 500\n' \
    "$spool" >> "$demo/config/centre.conf"
  gammu-smsd -c "$spool/smsdrc" 2> "$demo/gammu-smsd.out" &
  sms_pids=($!)
  "$bin/shubbak-sms" --data "$demo/data" --config "$demo/config" 2> "$demo/sms.log" &
  sms_pids+=($!)
}

sms_print() {
  local db="$1/data/shubbak.db"
  for _ in $(seq 1 120); do  # gammu's dummy phone sends about one message a second
    [ "$(sqlite3 "$db" "SELECT count(*) FROM sms_queue WHERE state IN ('queued','spooled')")" = 0 ] && break
    sleep 0.5
  done
  echo "demo: SMS sent through gammu-smsd's dummy phone (texts as written to its spool; numbers not shown):"
  sqlite3 -separator ' | ' "$db" "SELECT coalesce(v.lang,'?'), q.kind, q.state, coalesce(q.body,'') FROM sms_queue q
                                   LEFT JOIN visitors v ON v.id=q.visitor_id ORDER BY q.id" | sed 's/^/  /'
}
