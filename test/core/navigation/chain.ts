import { INI, Project, revision } from "./project";

/**
 * a1 ← b2 ← c3 ─┐
 *        ↖ d4 ──┴ e5 (merge)
 *          ↖ f6 (down_revision names d4's label "feature"; depends_on c3)
 */
export function chainProject(): Project {
  return new Project({
    "alembic.ini": INI,
    "alembic/versions/a1_create_users.py": revision("a1", null, { message: "create users", date: "2024-01-01 09:00:00" }),
    "alembic/versions/b2_create_posts.py": revision("b2", "a1", { message: "create posts", date: "2024-01-02 09:00:00" }),
    "alembic/versions/c3_add_slug.py": revision("c3", "b2", { message: "add slug", date: "2024-01-03 09:00:00" }),
    "alembic/versions/d4_feature.py": revision("d4", "b2", { message: "start feature", labels: '("feature",)', date: "2024-01-04 09:00:00" }),
    "alembic/versions/e5_merge.py": revision("e5", ["c3", "d4"], { message: "merge", date: "2024-01-05 09:00:00" }),
    "alembic/versions/f6_add_tags.py": revision("f6", "feature", { message: "add tags", dependsOn: '"c3"', date: "2024-01-06 09:00:00" }),
  });
}
