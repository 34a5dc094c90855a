#!/usr/bin/env bash
# Development only, before the first release: rebuild 0001 from the models.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f src/ipops/store/migrations/versions/0001_initial_schema.py /tmp/ipops-mig.db
.venv/bin/python -c "
from ipops.store.settings import Settings
from ipops.store.db import make_engine
from ipops.store import migrate
migrate.autogenerate(make_engine(Settings(database_url='sqlite:////tmp/ipops-mig.db')), 'initial schema')"
f=$(ls src/ipops/store/migrations/versions/*_initial_schema.py)
mv "$f" src/ipops/store/migrations/versions/0001_initial_schema.py
sed -i "s/^revision = '.*'/revision = '0001'/; s/^Revision ID: .*/Revision ID: 0001/" src/ipops/store/migrations/versions/0001_initial_schema.py
