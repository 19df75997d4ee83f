using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostReports.Summary;
using Costs.CostReports.Tests.Workbook;
using Costs.CostReports.Workbook;
using DocumentFormat.OpenXml.Packaging;

namespace Costs.CostReports.Tests.Summary;

public class ClusterBreakdownTests
{
    // SampleReport: every day checkout (production) and web (production) are allocated on cluster
    // gke-production, search on gke-staging, and 1.50 a day of gke-production is idle. November 1-10
    // is month to date: gke-production = 10 × (9.00 + 2.00 + 1.50) = 125.00, of which idle 15.00.
    private static ReportInput WithEfficiency() => SampleReport.Input() with
    {
        Efficiency =
        [
            new WorkloadEfficiency
            {
                Day = new DateOnly(2026, 11, 3), Currency = Currency.Usd, Cluster = "gke-production", Namespace = "shop",
                Workload = "Deployment/checkout", Service = "checkout", Team = "payments", Environment = "production",
                CpuRequest = 48m, CpuUsage = 12m, MemoryRequest = 48m * 1073741824m, MemoryUsage = 36m * 1073741824m,
                Net = 9m, UnusedNet = 6.75m,
            },
            new WorkloadEfficiency
            {
                Day = new DateOnly(2026, 10, 3), Currency = Currency.Usd, Cluster = "gke-production", Namespace = "shop",
                Workload = "Deployment/checkout", Service = "checkout", CpuRequest = 1000m, CpuUsage = 1m, Net = 1m, UnusedNet = 1m,
            },
        ],
    };

    [Fact]
    public void Clusters_MonthToDate_NetByKindAndIdleShare()
    {
        var production = ClusterBreakdown.Clusters(WithEfficiency()).Single(l => l.Cluster == "gke-production" && l.NodePool is null);
        Assert.Equal(125.00m, production.Net);
        Assert.Equal(15.00m, production.Idle);
        Assert.Equal(0.12m, production.IdleShare);
        Assert.Equal(0.25m, production.CpuEfficiency);   // October's row is outside month to date
        Assert.Equal(0.75m, production.MemoryEfficiency);
        Assert.Equal(6.75m, production.UnusedNet);
    }

    [Fact]
    public void Workloads_MonthToDate_InGiBHours()
    {
        var w = Assert.Single(ClusterBreakdown.Workloads(WithEfficiency()));
        Assert.Equal((48m, 36m, 0.25m), (w.MemoryRequestGiBHours, w.MemoryUsageGiBHours, w.CpuEfficiency));
    }

    [Fact]
    public void Write_WithEfficiency_HasClustersAndWorkloadsSheets()
    {
        using var stream = new MemoryStream();
        WorkbookWriter.Write(stream, WithEfficiency());
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var clusters = WorkbookReader.Sheet(doc, WorkbookWriter.ClustersSheet);
        Assert.Contains(WorkbookReader.Cells(clusters), c => WorkbookReader.Text(doc, c) == "gke-production");
        var workloads = WorkbookReader.Sheet(doc, WorkbookWriter.WorkloadsSheet);
        Assert.Contains(WorkbookReader.Cells(workloads), c => WorkbookReader.Text(doc, c) == "Deployment/checkout");
    }
}
