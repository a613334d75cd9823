# .NET images on the locally built Debian base, from the host's dotnet folder (build context: that folder).
# Target "aspnet" takes only the runtimes; target "sdk" the whole SDK. Both mirror what the Microsoft images offer
# the service Dockerfiles: dotnet on PATH and the unprivileged "app" user in APP_UID.
ARG BASE_IMAGE=marketplace-local/debian:bookworm

FROM ${BASE_IMAGE} AS common
ENV DOTNET_ROOT=/usr/share/dotnet \
    PATH=/usr/share/dotnet:$PATH \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    APP_UID=1654
RUN groupadd --gid 1654 app && useradd --uid 1654 --gid app --no-create-home --shell /usr/sbin/nologin app

FROM common AS aspnet
COPY dotnet /usr/share/dotnet/dotnet
COPY host /usr/share/dotnet/host
COPY shared /usr/share/dotnet/shared

FROM common AS sdk
ARG NUGET_CERT_REVOCATION_MODE=online
ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE}
COPY . /usr/share/dotnet/
