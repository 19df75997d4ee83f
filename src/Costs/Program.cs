using Costs.Cli;

return await CostsCli.RunAsync(args, CliEnvironment.FromProcess());
