using System.Text.Json;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Store;

/// <summary>
/// A <see cref="BillingLine"/> as billing_line holds it since migration 0014: texts and label sets as
/// dictionary ids, money as nano-units, instants as Unix seconds (see <see cref="StoreValues"/>).
/// </summary>
internal static class BillingLineCodec
{
    /// <summary>
    /// The parameters of insert_billing_line.sql (<c>@Name</c>), each value beside its name, so that a
    /// value can only reach the column of its own name (the load prepares the command from these names).
    /// </summary>
    public static async ValueTask<(string Name, object Value)[]> ParametersAsync(BillingLine l, long loadId,
        StoreDictionary dictionary, CancellationToken ct)
    {
        async ValueTask<object> Id(string? text) => await dictionary.IdAsync(text, ct);
        var (credits, amounts) = await CreditsAsync(l.Credits, dictionary, ct);
        return
        [
            ("LoadId", loadId),
            ("UsageDay", (long)l.UsageDay.DayNumber),
            ("Account", await Id(l.BillingAccountId)),
            ("UsageStart", StoreValues.Instant(l.UsageStart)),
            ("UsageEnd", StoreValues.Instant(l.UsageEnd)),
            ("InvoiceMonth", (long)(l.InvoiceMonth.Year * 100 + l.InvoiceMonth.Month)),
            ("Currency", await Id(l.Currency.Code)),
            ("Cost", StoreValues.Money(l.Cost)),
            ("CreditTotal", StoreValues.Money(l.CreditTotal)),
            ("Credits", credits),
            ("CreditAmounts", amounts),
            ("ProjectId", await Id(l.ProjectId)),
            ("ProjectName", await Id(l.ProjectName)),
            ("ServiceId", await Id(l.ServiceId)),
            ("ServiceDescription", await Id(l.ServiceDescription)),
            ("SkuId", await Id(l.SkuId)),
            ("SkuDescription", await Id(l.SkuDescription)),
            ("Region", await Id(l.Region)),
            ("Zone", await Id(l.Zone)),
            ("ResourceName", await Id(l.ResourceName)),
            ("ResourceGlobalName", await Id(l.ResourceGlobalName)),
            ("Labels", await LabelsAsync(l.Labels, dictionary, ct)),
            ("ProjectLabels", await LabelsAsync(l.ProjectLabels, dictionary, ct)),
            ("SystemLabels", await LabelsAsync(l.SystemLabels, dictionary, ct)),
            ("UsageAmount", StoreValues.Quantity(l.UsageAmount)),
            ("UsageUnit", await Id(l.UsageUnit)),
            ("UsagePricingAmount", StoreValues.Quantity(l.UsageAmountInPricingUnits)),
            ("UsagePricingUnit", await Id(l.UsagePricingUnit)),
            ("CostAtList", StoreValues.Money(l.CostAtList)),
            ("ConversionRate", StoreValues.Quantity(l.CurrencyConversionRate)),
            ("CostType", await Id(l.CostType)),
            ("ConsumptionModel", await Id(l.ConsumptionModel)),
            ("Adjustment", await Id(l.AdjustmentDescription)),
            ("ExportTime", StoreValues.Instant(l.ExportTime)),
            ("SourceFile", await Id(l.Source?.File)),
            ("SourceLine", l.Source is { } s ? s.Line : DBNull.Value),
        ];
    }

    private static async ValueTask<object> LabelsAsync(Labels labels, StoreDictionary dictionary, CancellationToken ct) =>
        labels.Count == 0 ? DBNull.Value : await dictionary.IdAsync(labels.ToJson(), ct);

    /// <summary>The credit list without its amounts (a dictionary id), and the amounts when there is more than one.</summary>
    private static async ValueTask<(object Credits, object Amounts)> CreditsAsync(IReadOnlyList<Credit> credits,
        StoreDictionary dictionary, CancellationToken ct)
    {
        if (credits.Count == 0) return (DBNull.Value, DBNull.Value);
        var shape = JsonSerializer.Serialize(credits.Select(c => new StoredCreditShape(c.Type.Name, c.Name, c.FullName, c.Id)).ToArray(),
            StoreJson.Default.StoredCreditShapeArray);
        var id = await dictionary.IdAsync(shape, ct);
        return (id, credits.Count == 1 ? DBNull.Value : string.Join(' ', credits.Select(c => StoreText.Decimal(c.Amount))));
    }
}

