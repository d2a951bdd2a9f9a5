# The image of the Kubernetes sweep (examples/k8s/sweep-job.yaml): the repository with its
# dependencies, running `npm run sweep` (pass a sweep file and --out, or merge DIR --out FILE).
#   docker build -t vanfleet:latest .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD/out:/out" vanfleet:latest scenarios/sweep-example.json --shard 0/3 --out /out/
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Development dependencies too: the CLI runs TypeScript through tsx.
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
USER node
ENTRYPOINT ["node", "--import", "tsx", "src/cli/sweep.ts"]
CMD ["--help"]
