using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using k8s.Models;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>
/// KubernetesClient's <see cref="ResourceQuantity"/> is what turns every CPU and memory value collect reads into
/// decimal cores and bytes, so these pin that it is exact: the examples our own parser was held to, and the
/// grammar's suffixes as properties. Quantity grammar: Kubernetes API reference, common definitions, Quantity.
/// </summary>
public class ResourceQuantityTests
{
    [Theory]
    [InlineData("900000000n", "0.9")]
    [InlineData("16777216Ki", "17179869184")]
    [InlineData("250m", "0.25")]
    [InlineData("1.5", "1.5")]
    [InlineData("512Mi", "536870912")]
    [InlineData("1Gi", "1073741824")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("1e3", "1000")]
    [InlineData("1E3", "1000")]
    [InlineData("1e-3", "0.001")]
    [InlineData("100k", "100000")]
    [InlineData("123456789n", "0.123456789")]
    [InlineData("2u", "0.000002")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("1Ei", "1152921504606846976")]
    [InlineData("8145408Ki", "8340897792")]
    [InlineData("1930m", "1.93")]
    [InlineData("0.1m", "0.0001")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("+2", "2")]
    [InlineData("-1500m", "-1.5")]
    [InlineData("0", "0")]
    [InlineData("500m", "0.5")]
    [InlineData("98831908Ki", "101203873792")]
    public void ToDecimal_KubernetesQuantity_ExactDecimal(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), new ResourceQuantity(text).ToDecimal());
    }

    /// <summary>What KubeApiClient turns into "returned a value that does not parse" when a list carries it.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1x")]
    [InlineData("Ki")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("1e1.5")]
    [InlineData("1ki")]
    [InlineData("1e1000")]
    public void Constructor_Invalid_FormatArgumentOrOverflowException(string text)
    {
        var ex = Record.Exception(() => new ResourceQuantity(text).ToDecimal());
        Assert.True(ex is FormatException or ArgumentException or OverflowException, $"'{text}': {ex?.GetType().Name ?? "no exception"}");
    }

    /// <summary>
    /// Where KubernetesClient is more lenient than our parser was. None of these can come from an API server,
    /// which stores quantities in canonical form: at most nine decimal places, and at most 2^63-1.
    /// </summary>
    [Theory]
    [InlineData("1 Gi", "1073741824")] // surrounding and inner blanks are trimmed
    [InlineData("1e-40", "0")] // below a nano
    [InlineData("99999999999Ei", "9223372036854775807")] // a binary quantity is capped at 2^63-1 (ResourceQuantity.MaxAllowed)
    public void ToDecimal_OutsideWhatAnApiServerSends_LenientValue(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), new ResourceQuantity(text).ToDecimal());
    }

    [Fact]
    public void ToDecimal_DecimalSuffixes_ExactPowersOfTen()
    {
        var suffixes = Gen.Elements(("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18));
        var gen = from mantissa in Gen.Choose(0, int.MaxValue)
                  from suffix in suffixes
                  select (mantissa, suffix);
        Prop.ForAll(gen.ToArbitrary(), x =>
            Value($"{x.mantissa}{x.suffix.Item1}") == Scale(x.mantissa, x.suffix.Item2)
            && Value($"{x.mantissa}e{x.suffix.Item2}") == Scale(x.mantissa, x.suffix.Item2))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ToDecimal_BinarySuffixes_ExactPowersOf1024()
    {
        // Up to 2^63-1, the largest quantity Kubernetes allows.
        var gen = from power in Gen.Choose(1, 6)
                  from mantissa in Gen.Choose(0, power switch { <= 4 => 1_000_000, 5 => 8191, _ => 7 })
                  select (mantissa, power);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var suffix = new[] { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" }[x.power];
            var expected = (decimal)x.mantissa;
            for (var i = 0; i < x.power; i++) expected *= 1024m;
            return Value($"{x.mantissa}{suffix}") == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ToDecimal_MillicoresAndBytes_RoundTripToTheUnit()
    {
        var gen = from milli in Gen.Choose(0, int.MaxValue)
                  from bytes in Gen.Choose(0, int.MaxValue)
                  select (milli, bytes);
        Prop.ForAll(gen.ToArbitrary(), x =>
            Value($"{x.milli}m") * 1000m == x.milli
            && Value(x.bytes.ToString(CultureInfo.InvariantCulture)) == x.bytes
            && Value((x.milli / 1000m).ToString(CultureInfo.InvariantCulture)) == x.milli / 1000m)
            .QuickCheckThrowOnFailure();
    }

    private static decimal Value(string text) => new ResourceQuantity(text).ToDecimal();

    private static decimal Scale(int mantissa, int exponent)
    {
        decimal value = mantissa;
        for (var i = 0; i < Math.Abs(exponent); i++) value = exponent > 0 ? value * 10m : value / 10m;
        return value;
    }
}
