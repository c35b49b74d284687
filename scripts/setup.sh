#!/usr/bin/env bash
# Installs what dun needs on a fresh machine of this kind, only when it is missing.
# Idempotent: a second run does nothing but check.
set -euo pipefail

need_apt=()
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || need_apt+=(libcurl4-openssl-dev)
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
# dun import checks IANA zone names against the system zone directory.
[ -f /usr/share/zoneinfo/America/New_York ] || need_apt+=(tzdata)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
# IANA tz database: only scripts/gen-tz-data.py reads it (the Swift tables are compiled in).
[ -f /usr/share/zoneinfo/tzdata.zi ] || need_apt+=(tzdata)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "setup: installing ${need_apt[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${need_apt[@]}" >&2
fi

# Test peers (tests only; the product itself is Swift): PyYAML for reader conformance,
# aiosmtpd as a real SMTP server.
need_pip=()
python3 -c 'import yaml' 2>/dev/null || need_pip+=(PyYAML)
python3 -c 'import aiosmtpd' 2>/dev/null || need_pip+=(aiosmtpd)
if [ ${#need_pip[@]} -gt 0 ]; then
    echo "setup: installing ${need_pip[*]} with pip" >&2
    python3 -m pip install -q "${need_pip[@]}" >&2
fi
