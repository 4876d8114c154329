# Parley API: migrations, then uvicorn. Needs DATABASE_URL (see docker-compose.yml).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PARLEY_HOST=0.0.0.0 PORT=8000

WORKDIR /srv/parley
RUN useradd --system --uid 10001 --home-dir /srv/parley parley

COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seed_data ./seed_data
RUN pip install --no-cache-dir -e . && chown -R parley /srv/parley

USER parley
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
    CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/readyz', timeout=2)"
CMD ["parley", "run"]
