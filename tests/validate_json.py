#!/usr/bin/env python3
"""Validates a JSON document against a JSON Schema: validate_json.py SCHEMA DOCUMENT.
Exit 0 when it conforms; otherwise 1 with the first violation on stderr."""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    document = json.load(f)
try:
    jsonschema.validate(document, schema, cls=jsonschema.Draft7Validator)
except jsonschema.ValidationError as e:
    print(f"{sys.argv[2]}: {e.message} at {list(e.absolute_path)}", file=sys.stderr)
    sys.exit(1)
