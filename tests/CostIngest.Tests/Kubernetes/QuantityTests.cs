using System.Globalization;
using Costs.CostIngest.Kubernetes;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostIngest.Tests.Kubernetes;

public class QuantityTests
{
    [Theory]
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
    public void Parse_KubernetesQuantity_ExactDecimal(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Quantity.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1x")]
    [InlineData("Ki")]
    [InlineData("1.2.3")]
    [InlineData("1 Gi")]
    [InlineData("1e")]
    [InlineData("1e1.5")]
    [InlineData("1ki")]
    [InlineData("1e1000")]
    [InlineData("1e-40")]
    [InlineData("99999999999Ei")]
    public void Parse_Invalid_ErrorNamesTheValue(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse(text));
        Assert.Contains($"'{text}'", ex.Message);
    }

    [Fact]
    public void Parse_DecimalSuffixes_ExactPowersOfTen()
    {
        var suffixes = Gen.Elements(("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18));
        var gen = from mantissa in Gen.Choose(0, int.MaxValue)
                  from suffix in suffixes
                  select (mantissa, suffix);
        Prop.ForAll(gen.ToArbitrary(), x =>
            Quantity.Parse($"{x.mantissa}{x.suffix.Item1}") == Scale(x.mantissa, x.suffix.Item2)
            && Quantity.Parse($"{x.mantissa}e{x.suffix.Item2}") == Scale(x.mantissa, x.suffix.Item2))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_BinarySuffixes_ExactPowersOf1024()
    {
        var gen = from mantissa in Gen.Choose(0, 1_000_000)
                  from power in Gen.Choose(1, 6)
                  select (mantissa, power);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var suffix = new[] { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" }[x.power];
            var expected = (decimal)x.mantissa;
            for (var i = 0; i < x.power; i++) expected *= 1024m;
            return Quantity.Parse($"{x.mantissa}{suffix}") == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_MillicoresAndBytes_RoundTripToTheUnit()
    {
        var gen = from milli in Gen.Choose(0, int.MaxValue)
                  from bytes in Gen.Choose(0, int.MaxValue)
                  select (milli, bytes);
        Prop.ForAll(gen.ToArbitrary(), x =>
            Quantity.Parse($"{x.milli}m") * 1000m == x.milli
            && Quantity.Parse(x.bytes.ToString(CultureInfo.InvariantCulture)) == x.bytes
            && Quantity.Parse((x.milli / 1000m).ToString(CultureInfo.InvariantCulture)) == x.milli / 1000m)
            .QuickCheckThrowOnFailure();
    }

    private static decimal Scale(int mantissa, int exponent)
    {
        decimal value = mantissa;
        for (var i = 0; i < Math.Abs(exponent); i++) value = exponent > 0 ? value * 10m : value / 10m;
        return value;
    }
}
