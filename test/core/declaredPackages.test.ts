import { test } from "node:test";
import * as assert from "node:assert/strict";
import { declaredPackages } from "../../server/src/core/discovery/declaredPackages";
import { memoryHost } from "../support/memoryHost";

test("dependencies are read as data from every kind of dependency file, up to the workspace root", () => {
  const host = memoryHost({
    "/w/requirements/base.txt": "-r common.txt\nFlask_AppBuilder[jwt]>=4  # comment\ngit+https://example.invalid/x.git\n",
    "/w/requirements-dev.txt": "pytest\n",
    "/w/pyproject.toml": '[project]\ndependencies = ["SQLAlchemy>=2"]\n[project.optional-dependencies]\nworker = ["celery[redis]"]\n[tool.poetry.dependencies]\npython = "^3.11"\nAPScheduler = "*"\n',
    "/w/Pipfile": '[packages]\nrequests = "*"\n[dev-packages]\nblack = "*"\n',
    "/w/setup.cfg": "[options]\ninstall_requires =\n    alembic\n    psycopg2-binary\n",
    "/w/setup.py": 'from setuptools import setup\nREQUIRES = ["marshmallow>=3"]\nsetup(name="app", description="not a requirement", install_requires=REQUIRES + ["click"])\n',
    "/w/app/db/alembic.ini": "",
    "/outside/requirements.txt": "django\n",
  });
  assert.deepEqual(declaredPackages(host, "/w/app/db", ["/w"]), [
    "alembic",
    "apscheduler",
    "black",
    "celery",
    "click",
    "flask-appbuilder",
    "marshmallow",
    "psycopg2-binary",
    "pytest",
    "requests",
    "sqlalchemy",
  ]);
});

test("a file that does not parse gives nothing rather than failing", () => {
  const host = memoryHost({ "/w/pyproject.toml": "[project\n", "/w/setup.py": "setup(install_requires=[" });
  assert.deepEqual(declaredPackages(host, "/w", ["/w"]), []);
});
