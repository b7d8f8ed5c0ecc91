# Linkway: one image for web and worker processes (see docs/deploy.md).
# Not built on our development machines (no container runtime there): a minimal starting point.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# The whole tree before npm ci: its postinstall patches dependencies (decision 053) and its prepare step builds
# the site and the embedded database's template (decision 105), both from files in the tree.
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-bookworm-slim
# pg_dump/pg_restore for npm run db:backup and db:restore.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# HOST: a container is reached through its published port, so it listens on every address (set PUBLIC_URL).
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data HOST=0.0.0.0
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
