// Trials start and kill processes and time their faults by bytes on the wire; run them one at a time so a shared 2-core
// machine does not turn one trial's stall into another's timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
