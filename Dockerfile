# Build stage: better-sqlite3 compiles from source, so it needs python3, make and g++.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
# Both stores' migrations (migrations/sqlite, migrations/postgres): every writing command applies them on start.
COPY migrations ./migrations
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
# The SQLite store unless DATABASE_URL names a PostgreSQL one (docker-compose.yml sets it).
# `start` serves /metrics, /healthz and /readyz on every interface of the container: the port is reached
# only where it is published (docker-compose.yml publishes it to the host's loopback).
ENV NODE_ENV=production \
    SPIKE_DB_PATH=/data/spike.db \
    SPIKE_HTTP_HOST=0.0.0.0 \
    SPIKE_HTTP_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9464
ENTRYPOINT ["node", "bin/spike-sync.js"]
CMD ["start"]
