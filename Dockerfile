# Parley's API: `parley run` migrates, seeds and serves. It needs DATABASE_URL (see
# docker-compose.yml): the image leaves out the embedded PostgreSQL.
ARG PYTHON_IMAGE=python:3.12-slim-trixie

FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

FROM ${PYTHON_IMAGE} AS build
ENV UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
WORKDIR /build
COPY pyproject.toml uv.lock ./
RUN --mount=from=uv,source=/uv,target=/usr/local/bin/uv \
    --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-install-project --python /usr/local/bin/python3
# `parley` runs the code in /srv/parley, where app/cli.py finds alembic.ini, migrations/ and
# seed_data/.
RUN printf '%s\n' '#!/opt/venv/bin/python' 'import sys' 'from app.cli import main' \
        'if __name__ == "__main__":' '    sys.exit(main())' > /opt/venv/bin/parley \
    && chmod 0755 /opt/venv/bin/parley

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/srv/parley PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 PARLEY_HOST=0.0.0.0 PORT=8000
RUN groupadd --system --gid 10001 parley \
    && useradd --system --uid 10001 --gid parley --no-create-home --shell /usr/sbin/nologin parley
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv/parley
COPY alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seed_data ./seed_data
RUN python -m compileall -q app migrations

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/readyz', timeout=2)"]
CMD ["parley", "run"]
