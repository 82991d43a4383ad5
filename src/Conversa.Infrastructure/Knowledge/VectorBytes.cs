using System.Runtime.InteropServices;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>Vectors as stored: float32 in little-endian byte order (every platform .NET runs on here).</summary>
public static class VectorBytes
{
    public static byte[] FromFloats(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ToFloats(byte[] bytes) =>
        bytes.Length % sizeof(float) == 0 ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : [];
}
