using Relay.Core.Alerts;
using Relay.Core.Audit;

namespace Relay.Web.Commands;

/// <summary>One action of the crisis cell: its audit entry (who, when, comment), the alert as it now is (for alert
/// actions), and the commands it sent with where each stands.</summary>
public sealed record ActionResponse(AuditEntry Entry, AlertSummary? Alert, IReadOnlyList<CommandResponse> Commands);
