#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, listening on 127.0.0.1 only, trust auth.
#
#   scripts/throwaway-postgres.sh start [DIR]   # DIR: empty or missing folder; default: a new one under /tmp
#   scripts/throwaway-postgres.sh stop DIR      # stops the server by its pid and removes DIR
#
# `start` prints two lines on stdout, everything else goes to stderr:
#   DATABASE_URL=postgres://postgres@127.0.0.1:PORT/translink
#   THROWAWAY_PG_DIR=DIR
# Environment: THROWAWAY_PG_PORT (first port tried, default 54329), THROWAWAY_PG_DB (default translink).
# If no initdb is found under /usr/lib/postgresql/*/bin, Debian's `postgresql` package is installed
# (needs root). Run as root, the server runs as the `postgres` user.
set -euo pipefail

MARKER=.throwaway-postgres # written first into DIR: `stop` only deletes folders that carry it

say() { printf 'throwaway-postgres: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the postgres user (initdb and postgres refuse to run as root).
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

find_bindir() {
    local initdb
    initdb=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null \
        | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] && dirname "$initdb"
}

install_postgresql() {
    is_root || die "initdb not found under /usr/lib/postgresql/*/bin and not root: install Debian's postgresql package"
    local log policy=/usr/sbin/policy-rc.d added_policy=""
    log=$(mktemp /tmp/throwaway-postgres-apt.XXXXXX.log)
    # Keep the package's own "main" cluster from being started (the standard Debian switch).
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
    fi
    say "installing postgresql from Debian's packages (log: $log)"
    local rc=0
    { apt-get update && apt-get install -y --no-install-recommends postgresql; } \
        </dev/null >"$log" 2>&1 || rc=$?
    [ -z "$added_policy" ] || rm -f "$policy"
    if [ "$rc" -ne 0 ]; then
        cat "$log" >&2
        die "installing postgresql failed (exit $rc)"
    fi
    rm -f "$log"
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True while pid $1 runs (a zombie left unreaped by a container's init counts as gone).
alive() {
    local state
    state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d ' ' -f 1) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# If `start` fails half-way, stop what it started and remove its folder.
STARTING_DIR=""
on_exit() { [ -z "$STARTING_DIR" ] || (stop "$STARTING_DIR") >/dev/null 2>&1 || true; }
trap on_exit EXIT

start() {
    local dir=${1:-} port=${THROWAWAY_PG_PORT:-54329} db=${THROWAWAY_PG_DB:-translink} bindir
    if [ -n "$dir" ]; then
        mkdir -p "$dir"
        [ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
    else
        dir=$(mktemp -d /tmp/throwaway-postgres.XXXXXX)
    fi
    dir=$(cd "$dir" && pwd -P)
    : >"$dir/$MARKER"
    STARTING_DIR=$dir
    case $dir in *[\'\ ]*) die "$dir: use a folder path without quotes or spaces" ;; esac
    # A Unix socket path may not exceed 107 bytes.
    [ "${#dir}" -le 80 ] || die "$dir: path too long for the server's socket, use a shorter one"

    bindir=$(find_bindir) || true
    if [ -z "$bindir" ]; then
        install_postgresql
        bindir=$(find_bindir) || die "still no initdb under /usr/lib/postgresql/*/bin after installing postgresql"
    fi

    if is_root; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --no-create-home \
            --shell /usr/sbin/nologin postgres
        chown postgres: "$dir" "$dir/$MARKER"
        chmod 700 "$dir"
    fi

    local tries=0
    while port_in_use "$port"; do
        tries=$((tries + 1))
        [ "$tries" -lt 100 ] || die "no free port from ${THROWAWAY_PG_PORT:-54329} upwards"
        port=$((port + 1))
    done

    # C.UTF-8 always exists on Debian, whatever locale the caller has set.
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed in $dir"; }

    # fsync off: the data is thrown away, speed matters more than crash safety.
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1 \
        || { cat "$dir/postgres.log" >&2 2>/dev/null || true; die "the server in $dir did not start (port $port)"; }

    local waited=0
    until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; do
        waited=$((waited + 1))
        [ "$waited" -lt 60 ] || { cat "$dir/postgres.log" >&2; die "the server in $dir does not accept connections"; }
        sleep 1
    done

    # The database the URL names, so the URL also serves `manage.py migrate` and friends.
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" \
        || die "could not create database $db on port $port"

    STARTING_DIR=""
    say "running on 127.0.0.1:$port, data in $dir; stop with: $0 stop $dir"
    printf 'DATABASE_URL=postgres://postgres@127.0.0.1:%s/%s\n' "$port" "$db"
    printf 'THROWAWAY_PG_DIR=%s\n' "$dir"
}

stop() {
    local dir=${1:-}
    [ -n "$dir" ] || die "usage: $0 stop DIR"
    [ -e "$dir" ] || return 0 # already gone
    dir=$(cd "$dir" && pwd -P)
    if [ ! -e "$dir/$MARKER" ]; then
        rmdir "$dir" 2>/dev/null && return 0 # an empty folder that `start` never got to use
        die "$dir was not made by this script (no $MARKER): not touching it"
    fi

    local pidfile=$dir/data/postmaster.pid pid=""
    [ -f "$pidfile" ] && pid=$(head -n 1 "$pidfile")
    # Only signal the pid if it still is this cluster's postmaster (pids get reused).
    if [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/data"; then
        kill -INT "$pid" 2>/dev/null || true # fast shutdown
        local i
        for i in $(seq 1 300); do
            alive "$pid" || break
            [ "$i" -ne 150 ] || kill -QUIT "$pid" 2>/dev/null || true # immediate shutdown after 15 s
            sleep 0.1
        done
        if alive "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
        fi
        ! alive "$pid" || die "server pid $pid in $dir would not stop"
    fi
    rm -rf -- "$dir"
    say "stopped and removed $dir"
}

case ${1:-} in
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    *) die "usage: $0 start [DIR] | stop DIR" ;;
esac
