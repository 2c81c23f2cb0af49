# Sandbox Order Desk: multi-stage build (SDK) and a small non-root runtime (ASP.NET Core), serving port 8080.
# The publish command is the one ./test.sh runs, so a publish that breaks fails CI even without a Docker engine.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files only, so that the package layer is cached across source changes. The restore
# names the same runtime and ReadyToRun as the publish, so that it fetches the runtime packs and the ReadyToRun compiler.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Dashboard.Web/Dashboard.Web.csproj src/Dashboard.Web/
COPY src/Dashboard.Orders/Dashboard.Orders.csproj src/Dashboard.Orders/
COPY src/Dashboard.PartnerCenter/Dashboard.PartnerCenter.csproj src/Dashboard.PartnerCenter/
COPY src/Dashboard.Emulator/Dashboard.Emulator.csproj src/Dashboard.Emulator/
RUN dotnet restore src/Dashboard.Web/Dashboard.Web.csproj --os linux -p:PublishReadyToRun=true

COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
# ReadyToRun: the assemblies carry native code for the image's processor, so the app starts without compiling it first.
# `--os linux` keeps the architecture of the SDK image that runs the build (x64 or arm64: the image built for the
# platform asked for); it is still the shared ASP.NET Core runtime that runs the app (`--self-contained false`).
RUN dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release -o /app --os linux --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The built-in emulator and the dashboard's own store (jobs) keep their SQLite files here (emulator.db, dashboard.db);
# mount a volume to keep them across containers: a job resumes from dashboard.db after a restart.
RUN mkdir /data && chown "$APP_UID" /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Emulator__DataPath=/data/emulator.db

COPY --from=build /app .
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
