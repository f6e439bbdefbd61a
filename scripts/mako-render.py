#!/usr/bin/python3
"""Renders a script.py.mako with Python's Mako as Alembic's `generate_revision` does.

Test tooling only. Reads JSON on stdin: {"template", "up_revision", "down_revision" (list),
"message", "create_date" ([y, m, d, H, M, S, microsecond]), "options" ({name: value})} and prints
the rendered text, so Migration Lens's renderer can be compared with the real one.
"""

import datetime
import json
import sys

from mako.template import Template


class Config:
    def __init__(self, options):
        self.options = options

    def get_main_option(self, name, default=None):
        return self.options.get(name, default)


def comma(value):
    # alembic.util.format_as_comma
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return ", ".join(value)


args = json.load(sys.stdin)
down = args["down_revision"]
sys.stdout.write(
    Template(filename=args["template"]).render_unicode(
        up_revision=args["up_revision"],
        down_revision=None if not down else down[0] if len(down) == 1 else tuple(down),
        branch_labels=None,
        depends_on=None,
        create_date=datetime.datetime(*args["create_date"]),
        comma=comma,
        message=args["message"],
        config=Config(args["options"]),
    )
)
