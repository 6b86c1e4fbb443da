# Shared by tools/serve and tools/test: find Odoo and PostgreSQL, build the addons path.
# Odoo itself is a prerequisite (see README.md); nothing here fetches or installs it.

ODOO_PYTHON=${ODOO_PYTHON:-/opt/odoo/venv/bin/python}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-$(id -un)}
export PGHOST PGPORT PGUSER

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "coprod: $*" >&2; exit 2; }

check_odoo() {
  [ -x "$ODOO_PYTHON" ] || command -v "$ODOO_PYTHON" >/dev/null 2>&1 ||
    die "no Python at $ODOO_PYTHON. Install Odoo 18.0 in a virtualenv there, or set ODOO_PYTHON to a Python that can 'import odoo' (see README.md)."
  local version
  version=$("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.series)' 2>/dev/null) ||
    die "$ODOO_PYTHON cannot import odoo. Install Odoo 18.0 into it, or set ODOO_PYTHON (see README.md)."
  [ "$version" = "18.0" ] || die "$ODOO_PYTHON has Odoo $version; coprod needs Odoo 18.0."
}

check_postgres() {
  command -v pg_isready >/dev/null 2>&1 || die "pg_isready not found: install the PostgreSQL client (postgresql-client)."
  pg_isready -q -h "$PGHOST" -p "$PGPORT" ||
    die "PostgreSQL does not answer on $PGHOST:$PGPORT. Start it, or set PGHOST/PGPORT (see README.md)."
  [ "$PGUSER" != "postgres" ] || die "Odoo refuses the 'postgres' role: set PGUSER to another role that can create databases."
}

# Odoo's own addons: inside the odoo package (pip install) and, for a source
# checkout, the addons/ folder beside it.
odoo_addons_path() {
  "$ODOO_PYTHON" - <<'PY'
import os, odoo
pkg = os.path.dirname(odoo.__file__)
paths = [os.path.join(pkg, "addons")]
src = os.path.join(os.path.dirname(pkg), "addons")
if os.path.isdir(os.path.join(src, "web")):
    paths.insert(0, src)
print(",".join(paths))
PY
}

# write_config FILE ADDONS_DIR DATA_DIR DB
write_config() {
  cat > "$1" <<CONF
[options]
addons_path = $(odoo_addons_path),$2
data_dir = $3
db_name = $4
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = False
http_interface = ${COPROD_HTTP_INTERFACE:-127.0.0.1}
http_port = ${COPROD_HTTP_PORT:-8069}
list_db = False
CONF
}

db_exists() {
  [ "$(psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'" 2>/dev/null)" = "1" ]
}
