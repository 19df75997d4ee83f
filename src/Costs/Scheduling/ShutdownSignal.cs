using System.Runtime.InteropServices;

namespace Costs.Scheduling;

/// <summary>
/// A token that is cancelled on SIGTERM (Kubernetes stopping the pod) or SIGINT (Ctrl+C), or when the
/// caller's token is. The signal's default action (ending the process at once) is suppressed, so the
/// running stage sees the cancellation and stops cleanly.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>The signal that stopped the run, if one did.</summary>
    public PosixSignal? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Received = context.Signal;
        _cts.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
