# Multi-stage build of the `costs` executable. The runtime image runs as a non-root user and needs
# only a writable volume for the SQLite store (see deploy/). It is the ASP.NET Core runtime image:
# `costs serve` answers HTTP (service pages, /metrics, /healthz, /readyz) with Kestrel from that framework.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Costs.sln ./
COPY sql/ sql/
COPY src/ src/
# ReadyToRun: the assemblies are compiled ahead, so a cold `costs query` or `report` does not spend a
# quarter of its time in the JIT (measured in bench/RESULTS.md).
RUN dotnet publish src/Costs/Costs.csproj -c Release --use-current-runtime -p:PublishReadyToRun=true -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The chart in report e-mails is drawn by SkiaSharp (libSkiaSharp ships in the publish output): it needs
# fontconfig to find fonts and a font to write its title, axes and legend in (DejaVu Sans).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libfontconfig1 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app ./
# The store and the workbooks go to /data, a volume; /tmp is the only other place written.
ENV COSTS_Store__Path=/data/costs.db \
    COSTS_Report__OutputDirectory=/data/reports \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# `costs serve` listens here once the configuration sets Http:BindAddress to 0.0.0.0 (deploy/serve does).
EXPOSE 8080
USER 10001:10001
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "/app/costs.dll"]
CMD ["--help"]
