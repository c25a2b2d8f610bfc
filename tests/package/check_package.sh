#!/usr/bin/env bash
# Builds the Debian package from a build folder (cpack) and checks what a Debian user and an auditor would: the
# files it installs, its maintainer scripts, its units (systemd-analyze verify, and security exposure <= 2.0 for
# shubbak-sync, <= 3.0 for the others).
#   check_package.sh BUILD_DIR
set -euo pipefail
build="$1"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
deb="$(ls "$out"/shubbak_*_amd64.deb)"
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
contents="$(dpkg-deb -c "$deb" | awk '{print $1, $NF}')"
has() { grep -q " ./$1\$" <<<"$contents" || fail "the package lacks /$1"; }
for b in shubbak-kiosk shubbak-sync shubbak-admin shubbak-upstream; do has "usr/bin/$b"; done
for u in kiosk counter display sync upstream; do has "usr/lib/systemd/system/shubbak-$u.service"; done
for f in usr/share/shubbak/assets/i18n/ar.po usr/share/shubbak/assets/i18n/zgh.po usr/share/shubbak/assets/i18n/fr.po \
         usr/share/shubbak/voice/manifest.json usr/share/shubbak/examples/deploy/centre.conf \
         usr/share/shubbak/examples/demo/catalog.conf usr/share/doc/shubbak/deployment.md \
         usr/share/doc/shubbak/national.md usr/share/shubbak/nginx/shubbak-upstream.conf \
         usr/share/shubbak/nginx/shubbak-receivers.conf; do has "$f"; done
# The receiver links PostgreSQL's client library and libmicrohttpd: the package must depend on them.
dpkg-deb -f "$deb" Depends | grep -q 'libpq5' || fail "Depends lacks libpq5 (the receiver)"
dpkg-deb -f "$deb" Depends | grep -q 'libmicrohttpd' || fail "Depends lacks libmicrohttpd (the receiver)"
# Nothing from a developer's machine: no store, no keys, no tokens.
if grep -E '\.db$|token$|\.key$|/out/|/build/' <<<"$contents"; then fail "the package carries local files"; fi
# Binaries are stripped.
dpkg-deb -x "$deb" "$out/root"
file "$out/root/usr/bin/shubbak-kiosk" | grep -q stripped || true
if file "$out/root/usr/bin/shubbak-kiosk" | grep -q "not stripped"; then fail "binaries are not stripped"; fi

# The nginx site parses, with its include where the package puts it.
if command -v nginx >/dev/null; then
  site="$(sed "s#/usr/share/shubbak/nginx/#$out/root/usr/share/shubbak/nginx/#" \
          "$out/root/usr/share/shubbak/nginx/shubbak-upstream.conf")"
  mkdir -p "$out/nginx"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=t -days 1 \
    -keyout "$out/nginx/k.pem" -out "$out/nginx/c.pem" 2>/dev/null
  site="$(sed -e "s#/etc/shubbak/upstream/server.pem#$out/nginx/c.pem#" -e "s#/etc/shubbak/upstream/server.key#$out/nginx/k.pem#" \
          -e "s#listen 443 ssl;#listen 127.0.0.1:1 ssl;#" -e "s#listen \[::\]:443 ssl;##" <<<"$site")"
  printf 'pid %s/nginx/pid;\nerror_log stderr;\nevents {}\nhttp {\n%s\n}\n' "$out" "$site" > "$out/nginx/nginx.conf"
  nginx -t -q -e stderr -p "$out/nginx" -c "$out/nginx/nginx.conf" || fail "the nginx site does not parse"
fi

# Control: dependencies and maintainer scripts.
dpkg-deb -e "$deb" "$out/control"
grep -q '^Depends:.*cage' "$out/control/control" || fail "Depends lacks cage"
grep -q '^Depends:.*adduser' "$out/control/control" || fail "Depends lacks adduser"
grep -q '^Depends:.*tzdata' "$out/control/control" || fail "Depends lacks tzdata (the centre's time zone)"
for s in postinst prerm postrm; do
  [ -x "$out/control/$s" ] || fail "$s is missing or not executable"
  sh -n "$out/control/$s" || fail "$s does not parse"
done
grep -q 'adduser --system' "$out/control/postinst" || fail "postinst makes no system user"
grep -q 'shubbak-admin --data /var/lib/shubbak --config /etc/shubbak init' "$out/control/postinst" ||
  fail "postinst does not migrate the store"
grep -q 'rm -rf /etc/shubbak /var/lib/shubbak' "$out/control/postrm" || fail "purge leaves data behind"
grep -q '"\$1" = "purge"' "$out/control/postrm" || fail "postrm deletes data on a plain remove"

# Units: verify (the package's own binaries, the system's cage) and score.
mkdir -p "$out/units"
for u in "$out"/root/usr/lib/systemd/system/*.service; do
  sed "s#/usr/bin/shubbak-#$out/root/usr/bin/shubbak-#g" "$u" > "$out/units/$(basename "$u")"
done
if ! verify="$(cd "$out/units" && systemd-analyze verify ./*.service 2>&1)" || [ -n "$verify" ]; then
  fail "systemd-analyze verify: $verify"
fi
echo "systemd-analyze verify: clean"
for u in "$out"/root/usr/lib/systemd/system/*.service; do
  name="$(basename "$u")"
  score="$(systemd-analyze security --offline=yes "$u" 2>/dev/null |
           sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')"
  limit=3.0
  [ "$name" = shubbak-sync.service ] && limit=2.0
  [ -n "$score" ] || fail "no exposure score for $name"
  awk "BEGIN { exit !($score <= $limit) }" || fail "$name exposure $score > $limit"
  grep -q '^Restart=always' "$u" || fail "$name does not restart itself"
  echo "$name: exposure $score (limit $limit)"
done
for u in kiosk counter display; do
  grep -q '^IPAddressDeny=any' "$out/root/usr/lib/systemd/system/shubbak-$u.service" || fail "shubbak-$u allows IP"
  ! grep -q 'AF_INET' "$out/root/usr/lib/systemd/system/shubbak-$u.service" || fail "shubbak-$u allows AF_INET"
done
echo "package ok"
