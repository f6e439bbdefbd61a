/**
 * Frameworks that create tables of fixed names themselves (at start-up or on first use), which a
 * project's migrations may reference. Only names the framework does not let the project choose
 * by default, and only frameworks whose names are sure.
 */
export interface KnownFramework {
  readonly name: string;
  /** Distribution names as declared in requirements (normalized: lower case, `-` for `_` and `.`). */
  readonly packages: readonly string[];
  /** Top-level modules whose import shows the framework is used. */
  readonly modules: readonly string[];
  readonly tables: readonly string[];
}

export const KNOWN_FRAMEWORKS: readonly KnownFramework[] = [
  {
    // Its security manager's models; Apache Superset builds on it.
    name: "Flask-AppBuilder",
    packages: ["flask-appbuilder", "apache-superset"],
    modules: ["flask_appbuilder", "superset"],
    tables: ["ab_permission", "ab_view_menu", "ab_permission_view", "ab_permission_view_role", "ab_role", "ab_user", "ab_user_role", "ab_register_user"],
  },
  {
    // The database result backend's default table names.
    name: "Celery",
    packages: ["celery"],
    modules: ["celery"],
    tables: ["celery_taskmeta", "celery_tasksetmeta"],
  },
  {
    // SQLAlchemyJobStore's default table.
    name: "APScheduler",
    packages: ["apscheduler"],
    modules: ["apscheduler"],
    tables: ["apscheduler_jobs"],
  },
];

/** A distribution name as pip compares them (PEP 503). */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
