using System.Buffers.Binary;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>The size of a JPEG, read from its frame header, to tell the installer what the box will send.</summary>
internal readonly record struct JpegInfo(int Width, int Height)
{
    public static JpegInfo? TryRead(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        var position = 2;
        while (position + 4 <= jpeg.Length)
        {
            if (jpeg[position] != 0xFF)
            {
                return null;
            }

            var marker = jpeg[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 2)..]);

            // SOF0..SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && position + 9 <= jpeg.Length)
            {
                return new JpegInfo(BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 5)..]));
            }

            position += 2 + length;
        }

        return null;
    }
}
