using Costs.CostModel.Money;
using Costs.CostModel.Prices;
using Dapper;

namespace Costs.CostModel.Store;

/// <summary>Compute Engine rates from the Catalog (migrations 0003 and 0010, price_rate_variant): replaced as a whole snapshot.</summary>
public static class PriceStore
{
    /// <summary>Replaces every stored rate with <paramref name="prices"/>, in one transaction.</summary>
    public static async Task ReplacePricesAsync(this CostStore store, IEnumerable<MachinePrice> prices,
        DateTimeOffset loadedAt, CancellationToken ct)
    {
        using var tx = store.Connection.BeginTransaction();
        await store.Connection.ExecuteAsync(new CommandDefinition(Sql.PriceDeleteAll, transaction: tx, cancellationToken: ct));
        foreach (var p in prices)
        {
            await store.Connection.ExecuteAsync(new CommandDefinition(Sql.PriceInsert, new
            {
                p.Region,
                p.MachineFamily,
                Resource = p.Resource.ToText(),
                Variant = p.Variant.ToText(),
                UsageType = p.UsageType.ToText(),
                p.SkuId,
                p.SkuDescription,
                p.UsageUnit,
                Currency = p.Currency.Code,
                UnitPrice = StoreText.Decimal(p.UnitPrice),
                ConversionRate = StoreText.Decimal(p.ConversionRate),
                UsdPerHour = StoreText.Decimal(p.UsdPerHour),
                EffectiveTime = p.EffectiveTime is { } e ? StoreText.Instant(e) : null,
                LoadedAt = StoreText.Instant(loadedAt),
            }, tx, cancellationToken: ct));
        }
        tx.Commit();
    }

    public static async Task<IReadOnlyList<MachinePrice>> ReadPricesAsync(this CostStore store, CancellationToken ct) =>
        (await store.Connection.QueryAsync<PriceRow>(new CommandDefinition(Sql.PriceSelect, cancellationToken: ct)))
        .Select(r => new MachinePrice
        {
            Region = r.Region,
            MachineFamily = r.MachineFamily,
            Resource = PriceText.ParseResource(r.Resource),
            Variant = PriceText.ParseVariant(r.Variant),
            UsageType = PriceText.TryParseUsageType(r.UsageType, out var t) ? t : throw new FormatException($"Unknown usage type '{r.UsageType}' in price_rate."),
            SkuId = r.SkuId,
            SkuDescription = r.SkuDescription,
            UsageUnit = r.UsageUnit,
            Currency = new Currency(r.Currency),
            UnitPrice = StoreText.ParseDecimal(r.UnitPrice),
            ConversionRate = StoreText.ParseDecimal(r.ConversionRate),
            UsdPerHour = StoreText.ParseDecimal(r.UsdPerHour),
            EffectiveTime = r.EffectiveTime is null ? null : StoreText.ParseInstant(r.EffectiveTime),
        })
        .ToList();

    private sealed class PriceRow
    {
        public string Region { get; init; } = "";
        public string MachineFamily { get; init; } = "";
        public string Resource { get; init; } = "";
        public string Variant { get; init; } = "";
        public string UsageType { get; init; } = "";
        public string SkuId { get; init; } = "";
        public string SkuDescription { get; init; } = "";
        public string UsageUnit { get; init; } = "";
        public string Currency { get; init; } = "";
        public string UnitPrice { get; init; } = "";
        public string ConversionRate { get; init; } = "";
        public string UsdPerHour { get; init; } = "";
        public string? EffectiveTime { get; init; }
    }
}
