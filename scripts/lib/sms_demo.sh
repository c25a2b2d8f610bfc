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

# The demo's queue moves: staff salma at counter 1 calls and serves TIMES tickets through the desk console
# (DESK_URL, its CA in DEMO/config/desk/ca.pem), so that each tour woman with a number and consent (b) comes within
# [service] sms_ahead of her turn and gets her "turn near" SMS, in her language.
sms_move_queue() {
  local demo="$1" url="$2" times="$3" jar csrf i
  jar="$(mktemp)"
  local c=(curl -sS --max-time 10 --cacert "$demo/config/desk/ca.pem" -c "$jar" -b "$jar")
  csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
  csrf="$("${c[@]}" "$url/signin" | csrf_of)"
  "${c[@]}" -o /dev/null -d "csrf=$csrf&login=salma&pin=2468&counter=1" "$url/signin"
  for i in $(seq 1 "$times"); do
    csrf="$("${c[@]}" "$url/console" | csrf_of)"
    "${c[@]}" -o /dev/null -d "csrf=$csrf" "$url/call-next"
    csrf="$("${c[@]}" "$url/console" | csrf_of)"
    "${c[@]}" -o /dev/null -d "csrf=$csrf&outcome=info_given&note=" "$url/served"
  done
  rm -f "$jar"
}
