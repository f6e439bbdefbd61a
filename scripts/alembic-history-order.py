#!/usr/bin/python3
"""The order `alembic history` lists revisions in, as Alembic itself computes it.

Test tooling only. Reads JSON on stdin: {"name": [{"id", "parents", "dependsOn", "branchLabels"}, ...], ...}
(revisions in the order Alembic would load their files) and prints {"name": [ids newest first]}
from RevisionMap.iterate_revisions("heads", "base"), which `alembic history` walks.
"""

import json
import sys

from alembic.script.revision import Revision, RevisionMap


def as_tuple(values):
    return tuple(values) if values else None


def history(revisions):
    def load():
        for r in revisions:
            yield Revision(r["id"], as_tuple(r["parents"]), dependencies=as_tuple(r["dependsOn"]), branch_labels=as_tuple(r["branchLabels"]))

    revision_map = RevisionMap(load)
    return [r.revision for r in revision_map.iterate_revisions("heads", "base", inclusive=True, assert_relative_length=False)]


print(json.dumps({name: history(revisions) for name, revisions in json.load(sys.stdin).items()}))
