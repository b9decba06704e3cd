using System.Globalization;
using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Device;

/// <summary>Requests and answers of the device management service (devicemgmt.wsdl, ver10).</summary>
internal static class DeviceMessages
{
    private static readonly XNamespace s_tds = OnvifNamespaces.Device;

    public static XElement GetSystemDateAndTime() => new(s_tds + "GetSystemDateAndTime");

    public static XElement GetDeviceInformation() => new(s_tds + "GetDeviceInformation");

    /// <summary>IncludeCapability is a required element (devicemgmt.wsdl); false keeps the answer small.</summary>
    public static XElement GetServices() => new(s_tds + "GetServices", new XElement(s_tds + "IncludeCapability", "false"));

    public static XElement GetCapabilities() => new(s_tds + "GetCapabilities", new XElement(s_tds + "Category", "All"));

    /// <summary>
    /// The camera's UTC time from a GetSystemDateAndTimeResponse. Falls back to LocalDateTime (taken as
    /// UTC, as agsh/onvif does) when UTCDateTime is missing; null when neither is there (protocols.md §3.3).
    /// The POSIX TZ string is ignored on purpose.
    /// </summary>
    public static DateTimeOffset? ParseSystemDateAndTime(XElement response)
    {
        XElement? system = response.Child("SystemDateAndTime");
        XElement? dateTime = system?.Child("UTCDateTime") ?? system?.Child("LocalDateTime");
        XElement? date = dateTime?.Child("Date");
        XElement? time = dateTime?.Child("Time");
        if (date is null || time is null)
        {
            return null;
        }

        int? year = date.ChildInt("Year"), month = date.ChildInt("Month"), day = date.ChildInt("Day");
        int? hour = time.ChildInt("Hour"), minute = time.ChildInt("Minute"), second = time.ChildInt("Second");
        if (year is null || month is null || day is null || hour is null || minute is null || second is null)
        {
            throw new OnvifProtocolException("GetSystemDateAndTime: the date or time in the answer is incomplete or not a number.");
        }

        try
        {
            // Some cameras say 24:00:00 or 23:59:60; adding the parts avoids rejecting those.
            return new DateTimeOffset(year.Value, month.Value, day.Value, 0, 0, 0, TimeSpan.Zero)
                .AddHours(hour.Value).AddMinutes(minute.Value).AddSeconds(second.Value);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new OnvifProtocolException(
                string.Create(CultureInfo.InvariantCulture, $"GetSystemDateAndTime: the camera's date {year}-{month}-{day} {hour}:{minute}:{second} is not a valid date."),
                exception);
        }
    }

    public static OnvifDeviceInformation ParseDeviceInformation(XElement response) => new(
        response.ChildText("Manufacturer") ?? string.Empty,
        response.ChildText("Model") ?? string.Empty,
        response.ChildText("FirmwareVersion") ?? string.Empty,
        response.ChildText("SerialNumber") ?? string.Empty,
        response.ChildText("HardwareId") ?? string.Empty);

    /// <summary>Service addresses from GetServicesResponse: one tds:Service per namespace.</summary>
    public static ReportedServices ParseServices(XElement response)
    {
        var byNamespace = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (XElement service in response.Children("Service"))
        {
            string? ns = service.ChildText("Namespace");
            Uri? address = ParseAddress(service.ChildText("XAddr"), "GetServices");
            if (ns is not null && address is not null)
            {
                byNamespace.TryAdd(ns.TrimEnd('/'), address);
            }
        }

        if (byNamespace.Count == 0)
        {
            throw new OnvifProtocolException("GetServices: the answer lists no service with an address.");
        }

        return new ReportedServices(
            Find(OnvifNamespaces.Device),
            Find(OnvifNamespaces.Media),
            Find(OnvifNamespaces.Media2),
            Find(OnvifNamespaces.Ptz),
            Find(OnvifNamespaces.Imaging),
            Find(OnvifNamespaces.Events));

        Uri? Find(XNamespace ns) => byNamespace.GetValueOrDefault(ns.NamespaceName);
    }

    /// <summary>Service addresses from GetCapabilitiesResponse (tt:Capabilities/*/tt:XAddr). No Media2 there.</summary>
    public static ReportedServices ParseCapabilities(XElement response)
    {
        XElement capabilities = response.Child("Capabilities")
            ?? throw new OnvifProtocolException("GetCapabilities: the answer has no <Capabilities>.");
        return new ReportedServices(
            Address("Device"),
            Address("Media"),
            null,
            Address("PTZ"),
            Address("Imaging"),
            Address("Events"));

        Uri? Address(string category) => ParseAddress(capabilities.Child(category)?.ChildText("XAddr"), "GetCapabilities");
    }

    private static Uri? ParseAddress(string? text, string operation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Some cameras list several addresses separated by spaces (like WS-Discovery XAddrs): take the first.
        string first = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
        return Uri.TryCreate(first, UriKind.Absolute, out Uri? uri)
            ? uri
            : throw new OnvifProtocolException($"{operation}: '{first}' is not an absolute URL.");
    }
}
