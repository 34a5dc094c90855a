"""Long work with progress: imports started from the web run here, in a background thread.

Above the services, below web/cli. Progress is read back from the database (the import run's
counters are committed batch by batch), so any web worker can show it.
"""
