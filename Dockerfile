# LoopLab's images, all from debian:bookworm-slim and Debian's own packages:
#   build     runs the project's own scripts (the same ones `./looplab start` runs)
#   postgres  PostgreSQL 15 that builds the cities database on first start
#   looplab   (default, last) the backend, the built pages and their runtime libraries
# compose.yaml builds both images; by hand: `docker build -t looplab .` and
# `docker build --target postgres -t looplab-postgres .`
# RUN --mount needs BuildKit (Docker 23 and later use it by default; Podman's
# buildah has it too), no extra frontend image.

FROM debian:bookworm-slim AS build
WORKDIR /src
ENV LOOPLAB_CACHE=/root/.cache/looplab
# Each layer below changes only when the files it copies change, so editing the
# code never reinstalls packages or refetches sources.
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh build
COPY scripts/common.sh scripts/fetch-sources.sh scripts/
RUN scripts/fetch-sources.sh
COPY . .
# SDL2 for WebAssembly takes minutes and the build folder makes rebuilds
# incremental: both live in cache mounts that outlast any one image build.
# The results are copied out of the mount into /out, which the later stages use.
# Only the programs and the site are built: the tests run outside the image.
RUN --mount=type=cache,id=looplab-cache,target=/root/.cache/looplab,sharing=locked \
    --mount=type=cache,id=looplab-build,target=/src/build,sharing=locked \
    LOOPLAB_NATIVE_TARGETS="looplab-backend looplab-citydb" LOOPLAB_WASM_TARGETS=site \
    scripts/build.sh native wasm \
 && mkdir -p /out/bin /out/share \
 && install -s build/native/native_backend/looplab-backend build/native/native_backend/citydb/looplab-citydb /out/bin/ \
 && cp -a build/wasm/site /out/share/site \
 && cp -a native_backend/citydb/data /out/share/citydb-data \
 && docker/runtime-packages.sh /out/bin/looplab-backend >/out/looplab-packages \
 && docker/runtime-packages.sh /out/bin/looplab-citydb >/out/citydb-packages

FROM debian:bookworm-slim AS postgres
# Debian's package would create and start a default cluster; the entrypoint
# makes its own on the data volume instead. The postgres user gets a fixed uid
# (Debian's package keeps an existing one), so Kubernetes can name it.
RUN mkdir -p /etc/postgresql-common \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf \
 && groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --no-create-home \
      --shell /bin/bash postgres
COPY --from=build /out/citydb-packages /tmp/
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends postgresql-15 $(cat /tmp/citydb-packages) >/dev/null \
 && rm -rf /var/lib/apt/lists/* /tmp/citydb-packages
COPY --from=build /out/bin/looplab-citydb /usr/local/bin/
COPY --from=build /out/share/citydb-data /usr/local/share/looplab/citydb-data
COPY docker/postgres/entrypoint.sh /usr/local/bin/looplab-postgres
# The cluster sits one folder inside the volume, so the entrypoint can create it
# beside its final place and rename it when complete. No password is in the
# image: LOOPLAB_DB_READER_PASSWORD comes from the settings when it runs.
ENV PGDATA=/var/lib/postgresql/data/pg15 \
    LOOPLAB_DB_COPIES=1400
RUN mkdir -p /var/lib/postgresql/data && chown postgres:postgres /var/lib/postgresql/data \
 && chmod 700 /var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
EXPOSE 5432
# Healthy only once the cities database is built: until then the server listens
# on its unix socket alone (see the entrypoint).
HEALTHCHECK --interval=10s --timeout=5s --start-period=10m --retries=3 \
  CMD ["pg_isready", "--quiet", "--host=127.0.0.1", "--username=postgres", "--dbname=postgres"]
# PostgreSQL's fast shutdown: SIGTERM would wait for every client (the backend's
# pool) to leave first.
STOPSIGNAL SIGINT
ENTRYPOINT ["looplab-postgres"]

FROM debian:bookworm-slim AS looplab
COPY --from=build /out/looplab-packages /tmp/
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends $(cat /tmp/looplab-packages) python3 >/dev/null \
 && rm -rf /var/lib/apt/lists/* /tmp/looplab-packages \
 && useradd --system --uid 10001 --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin looplab
COPY --from=build /out/bin/looplab-backend /usr/local/bin/
COPY --from=build /out/share/site /srv/looplab/site
COPY docker/looplab/healthcheck.sh /usr/local/bin/looplab-healthcheck
# /runs/concurrency runs this script on Debian's python3 (installed above: it is a
# program the backend starts, not a library ldd would find).
COPY native_backend/concurrency/concurrency_worker.py /usr/local/share/looplab/concurrency_worker.py
# Every backend flag also reads LOOPLAB_<FLAG>; compose.yaml sets the rest.
ENV LOOPLAB_SITE=/srv/looplab/site \
    LOOPLAB_CONCURRENCY_SCRIPT=/usr/local/share/looplab/concurrency_worker.py \
    LOOPLAB_LISTEN=0.0.0.0 \
    LOOPLAB_PORT=8000
USER looplab
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 CMD ["looplab-healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["looplab-backend"]
