# Shared by scripts/demo and scripts/bench: a local reference upstream with test certificates.
# Source it; needs $bin (the build's bin folder).

# make_upstream DIR: DIR/certs (a test CA and a server certificate for 127.0.0.1), DIR/upstream/keys, DIR/token.
make_upstream() {
  local dir="$1"
  if [ ! -f "$dir/certs/server.pem" ]; then
    mkdir -p "$dir/certs"
    (cd "$dir/certs"
     openssl ecparam -name prime256v1 -genkey -noout -out ca.key
     openssl req -x509 -new -key ca.key -out ca.pem -days 3650 -subj "/CN=Shubbak test CA"
     openssl ecparam -name prime256v1 -genkey -noout -out server.key
     openssl req -new -key server.key -out server.csr -subj "/CN=localhost"
     printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" > server.ext
     openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 3650 \
       -extfile server.ext) 2>/dev/null
  fi
  if [ ! -f "$dir/upstream/keys/seal.pub" ]; then
    "$bin/shubbak-upstream" keygen --out "$dir/upstream/keys" >/dev/null
    "$bin/shubbak-upstream" token add kiosk-01 --data "$dir/upstream" > "$dir/token"
    chmod 600 "$dir/token"
  fi
}

# upstream_config SOURCE_CONFIG DIR PORT TARGET_CONFIG [EXTRA_SYNC_LINES]: a copy of SOURCE_CONFIG whose [sync]
# points at the upstream made by make_upstream DIR, listening on PORT.
upstream_config() {
  local src="$1" dir="$2" port="$3" dst="$4" extra="${5:-}"
  rm -rf "$dst"
  cp -r "$src" "$dst"
  sed -i "s#^seal_public_key = .*#seal_public_key = $(cat "$dir/upstream/keys/seal.pub")\nupstream = https://127.0.0.1:$port\nca_file = $dir/certs/ca.pem\ntoken_file = $dir/token\n$extra#" \
    "$dst/centre.conf"
}

# free_port: a TCP port nobody listens on now.
free_port() {
  local p
  for p in $(seq 18500 18999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}
