using Edge.Testing.Processes;

// Helper modes started as child processes by the tests (see ChildProcess.StartHelper).
return args switch
{
    ["outbox-writer", var path] => OutboxWriterMode.Run(path),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Edge.Testing outbox-writer PATH");
    return 2;
}
