#!/usr/bin/env python3
"""Reads YAML files with PyYAML's BaseLoader (every scalar a string) and prints their trees as JSON.

Used by dun's reader conformance test as an independent peer. Output: a JSON list with one object per file,
{"path": ..., "tree": T} or {"path": ..., "error": message}, where T is {"s": text}, {"l": [T, ...]} or
{"m": [[key, T], ...]} (mapping entries in file order; None, PyYAML's empty value, becomes "").
Exits 3 when PyYAML is missing.
"""
import json
import sys

try:
    import yaml
except ImportError:
    sys.stderr.write("PyYAML is not installed: run scripts/setup.sh (python3 -m pip install PyYAML)\n")
    sys.exit(3)


def tree(node):
    if node is None:
        return {"s": ""}
    if isinstance(node, str):
        return {"s": node}
    if isinstance(node, list):
        return {"l": [tree(item) for item in node]}
    if isinstance(node, dict):
        return {"m": [[key if isinstance(key, str) else repr(key), tree(value)] for key, value in node.items()]}
    return {"s": str(node)}


def main(paths):
    results = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                document = yaml.load(handle.read().decode("utf-8"), Loader=yaml.BaseLoader)
            results.append({"path": path, "tree": tree(document if document is not None else {})})
        except Exception as error:  # a parse error is a result, not a crash
            results.append({"path": path, "error": str(error)})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
