using System.Buffers.Binary;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tests.Fuzz;

/// <summary>Safetensors header and data: every mutation opens and reads every tensor, or is a <see cref="CheckpointException"/>.</summary>
public sealed class SafetensorsFuzzTests
{
    [Fact]
    public void MutatedCheckpointsReadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "model.safetensors", ValidFile(directory.Path), Mutate, ReadEverything);
    }

    /// <summary>GPT-2's tiny tensors, cycling through F32, F16 and BF16.</summary>
    private static byte[] ValidFile(string directory)
    {
        var tensors = TinyModels.Gpt2Tensors(seed: 1, TensorDType.F32).Select((tensor, i) =>
        {
            var dtype = (TensorDType)(i % 3);
            return tensor with { DType = dtype, Values = [.. tensor.Values.Select(value => SafetensorsWriter.Stored(value, dtype))] };
        });
        var path = Path.Combine(directory, "seed.safetensors");
        SafetensorsWriter.Write(path, tensors);
        return File.ReadAllBytes(path);
    }

    /// <summary>Half the cases edit the JSON header (re-framed with its new length), half the raw file.</summary>
    private static FuzzMutation Mutate(Random random, byte[] file)
    {
        if (random.Next(2) == 0) return FuzzMutator.Binary(random, file);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var header = FuzzMutator.Json(random, file[8..(8 + headerLength)]);
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Bytes.Length);
        return header with { Bytes = [.. length, .. header.Bytes, .. file[(8 + headerLength)..]], Description = "header: " + header.Description };
    }

    private static void ReadEverything(string path)
    {
        using var file = SafetensorsFile.Open(path);
        foreach (var (name, info) in file.Tensors)
        {
            Assert.Equal(info.ByteLength, file.Bytes(name).Length);
            file.ReadSingles(name, [.. info.Shape]);
            file.ReadDoubles(name, [.. info.Shape]);
        }
    }
}
