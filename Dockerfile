# syntax=docker/dockerfile:1
# CodeArts Deploy Console — container image (docs/operations.md). Three stages:
#   deps     npm ci (better-sqlite3 compiles from source when no prebuilt binary can be fetched: build tools)
#   build    next build with output: "standalone" (next.config.js)
#   runtime  the standalone tree only, run by our own server (scripts/server.mjs through scripts/standalone-server.mjs:
#            the x-console-peer stamp TRUSTED_PROXIES relies on, the SIGTERM drain), as a non-root user.
# The image talks to Huawei Cloud (cloud mode: CODEARTS_ENDPOINT set) or, without it, to a simulator reachable at
# SIMULATOR_HOST:SIMULATOR_PORT (docker-compose.yml's `demo` profile runs one from the build stage).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN node node_modules/next/dist/bin/next build

FROM ${NODE_IMAGE} AS runtime
# NODE_OPTIONS: the heap limits `npm start` sets (scripts/heap.mjs: CONSOLE_HEAP_MB, CONSOLE_SEMI_SPACE_MB).
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME_BIND=0.0.0.0 \
    DATA_DIR=/app/data \
    NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=8"
WORKDIR /app
# The application files belong to root (read-only for the server); only DATA_DIR and Next's cache are writable.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/scripts/server.mjs /app/scripts/standalone-server.mjs ./scripts/
RUN mkdir -p /app/data /app/.next/cache && chown node:node /app/data /app/.next/cache
# `node` (uid 1000) comes with the Node.js image.
USER node
EXPOSE 3000
# Ready: the database is reachable and migrated (GET /api/ready, 503 otherwise; also while the server drains).
# Node's own fetch: the image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# scripts/server.mjs drains on SIGTERM (docker stop's signal) for up to 25 s, then closes down (≤ 10 s): give it 40 s
# (`docker stop -t 40`, compose's stop_grace_period, Kubernetes' terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
CMD ["node", "scripts/standalone-server.mjs"]
