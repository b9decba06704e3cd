using System.Globalization;
using System.Text;

namespace Hardware.Onvif.Simulator;

/// <summary>
/// The committed JPEG (Simulator/snapshot.jpg, made with ImageMagick), with a JPEG comment segment
/// (COM, FF FE) after SOI that numbers each snapshot, so no two snapshots are the same bytes.
/// </summary>
internal static class SnapshotImage
{
    private static readonly byte[] s_base = RecordedResponses.ReadSnapshotJpeg();

    public static byte[] Create(int number, DateTimeOffset cameraTime)
    {
        byte[] comment = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"virtual camera snapshot #{number} at {cameraTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}"));
        int segmentLength = comment.Length + 2;
        var jpeg = new byte[s_base.Length + 2 + segmentLength];
        jpeg[0] = 0xFF;
        jpeg[1] = 0xD8;
        jpeg[2] = 0xFF;
        jpeg[3] = 0xFE;
        jpeg[4] = (byte)(segmentLength >> 8);
        jpeg[5] = (byte)segmentLength;
        comment.CopyTo(jpeg, 6);
        s_base.AsSpan(2).CopyTo(jpeg.AsSpan(6 + comment.Length));
        return jpeg;
    }
}
