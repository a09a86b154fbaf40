using AdherenceSync.Benchmarks;

return await BenchmarkApp.RunAsync(args);
