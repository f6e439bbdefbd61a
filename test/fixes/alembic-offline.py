"""Asks Debian's Alembic about a history without a database: `heads`, `upgrade heads --sql`, and
with `--downgrade REV:PARENT` first, `downgrade REV:PARENT --sql`.

argv: the folders holding revision files. Prints one JSON object: for each command whether it
succeeded, what it printed, and the error. The env.py beside this file renders PostgreSQL SQL.
"""
import io
import json
import os
import sys

from alembic import command
from alembic.config import Config


def run(version_locations, downgrade):
    result = {}
    for name in ("heads", "upgrade") + (("downgrade",) if downgrade else ()):
        out = io.StringIO()
        config = Config(stdout=out, output_buffer=out)
        config.set_main_option("script_location", os.path.dirname(os.path.abspath(__file__)))
        config.set_main_option("version_locations", os.pathsep.join(version_locations))
        config.set_main_option("version_path_separator", "os")
        try:
            if name == "heads":
                command.heads(config)
            elif name == "upgrade":
                command.upgrade(config, "heads", sql=True)
            else:
                command.downgrade(config, downgrade, sql=True)
            result[name] = {"ok": True, "output": out.getvalue()}
        except BaseException as error:  # a revision file's own SyntaxError or SystemExit counts as a refusal
            result[name] = {"ok": False, "output": out.getvalue(), "error": f"{type(error).__name__}: {error}"}
    return result


args = sys.argv[1:]
steps_back = args[1] if args[:1] == ["--downgrade"] else None
print(json.dumps(run(args[2:] if steps_back else args, steps_back)))
