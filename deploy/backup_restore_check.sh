#!/bin/sh
# Back up the database with pg_dump, restore it into a scratch database with pg_restore, and compare row
# counts of every table: proof that the nightly backup can be restored. Never touches the live database
# beyond reading it.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consultation deploy/backup_restore_check.sh [backup-dir]
set -eu
: "${DATABASE_URL:?set DATABASE_URL to the live database}"
dir="${1:-var/backups}"
mkdir -p "$dir"
stamp=$(date +%Y%m%d-%H%M%S)
file="$dir/consultation-$stamp.dump"
scratch="restore_check_$stamp"
base="${DATABASE_URL%/*}"

pg_dump --format=custom --no-owner --file="$file" "$DATABASE_URL"
echo "backup: $file ($(du -h "$file" | cut -f1))"

createdb --maintenance-db="$base/postgres" "$scratch"
trap 'dropdb --maintenance-db="$base/postgres" "$scratch"' EXIT
pg_restore --no-owner --exit-on-error --dbname="$base/$scratch" "$file"

count_rows() {
  psql --no-psqlrc --tuples-only --no-align "$1" -c "
    SELECT string_agg(format('%s=%s', tablename,
           (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', schemaname, tablename), false, true, '')))[1]::text), ' ' ORDER BY tablename)
    FROM pg_tables WHERE schemaname = 'public'"
}
live=$(count_rows "$DATABASE_URL")
restored=$(count_rows "$base/$scratch")
if [ "$live" = "$restored" ]; then
  echo "restore: every table has the same number of rows ($(echo "$live" | wc -w) tables)"
else
  echo "restore: row counts differ" >&2
  echo "live:     $live" >&2
  echo "restored: $restored" >&2
  exit 1
fi
