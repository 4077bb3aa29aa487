#!/usr/bin/env python3
"""Times one learning-report stream's snapshot, as a fast client reads it (docs/benchmarks.md).

Usage: infra/bench/report-snapshot.py <organization id> <administrator token> [query, e.g. '?department=Dept%203']
Reads NDJSON from the query side (QUERY_SIDE_URL, default http://localhost:8081) until
snapshot-complete and prints the time and the rows read.
"""
import os
import sys
import time
import urllib.request

organization, token = sys.argv[1], sys.argv[2]
query = sys.argv[3] if len(sys.argv) > 3 else ''
base = os.environ.get('QUERY_SIDE_URL', 'http://localhost:8081')
request = urllib.request.Request(f"{base}/api/organizations/{organization}/reports/learning/stream{query}",
                                 headers={"Authorization": "Bearer " + token, "Accept": "application/x-ndjson"})
started = time.time()
rows = 0
with urllib.request.urlopen(request) as response:
    for line in response:
        if b'"snapshot-complete"' in line:
            break
        rows += 1
print(f"snapshot: {rows} rows in {time.time() - started:.2f} s")
