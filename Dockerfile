# Multibase Studio image (platform or self-hosted mode). Build: docker build -t multibase-studio .
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter studio build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000 PLATFORM_DATA_DIR=/data
COPY --from=build /app /app
VOLUME /data
EXPOSE 3000
WORKDIR /app/apps/studio
CMD ["node", "--import", "tsx", "server.ts"]
