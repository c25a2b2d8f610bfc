# Shared by scripts/demo and scripts/bench: a kiosk configuration pointed at a national side brought up by
# scripts/hub. Source it; needs $root (the project) and $bin (the build's bin folder).

# hub_up DIR ARGS...: scripts/hub up DIR ARGS...; its KEY=value lines are kept in DIR.env.
hub_up() {
  local d="$1"; shift
  SHUBBAK_BIN="$bin" "$root/scripts/hub" up "$d" "$@" > "$d.env"
}

# hub_get DIR KEY: one value of what `hub_up DIR` printed.
hub_get() { sed -n "s/^$2=//p" "$1.env" | head -1; }

# hub_config SOURCE_CONFIG HUB KIOSK_ID TARGET_CONFIG [EXTRA_SYNC_LINES]: a copy of SOURCE_CONFIG whose [sync]
# points at the hub through nginx (TLS with the hub's CA), with a new token for KIOSK_ID (TARGET_CONFIG/token,
# 0600), writing record format 3 (identities sealed to the registry key at the kiosk).
hub_config() {
  local src="$1" hub="$2" kiosk="$3" dst="$4" extra="${5:-}"
  rm -rf "$dst"
  cp -r "$src" "$dst"
  (umask 077; SHUBBAK_BIN="$bin" "$root/scripts/hub" token "$hub" "$kiosk" > "$dst/token")
  sed -i -e "s#^kiosk_id = .*#kiosk_id = $kiosk#" \
    -e "s#^seal_public_key = .*#seal_public_key = $(hub_get "$hub" seal_public_key)\nupstream = $(hub_get "$hub" url)\nca_file = $(hub_get "$hub" ca_file)\ntoken_file = token\nregistry_public_key = $(hub_get "$hub" registry_public_key)\nnational_key_file = $(hub_get "$hub" national_key_file)\nsigning_public_key = $(hub_get "$hub" signing_public_key)\n$extra#" \
    "$dst/centre.conf"
}
