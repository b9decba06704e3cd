using Edge.Contracts.Messages;
using Relay.Core.Devices;

namespace Relay.Core.Ingest;

/// <summary>A receipt to publish on the device's receipts topic, only ever built from a committed batch.</summary>
public sealed record DeviceReceipt(DeviceId Device, ReceiptMessage Receipt);
