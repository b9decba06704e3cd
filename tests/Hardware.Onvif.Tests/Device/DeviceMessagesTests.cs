using System.Xml.Linq;
using Hardware.Onvif.Device;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Tests.Device;

public sealed class DeviceMessagesTests
{
    private static XElement Response(string inner) => XElement.Parse(
        $"<tds:GetSystemDateAndTimeResponse xmlns:tds='{OnvifNamespaces.Device}' xmlns:tt='{OnvifNamespaces.Schema}'><tds:SystemDateAndTime>{inner}</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>");

    [Fact]
    public void WithoutUtc_FallsBackToLocalDateTime()
    {
        XElement response = Response("<tt:LocalDateTime><tt:Time><tt:Hour>8</tt:Hour><tt:Minute>5</tt:Minute><tt:Second>0</tt:Second></tt:Time>"
            + "<tt:Date><tt:Year>2031</tt:Year><tt:Month>7</tt:Month><tt:Day>14</tt:Day></tt:Date></tt:LocalDateTime>");

        Assert.Equal(new DateTimeOffset(2031, 7, 14, 8, 5, 0, TimeSpan.Zero), DeviceMessages.ParseSystemDateAndTime(response));
    }

    [Fact]
    public void WithNeitherTime_IsNull()
    {
        Assert.Null(DeviceMessages.ParseSystemDateAndTime(Response("<tt:DateTimeType>NTP</tt:DateTimeType>")));
    }

    [Fact]
    public void WithAnImpossibleDate_IsAProtocolError()
    {
        XElement response = Response("<tt:UTCDateTime><tt:Time><tt:Hour>1</tt:Hour><tt:Minute>0</tt:Minute><tt:Second>0</tt:Second></tt:Time>"
            + "<tt:Date><tt:Year>2024</tt:Year><tt:Month>13</tt:Month><tt:Day>40</tt:Day></tt:Date></tt:UTCDateTime>");

        Assert.Throws<OnvifProtocolException>(() => DeviceMessages.ParseSystemDateAndTime(response));
    }

    [Fact]
    public void ToDeviceServiceUri_AcceptsWhatAnInstallerTypes()
    {
        Assert.Equal("http://192.168.1.64/onvif/device_service", OnvifClient.ToDeviceServiceUri("192.168.1.64").ToString());
        Assert.Equal("http://cam.local:8080/onvif/device_service", OnvifClient.ToDeviceServiceUri("cam.local:8080").ToString());
        Assert.Equal("https://cam/onvif/device_service", OnvifClient.ToDeviceServiceUri("https://cam/").ToString());
        Assert.Equal("http://cam/custom/path", OnvifClient.ToDeviceServiceUri("http://cam/custom/path").ToString());
        Assert.Throws<ArgumentException>(() => OnvifClient.ToDeviceServiceUri("ftp://cam"));
    }
}
