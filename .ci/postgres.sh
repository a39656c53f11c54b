#!/usr/bin/env bash
# A local PostgreSQL for the store tests (Debian, as root). `source .ci/postgres.sh` exports
# KRNEWS_TEST_POSTGRES_URL; running it prints the export line. Installs `postgresql` with apt-get when
# missing, starts (or creates) the packaged cluster on 127.0.0.1, sets the password of `postgres` and
# creates the database. KRNEWS_PG_PORT (port of a new cluster), KRNEWS_PG_PASSWORD and KRNEWS_PG_DB
# change the defaults.

_krnews_pg_setup() (
    set -euo pipefail
    port="${KRNEWS_PG_PORT:-5432}" password="${KRNEWS_PG_PASSWORD:-postgres}" db="${KRNEWS_PG_DB:-krnews_test}"

    if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "postgres.sh: installing postgresql" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {found = 1} END {exit !found}'; then
        pg_createcluster --port "$port" "$version" main >&2
    fi
    port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
    # Only the loopback interface: the tests never need anything else.
    echo "listen_addresses = '127.0.0.1'" >"/etc/postgresql/$version/main/conf.d/krnews-test.conf"
    if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" {found = 1} END {exit !found}'; then
        pg_ctlcluster "$version" main reload >&2
    else
        pg_ctlcluster "$version" main start >&2
    fi
    for _ in $(seq 1 60); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 0.5
    done
    pg_isready -h 127.0.0.1 -p "$port" >&2

    runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 \
        -c "ALTER USER postgres PASSWORD '$password'" >&2
    if ! runuser -u postgres -- psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        runuser -u postgres -- createdb -p "$port" "$db" >&2
    fi
    echo "postgresql://postgres:$password@127.0.0.1:$port/$db"
)

# Not inside `if`: bash would switch off `set -e` in the function.
_krnews_pg_url="$(_krnews_pg_setup)"
if [ $? -eq 0 ] && [ -n "$_krnews_pg_url" ]; then
    export KRNEWS_TEST_POSTGRES_URL="$_krnews_pg_url"
    echo "export KRNEWS_TEST_POSTGRES_URL=$_krnews_pg_url"
    unset _krnews_pg_url
else
    echo "postgres.sh: could not start PostgreSQL" >&2
    unset _krnews_pg_url
    return 1 2>/dev/null || exit 1
fi
