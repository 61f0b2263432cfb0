# The sync server with the built PWA. Build from the repository root:
#   docker build -f docker/sync-server.Dockerfile -t poisklinik/sync-server .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json eslint.shared.js ./
COPY shared/package.json shared/
COPY sync-server/package.json sync-server/
COPY web/package.json web/
RUN pnpm install --frozen-lockfile
COPY shared shared
COPY sync-server sync-server
COPY web web
RUN pnpm --filter @poisklinik/web build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data WEB_ROOT=/app/web/build
RUN npm install -g pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY shared/package.json shared/
COPY sync-server/package.json sync-server/
COPY web/package.json web/
# Production dependencies of the server and of what it imports (shared) only: no Svelte, Vite or browser bits.
RUN pnpm install --frozen-lockfile --prod --filter "@poisklinik/sync-server..." && npm uninstall -g pnpm
COPY shared/src shared/src
COPY sync-server/src sync-server/src
COPY sync-server/demo-data sync-server/demo-data
COPY --from=build /app/web/build web/build
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
WORKDIR /app/sync-server
CMD ["node", "--import", "tsx", "src/main.ts"]
