namespace Costs.CostModel.Store;

/// <summary>The store's SQL, one statement a file in sql/store/, embedded into this assembly.</summary>
internal static class Sql
{
    private static readonly EmbeddedSql Files = new(typeof(Sql).Assembly);

    public static string InsertLoad => Get("insert_load.sql");
    public static string FinishLoad => Get("finish_load.sql");
    public static string DeleteBillingDay => Get("delete_billing_day.sql");
    public static string InsertBillingLine => Get("insert_billing_line.sql");
    public static string SelectNextLineId => Get("select_next_line_id.sql");
    public static string LineShapeSelectId => Get("line_shape_select_id.sql");
    public static string LineShapeInsert => Get("line_shape_insert.sql");
    public static string LineShapeSelect => Get("line_shape_select.sql");
    public static string InsertBillingGroup => Get("insert_billing_group.sql");
    public static string SelectBillingGroups => Get("select_billing_groups.sql");
    public static string SelectBillingGroup => Get("select_billing_group.sql");
    public static string UpdateBillingGroup => Get("update_billing_group.sql");
    public static string SelectUngroupedDays => Get("select_ungrouped_days.sql");
    public static string DeleteBillingGroupsOfDay => Get("delete_billing_groups_of_day.sql");
    public static string MarkDayGrouped => Get("mark_day_grouped.sql");
    public static string InsertSkuHour => Get("insert_sku_hour.sql");
    public static string SelectSkuHours => Get("select_sku_hours.sql");
    public static string SelectSkuHourDays => Get("select_sku_hour_days.sql");
    public static string DeleteSkuHoursOfDay => Get("delete_sku_hours_of_day.sql");
    public static string MarkSkuHours => Get("mark_sku_hours.sql");
    public static string InsertReject => Get("insert_reject.sql");
    public static string DeleteRejectsOfDay => Get("delete_rejects_of_day.sql");
    public static string DeleteRejectsOfFile => Get("delete_rejects_of_file.sql");
    public static string SelectBillingLines => Get("select_billing_lines.sql");
    public static string SelectBillingDays => Get("select_billing_days.sql");
    public static string SelectBillingAccounts => Get("select_billing_accounts.sql");
    public static string BillingDayInsert => Get("billing_day_insert.sql");
    public static string DictionarySelectId => Get("dictionary_select_id.sql");
    public static string DictionaryInsert => Get("dictionary_insert.sql");
    public static string DictionarySelectText => Get("dictionary_select_text.sql");
    public static string DeleteAllocationDay => Get("delete_allocation_day.sql");
    public static string DeleteBilledDay => Get("delete_billed_day.sql");
    public static string InsertAllocation => Get("insert_allocation.sql");
    public static string InsertBilledDay => Get("insert_billed_day.sql");
    public static string SelectAllocations => Get("select_allocations.sql");
    public static string DeleteFixedShareDay => Get("delete_fixed_share_day.sql");
    public static string InsertFixedShare => Get("insert_fixed_share.sql");
    public static string SelectFixedShares => Get("select_fixed_shares.sql");
    public static string AllocationShapeSelectId => Get("allocation_shape_select_id.sql");
    public static string AllocationShapeInsert => Get("allocation_shape_insert.sql");
    public static string AllocationShapeSelect => Get("allocation_shape_select.sql");
    public static string SelectBilledDays => Get("select_billed_days.sql");
    public static string SelectUnanalyzedDays => Get("select_unanalyzed_days.sql");
    public static string SelectRejects => Get("select_rejects.sql");
    public static string SelectStageTimes => Get("select_stage_times.sql");
    public static string DeleteEfficiencyDay => Get("delete_efficiency_day.sql");
    public static string InsertEfficiency => Get("insert_efficiency.sql");
    public static string SelectEfficiency => Get("select_efficiency.sql");
    public static string BqSelectPartitions => Get("bq_select_partitions.sql");
    public static string BqUpsertPartition => Get("bq_upsert_partition.sql");
    public static string PriceDeleteAll => Get("price_delete_all.sql");
    public static string PriceInsert => Get("price_insert.sql");
    public static string PriceSelect => Get("price_select.sql");
    public static string ClusterInsertSample => Get("cluster_insert_sample.sql");
    public static string ClusterSelectPreviousSample => Get("cluster_select_previous_sample.sql");
    public static string ClusterSelectCurrentNodes => Get("cluster_select_current_nodes.sql");
    public static string ClusterSelectCurrentPods => Get("cluster_select_current_pods.sql");
    public static string ClusterTouchNode => Get("cluster_touch_node.sql");
    public static string ClusterTouchPod => Get("cluster_touch_pod.sql");
    public static string ClusterInsertNode => Get("cluster_insert_node.sql");
    public static string ClusterInsertPod => Get("cluster_insert_pod.sql");
    public static string ClusterUpsertPodHour => Get("cluster_upsert_pod_hour.sql");
    public static string ClusterUpsertNodeHour => Get("cluster_upsert_node_hour.sql");
    public static string ClusterSelectCurrentPodHours => Get("cluster_select_current_pod_hours.sql");
    public static string ClusterSelectCurrentNodeHours => Get("cluster_select_current_node_hours.sql");
    public static string ClusterSelectPodHours => Get("cluster_select_pod_hours.sql");
    public static string ClusterSelectNodeHours => Get("cluster_select_node_hours.sql");
    public static string ClusterSelectSamples => Get("cluster_select_samples.sql");
    public static string ClusterSelectNodes => Get("cluster_select_nodes.sql");
    public static string ClusterSelectPods => Get("cluster_select_pods.sql");
    public static string ClusterSelectPodUsage => Get("cluster_select_pod_usage.sql");
    public static string ClusterSelectNodeUsage => Get("cluster_select_node_usage.sql");
    public static string ClusterSelectCurrentNamespaces => Get("cluster_select_current_namespaces.sql");
    public static string ClusterTouchNamespace => Get("cluster_touch_namespace.sql");
    public static string ClusterInsertNamespace => Get("cluster_insert_namespace.sql");
    public static string ClusterSelectNamespaces => Get("cluster_select_namespaces.sql");
    public static string DeliverySelect => Get("delivery_select.sql");
    public static string DeliverySelectAll => Get("delivery_select_all.sql");
    public static string DeliveryMarkPending => Get("delivery_mark_pending.sql");
    public static string DeliveryMarkDone => Get("delivery_mark_done.sql");
    public static string PublishMarkAnalyzed => Get("publish_mark_analyzed.sql");
    public static string PublishSelectPending => Get("publish_select_pending.sql");
    public static string PublishMarkPublished => Get("publish_mark_published.sql");
    public static string PublishMarkFailed => Get("publish_mark_failed.sql");
    public static string PublishSelectAll => Get("publish_select_all.sql");

    /// <summary>The numbered migrations, in order: (version, name, text).</summary>
    public static IReadOnlyList<(int Version, string Name, string Text)> Migrations() =>
        Files.Folder("migrations")
            .Select(m =>
            {
                if (!int.TryParse(m.Name.Split('_')[0], System.Globalization.CultureInfo.InvariantCulture, out var version))
                    throw new InvalidOperationException($"Migration '{m.Name}' does not start with a number.");
                return (version, m.Name, m.Text);
            })
            .OrderBy(m => m.version)
            .ToList();

    private static string Get(string file) => Files.Get(file);
}
