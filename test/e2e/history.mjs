// Alembic histories the cases write into temporary folders: files, and revisions with numbered ids.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** `r0000`, `r0001`, …: ids that sort in history order. */
export const id = (n) => `r${String(n).padStart(4, "0")}`;

export const revisionFile = (rev) => `alembic/versions/${rev}_step.py`;

export function write(root, file, text) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** The config an Alembic set needs to be found: alembic.ini and an env.py. */
export function writeAlembicConfig(root) {
  write(root, "alembic.ini", "[alembic]\nscript_location = alembic\n");
  write(root, "alembic/env.py", "from alembic import context\n");
}

/** A revision file whose upgrade() runs `upgrade` (one line of Python). */
export function writeRevision(root, rev, parent, upgrade = "pass") {
  write(root, revisionFile(rev), revisionText(rev, parent, upgrade));
}

/** A revision as `alembic revision` writes it (plain Python, no template). The git tests share it. */
export function revisionText(rev, parent, upgrade, message = `step ${rev}`) {
  return `"""${message}

Revision ID: ${rev}
Revises: ${parent ?? ""}
Create Date: 2024-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "${rev}"
down_revision = ${parent ? `"${parent}"` : "None"}
branch_labels = None
depends_on = None


def upgrade():
    ${upgrade}


def downgrade():
    pass
`;
}
