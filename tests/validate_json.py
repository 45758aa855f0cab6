#!/usr/bin/env python3
"""Validates JSON documents against JSON Schemas:
validate_json.py SCHEMA DOCUMENT [SCHEMA DOCUMENT ...] (one interpreter for many documents).
Exit 0 when every document conforms to its schema; otherwise 1 with the first violation of each
document that does not on stderr."""
import json
import sys

import jsonschema

failed = False
pairs = sys.argv[1:]
if not pairs or len(pairs) % 2:
    sys.exit("usage: validate_json.py SCHEMA DOCUMENT [SCHEMA DOCUMENT ...]")
for schema_path, document_path in zip(pairs[0::2], pairs[1::2]):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(document_path, encoding="utf-8") as f:
        document = json.load(f)
    try:
        jsonschema.validate(document, schema, cls=jsonschema.Draft7Validator)
    except jsonschema.ValidationError as e:
        print(f"{document_path} ({schema_path}): {e.message} at {list(e.absolute_path)}",
              file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
