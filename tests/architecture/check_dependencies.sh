#!/usr/bin/env bash
# The direction of dependencies (docs/architecture.md), enforced: every #include of every source file under ROOT and
# every CMakeLists.txt link line is checked against what its room may use. Prints one line per violation
# ("file:line: ROOM may not include X") and exits 1 if there is any; exits 0 with a summary otherwise.
#   tests/architecture/check_dependencies.sh [ROOT]
set -uo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root" || exit 2

# ROOM | what it may include of ours (path prefixes) | system headers it may not include (extended regex)
ours_all='common/|store/|kiosk/|sync/|upstream/|desk/|http/|web/|sms/'
rules=(
  "common/|common/|sqlite3|SDL|imgui|curl/|sodium|fribidi|pqxx|libpq|httplib"
  "store/|common/ store/|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib"
  "kiosk/core/|common/ kiosk/core/|sqlite3|SDL|imgui|curl/|sodium|fribidi|pqxx|libpq|httplib"
  "kiosk/text/|common/ kiosk/core/ kiosk/text/|sqlite3|SDL|curl/|sodium|pqxx|libpq|httplib"
  "kiosk/platform/|common/ kiosk/platform/|sqlite3|curl/|sodium|pqxx|libpq|httplib"
  "kiosk/ui/|common/ kiosk/core/ kiosk/text/ kiosk/ui/|sqlite3|SDL|curl/|sodium|pqxx|libpq|httplib"
  "kiosk/store/|common/ store/ kiosk/core/ kiosk/store/|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib"
  "kiosk/app/|common/ store/ kiosk/|SDL|curl/|pqxx|libpq|httplib"  # SDL stays behind kiosk/platform
  "kiosk/admin/|common/ store/ kiosk/core/ kiosk/store/ kiosk/admin/|SDL|imgui|curl/|pqxx|libpq|httplib"
  "http/|common/ http/|sqlite3|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib"
  "web/|common/ http/ web/|sqlite3|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib"
  "desk/|common/ store/ kiosk/core/ kiosk/store/ http/ web/ desk/|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib"
  "sms/|common/ store/ kiosk/core/ kiosk/store/ sms/|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib|microhttpd|sys/socket"
  "sync/transport/|common/ sync/transport/|sqlite3|SDL|imgui|fribidi|pqxx|libpq|httplib"
  "sync/|common/ store/ sync/|SDL|imgui|curl/|fribidi|pqxx|libpq|httplib"
  "upstream/|common/ store/ http/ web/ upstream/|SDL|imgui|curl/|fribidi"
)
# CMake: what a room's targets may not link (extended regex over target_link_libraries lines).
link_rules=(
  "common/|shubbak_store|shubbak_core|shubbak_ui|shubbak_text|shubbak_platform|SQLite|SDL2|IMGUI|imgui|CURL|SODIUM|FRIBIDI"
  "store/|shubbak_core|shubbak_ui|shubbak_text|shubbak_platform|shubbak_kiosk|shubbak_sync|SDL2|IMGUI|imgui|CURL"
  "kiosk/core/|shubbak_store|shubbak_ui|shubbak_text|shubbak_platform|SQLite|SDL2|IMGUI|imgui|CURL|SODIUM|FRIBIDI"
  "kiosk/ui/|shubbak_store|shubbak_kiosk_store|shubbak_platform|SQLite|SDL2|CURL|SODIUM"
  "kiosk/app/|SDL2|CURL"
  "sync/|shubbak_core|shubbak_ui|shubbak_text|shubbak_platform|shubbak_kiosk|shubbak_app|SDL2|IMGUI|imgui"
  "http/|shubbak_store|shubbak_core|shubbak_ui|shubbak_text|shubbak_platform|shubbak_kiosk|shubbak_sync|shubbak_upstream|SQLite|SDL2|IMGUI|CURL"
  "web/|shubbak_store|shubbak_core|shubbak_ui|shubbak_text|shubbak_platform|shubbak_kiosk|shubbak_sync|shubbak_upstream|shubbak_dashboard|shubbak_desk|SQLite|PostgreSQL|SDL2|IMGUI|CURL"
  "sms/|shubbak_ui|shubbak_text|shubbak_platform|shubbak_app|shubbak_sync|shubbak_upstream|shubbak_http|shubbak_desk|SDL2|IMGUI|imgui|CURL"
  "desk/|shubbak_ui|shubbak_text|shubbak_platform|shubbak_app|shubbak_sync|shubbak_upstream|SDL2|IMGUI|imgui|CURL"
  "upstream/|shubbak_core|shubbak_ui|shubbak_text|shubbak_platform|shubbak_kiosk|shubbak_app|shubbak_sync|SDL2|IMGUI|CURL"
)

violations=0
checked=0
report() { echo "$1"; violations=$((violations + 1)); }

room_of() {  # the most specific rule whose room prefixes the file
  local f="$1" best="" r
  for r in "${rules[@]}"; do
    local room="${r%%|*}"
    [[ "$f" == "$room"* ]] && [ ${#room} -gt ${#best} ] && best="$room"
  done
  echo "$best"
}

while IFS= read -r f; do
  f="${f#./}"
  room=$(room_of "$f")
  [ -n "$room" ] || continue
  for r in "${rules[@]}"; do [ "${r%%|*}" = "$room" ] && rule="$r"; done
  allowed="${rule#*|}"; allowed="${allowed%%|*}"
  forbidden_sys="${rule#*|*|}"
  checked=$((checked + 1))
  while IFS=: read -r line inc; do
    name=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1/' <<<"$inc")
    if [[ "$name" =~ ^($ours_all) ]]; then
      ok=0
      for a in $allowed; do [[ "$name" == "$a"* ]] && ok=1; done
      [ $ok = 1 ] || report "$f:$line: $room may not include $name"
    elif [[ "$inc" == *'<'* || "$inc" == *'"'* ]] && [[ "$name" =~ ^($forbidden_sys) ]]; then
      report "$f:$line: $room may not include <$name>"
    fi
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include' "$f" | sed -E 's/^([0-9]+):/\1:/')
done < <(find . \( -path ./.git -o -path './build*' -o -path ./tests -o -path ./out \) -prune -o \
           -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.c' \) -print | sort)

while IFS= read -r f; do
  f="${f#./}"
  for r in "${link_rules[@]}"; do
    room="${r%%|*}"; forbidden="${r#*|}"
    [[ "$f" == "$room"* ]] || continue
    [[ "$room" == "sync/" || "$room" == "upstream/" || "$f" == "${room}CMakeLists.txt" ]] || continue
    while IFS=: read -r line text; do
      bad=$(grep -oE "($forbidden)[A-Za-z0-9_:]*" <<<"$text" | head -1)
      [ -z "$bad" ] || report "$f:$line: $room targets may not link $bad"
    done < <(grep -nE 'target_link_libraries' "$f")
  done
done < <(find . \( -path ./.git -o -path './build*' -o -path ./tests -o -path ./out \) -prune -o \
           -name CMakeLists.txt -print | sort)

if [ $violations -gt 0 ]; then
  echo "$violations dependency violations (rules: docs/architecture.md)"
  exit 1
fi
echo "dependency rules hold: $checked source files checked"