/// <summary>
/// Reads billing_line rows (select_billing_lines.sql) back into lines, resolving dictionary ids once per
/// read: lines that share a label set share one <see cref="Labels"/> instance.
/// </summary>
internal sealed class BillingLineReader(StoreDictionary dictionary)
{
    private static readonly int[] TextColumns = [0, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 25, 28, 29, 30, 32];
    private readonly Dictionary<long, Labels> _labels = [];
    private readonly Dictionary<long, StoredCreditShape[]> _creditShapes = [];
    private readonly Dictionary<long, Currency> _currencies = [];

    public async ValueTask<BillingLine> ReadAsync(RawStatement r, CancellationToken ct)
    {
        foreach (var i in TextColumns)
            if (!r.IsNull(i)) await dictionary.LoadAsync(r.Int64(i), ct);
        if (!r.IsNull(7) && r.IsInteger(7)) await dictionary.LoadAsync(r.Int64(7), ct);
        return Read(r);
    }

    private BillingLine Read(RawStatement r) => new()
    {
        BillingAccountId = Text(r, 0)!,
        UsageStart = StoreValues.ReadInstant(r, 1),
        UsageEnd = StoreValues.ReadInstant(r, 2),
        InvoiceMonth = Month(r.Int64(3)),
        Currency = CurrencyOf(r.Int64(4)),
        Cost = StoreValues.ReadMoney(r, 5),
        Credits = Credits(r),
        ProjectId = Text(r, 9),
        ProjectName = Text(r, 10),
        ServiceId = Text(r, 11)!,
        ServiceDescription = Text(r, 12)!,
        SkuId = Text(r, 13)!,
        SkuDescription = Text(r, 14)!,
        Region = Text(r, 15),
        Zone = Text(r, 16),
        ResourceName = Text(r, 17),
        ResourceGlobalName = Text(r, 18),
        Labels = LabelsOf(r, 19),
        ProjectLabels = LabelsOf(r, 20),
        SystemLabels = LabelsOf(r, 21),
        UsageAmount = StoreValues.ReadQuantityOrNull(r, 22),
        UsageUnit = Text(r, 23),
        UsageAmountInPricingUnits = StoreValues.ReadQuantityOrNull(r, 24),
        UsagePricingUnit = Text(r, 25),
        CostAtList = StoreValues.ReadMoneyOrNull(r, 26),
        CurrencyConversionRate = StoreValues.ReadQuantityOrNull(r, 27),
        CostType = Text(r, 28)!,
        ConsumptionModel = Text(r, 29),
        AdjustmentDescription = Text(r, 30),
        ExportTime = StoreValues.ReadInstantOrNull(r, 31),
        Source = Text(r, 32) is { } file ? new SourceRef(file, r.IsNull(33) ? 0 : r.Int64(33)) : null,
    };

    private string? Text(RawStatement r, int ordinal) => r.IsNull(ordinal) ? null : dictionary.Text(r.Int64(ordinal));

    private static InvoiceMonth Month(long yyyymm) => new((int)(yyyymm / 100), (int)(yyyymm % 100));

    private Currency CurrencyOf(long id)
    {
        if (!_currencies.TryGetValue(id, out var currency)) _currencies[id] = currency = new Currency(dictionary.Text(id));
        return currency;
    }

    private Labels LabelsOf(RawStatement r, int ordinal)
    {
        if (r.IsNull(ordinal)) return Labels.Empty;
        var id = r.Int64(ordinal);
        if (!_labels.TryGetValue(id, out var labels)) _labels[id] = labels = Labels.FromJson(dictionary.Text(id));
        return labels;
    }

    private IReadOnlyList<Credit> Credits(RawStatement r)
    {
        if (r.IsNull(7)) return [];
        // A row from before migration 0014: its credits JSON array, amounts included.
        if (!r.IsInteger(7)) return StoreText.ParseCredits(r.Text(7));
        var id = r.Int64(7);
        if (!_creditShapes.TryGetValue(id, out var shape))
            _creditShapes[id] = shape = JsonSerializer.Deserialize(dictionary.Text(id), StoreJson.Default.StoredCreditShapeArray) ?? [];
        var amounts = shape.Length == 1
            ? [StoreValues.ReadMoney(r, 6)]
            : r.Text(8).Split(' ').Select(StoreText.ParseDecimal).ToArray();
        if (amounts.Length != shape.Length)
            throw new InvalidOperationException($"The store is damaged: a billing line has {shape.Length} credits and {amounts.Length} amounts.");
        var list = new Credit[shape.Length];
        for (var i = 0; i < shape.Length; i++)
            list[i] = new Credit(CreditType.Parse(shape[i].Type), amounts[i], shape[i].Name, shape[i].FullName, shape[i].Id);
        return list;
    }
}

/// <summary>A credit without its amount: what repeats from line to line, kept once in the dictionary.</summary>
internal sealed record StoredCreditShape(string Type, string? Name, string? FullName, string? Id);
