using Costs.CostReports.Tests.Workbook;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Tests.Email;

/// <summary>Writes a real Costs workbook to attach, from the workbook tests' sample report.</summary>
internal static class Workbooks
{
    public static string Write(string dir)
    {
        var path = Path.Combine(dir, "costs-2026-11-20.xlsx");
        using (var file = File.Create(path))
            WorkbookWriter.Write(file, SampleReport.Input());
        return path;
    }
}
