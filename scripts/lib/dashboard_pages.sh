# Timing the ministry's dashboard pages through nginx (scripts/bench dashboard; by hand on a hub brought up with
# --dashboard). Source it. Needs curl.

# dashboard_page_times HUB_ENV COOKIE_JAR PATH RUNS WARMUP: real HTTPS GETs of PATH, signed in as the hub's demo
# account (the first call signs in and keeps the session in COOKIE_JAR), WARMUP then RUNS timed, over one kept-alive
# connection (curl reuses it for the repeated URL). Prints "p50_ms p95_ms max_ms not_200" (nearest rank).
dashboard_page_times() {
  local env="$1" jar="$2" path="$3" runs="$4" warm="$5" url ca csrf i
  url="$(sed -n 's/^dashboard_url=//p' "$env")"; ca="$(sed -n 's/^ca_file=//p' "$env")"
  if [ ! -s "$jar.signed" ]; then
    csrf="$(curl -sS --cacert "$ca" -c "$jar" "$url/signin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
    curl -sS --cacert "$ca" -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
      --data-urlencode "name=$(sed -n 's/^dashboard_user=//p' "$env")" \
      --data-urlencode "password=$(cat "$(sed -n 's/^dashboard_password_file=//p' "$env")")" "$url/signin"
    echo signed > "$jar.signed"
  fi
  local args=()
  for i in $(seq 1 $((runs + warm))); do args+=(-o /dev/null "$url$path"); done
  local got
  got="$(curl -sS --cacert "$ca" -b "$jar" -w '%{http_code} %{time_total}\n' "${args[@]}" | tail -n +$((warm + 1)))"
  awk '{ printf "%.3f %s\n", $2 * 1000, $1 }' <<<"$got" | sort -n |
    awk '{ ms[NR] = $1; if ($2 != 200) bad++ }
         END { r50 = int((NR * 50 + 99) / 100); r95 = int((NR * 95 + 99) / 100)
               printf "%.1f %.1f %.1f %d\n", ms[r50], ms[r95], ms[NR], bad }'
}
