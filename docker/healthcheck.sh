#!/usr/bin/env bash
# healthcheck PORT [PATH]: exits 0 when GET http://127.0.0.1:PORT/PATH answers 200, 1 otherwise.
# The images' HEALTHCHECK. Bash's /dev/tcp does the request, so the images need no curl or wget;
# Docker's --timeout bounds a server that accepts and never answers.
set -euo pipefail
port="${1:?usage: healthcheck PORT [PATH]}"
path="${2:-/health}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r _ status _ <&3 || exit 1
[[ "$status" == "200" ]]
