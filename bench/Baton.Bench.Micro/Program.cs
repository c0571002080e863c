using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Baton.Bench.Micro.RangeBenchmarks).Assembly).Run(args);
