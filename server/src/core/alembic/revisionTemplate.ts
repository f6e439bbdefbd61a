import { createHash } from "node:crypto";

export interface NewRevision {
  readonly id: string;
  readonly message: string;
  readonly downRevisions: readonly string[];
  readonly createDate: Date;
}

/** Alembic's default layout (its `generic` script.py.mako), rendered for a new revision. */
export function renderRevisionFile(revision: NewRevision): string {
  const down = revision.downRevisions;
  const downLiteral = down.length === 0 ? "None" : down.length === 1 ? pyString(down[0]!) : `(${down.map(pyString).join(", ")})`;
  return `"""${revision.message}

Revision ID: ${revision.id}
Revises: ${down.join(", ")}
Create Date: ${formatCreateDate(revision.createDate)}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = ${pyString(revision.id)}
down_revision: Union[str, Sequence[str], None] = ${downLiteral}
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
`;
}

/** Alembic's default file name: `<id>_<slug of the message>.py`, the slug cut at 40 characters. */
export function revisionFileName(id: string, message: string): string {
  const slug = (message.toLowerCase().match(/\w+/g) ?? []).join("_").slice(0, 40).replace(/_+$/, "");
  return slug ? `${id}_${slug}.py` : `${id}_.py`;
}

/** A 12-hex id like Alembic's, derived from a seed so a fix offered twice writes the same file. */
export function revisionIdFor(seed: string, taken: (id: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const id = createHash("sha1").update(`${seed}#${attempt}`).digest("hex").slice(0, 12);
    if (!taken(id)) return id;
  }
}

function pyString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function formatCreateDate(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`;
}
