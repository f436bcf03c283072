# syntax=docker/dockerfile:1
# One image for every service of the IVIG assistant: the Rasa server, the action server,
# the web server (widget and staff inbox) and the escalation reconciler. docker-compose.yml
# gives each service its own command. The spaCy pipeline and the model are built here, so
# a container never trains or downloads anything when it starts.

# socket.io-client for the widget and chart.js for the staff analytics, exactly as
# web/package-lock.json pins them.
FROM node:20-slim AS web-vendor
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM python:3.10-slim

# Telemetry off: nothing a patient says leaves the clinic's machines. PYTHONPATH makes the
# project importable by the `rasa` command (custom components, rasa_addons.channels).
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    PYTHONPATH=/app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them (pip as in make's .venv: <24).
COPY requirements.txt constraints.txt ./
RUN python -m pip install pip==23.3.2 wheel==0.45.1 \
 && python -m pip install -r requirements.txt -c constraints.txt

COPY . .
COPY --from=web-vendor /web/node_modules web/node_modules

# The project's spaCy pipeline (build/spacy_ivig, loaded by path by SpacyNLP) and the model.
RUN python -m components.spacy_pipeline build/spacy_ivig \
 && rasa train --fixed-model-name ivig-assistant --out models --force \
 && test -f models/ivig-assistant.tar.gz \
 && rm -rf .rasa /root/.config/rasa /tmp/* \
 && chmod -R a+rX /app

# Runs as an unprivileged user; only var/ (generated endpoints file, SQLite fallbacks) is
# writable by it, and only it can read it (0700; the servers also keep it so at start).
RUN groupadd --system --gid 10001 ivig \
 && useradd --system --uid 10001 --gid ivig --create-home --home-dir /home/ivig ivig \
 && mkdir -p var \
 && chown ivig:ivig var \
 && chmod 0700 var
USER 10001:10001

# 5005 Rasa server, 5055 action server, 8080 web server.
EXPOSE 5005 5055 8080

# Default: the action server (needs ACTION_SERVER_TOKEN, and ACTION_SERVER_HOST=0.0.0.0 to
# be reachable from other containers). docker-compose.yml sets the command of each service.
CMD ["python", "-m", "rasa_addons.action_server", "--actions", "actions", "--port", "5055"]
